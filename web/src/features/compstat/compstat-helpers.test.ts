import { describe, expect, it } from 'vitest';
import type { Compstat } from '../../../../src/contract/compstat.js';
import { formatters } from '../../i18n/format.js';
import { changeText, changeView } from './change.js';
import { linePoints, niceMax, pathOf } from './chart.js';
import { heatColour, heatColours, heatScale } from './heat-scale.js';
import { baselineChoices, defaultSettings, patternWindow, readSettings, writeSettings } from './settings.js';

type Change = Compstat['total']['days28']['lastYear'];

const change = (over: Partial<Change>): Change => ({
  incidents: 20,
  solved: 0,
  clearancePct: 0,
  changePct: 15,
  changeNote: null,
  pValue: 0.5,
  significant: false,
  ...over,
});

describe('changeView and changeText', () => {
  const fr = formatters('fr').change;
  const en = formatters('en').change;

  it('writes a plain change as a signed whole percent, unmarked', () => {
    const view = changeView(23, change({ changePct: 15 }));
    expect(view).toMatchObject({ pct: 15, direction: 'up', significant: false, mark: '' });
    expect(changeText(view, en)).toBe('+15%');
    expect(changeText(view, fr)).toBe('+15\u00a0%');
  });

  it('marks a significant rise ▲ and a significant fall ▼', () => {
    expect(changeText(changeView(40, change({ changePct: 100, significant: true, pValue: 0.004 })), en)).toBe(
      '+100% ▲',
    );
    expect(changeText(changeView(5, change({ changePct: -75, significant: true })), en)).toBe('-75% ▼');
  });

  it('withholds the percentage on a small base but keeps the direction and the mark', () => {
    const view = changeView(23, change({ incidents: 2, changePct: null, changeNote: 'small_base', significant: true }));
    expect(view).toMatchObject({ pct: null, direction: 'up', mark: '▲' });
    expect(changeText(view, en)).toBe('— ▲');
    expect(changeText(changeView(0, change({ incidents: 0, changePct: null, changeNote: 'small_base' })), en)).toBe(
      '—',
    );
  });
});

describe('heatScale', () => {
  it('puts zero apart and splits 1 … max into five classes of equal width', () => {
    const scale = heatScale(10);
    expect(scale.legend).toEqual([
      { cls: 1, from: 1, to: 2 },
      { cls: 2, from: 3, to: 4 },
      { cls: 3, from: 5, to: 6 },
      { cls: 4, from: 7, to: 8 },
      { cls: 5, from: 9, to: 10 },
    ]);
    expect([0, 1, 2, 3, 8, 9, 10].map(scale.classOf)).toEqual([0, 1, 1, 2, 4, 5, 5]);
  });

  it('puts every count in the class whose legend range holds it, for awkward maxima', () => {
    for (const max of [1, 3, 7, 13, 96]) {
      const scale = heatScale(max);
      expect(scale.classes).toBe(Math.min(5, max));
      for (let v = 1; v <= max; v++) {
        const entry = scale.legend.find((l) => v >= l.from && v <= l.to);
        expect({ max, v, cls: entry?.cls }).toEqual({ max, v, cls: scale.classOf(v) });
      }
    }
  });

  it('has no classes above zero when nothing was counted, and spreads few classes over the palette', () => {
    expect(heatScale(0)).toMatchObject({ classes: 1, legend: [] });
    expect(heatScale(0).classOf(0)).toBe(0);
    expect(heatColour(0, 3)).toBe(heatColours[0]);
    expect([1, 2, 3].map((c) => heatColour(c, 3))).toEqual([heatColours[2], heatColours[4], heatColours[5]]);
  });
});

describe('line chart geometry', () => {
  it('rounds axis tops up to 1, 2 or 5 × 10ⁿ', () => {
    expect([0, 1, 3, 10, 11, 48, 120, 5000].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 200, 5000]);
  });

  it('places values left to right, zero at the bottom, the top at max', () => {
    const points = linePoints([0, 5, 10], { width: 200, height: 50, max: 10 });
    expect(points).toEqual([
      [0, 50],
      [100, 25],
      [200, 0],
    ]);
    expect(pathOf(points)).toBe('M0 50 L100 25 L200 0');
    expect(linePoints([4], { width: 200, height: 50, max: 8 })).toEqual([[100, 25]]);
    expect(pathOf([])).toBe('');
  });
});

describe('CompStat page settings', () => {
  it('reads back what it writes and leaves defaults out of the address', () => {
    expect(writeSettings(defaultSettings)).toBe('');
    const settings = { asOf: '2024-02-29', baselineYear: 2021, weeks: 26, category: 'theft', span: 'weeks52' } as const;
    expect(writeSettings(settings)).toBe('asOf=2024-02-29&baselineYear=2021&weeks=26&category=theft&span=weeks52');
    expect(readSettings(writeSettings(settings))).toEqual(settings);
  });

  it('falls back to defaults for anything unreadable', () => {
    expect(readSettings('asOf=2024-02-30&baselineYear=soon&weeks=7&category=arson&span=decade')).toEqual(
      defaultSettings,
    );
  });

  it('gives each pattern period its days, ending on the as-of day', () => {
    expect(patternWindow('2024-02-29', 'days28')).toEqual({ from: '2024-02-02', to: '2024-02-29' });
    expect(patternWindow('2024-02-29', 'yearToDate')).toEqual({ from: '2024-01-01', to: '2024-02-29' });
    expect(patternWindow('2024-02-29', 'weeks52')).toEqual({ from: '2023-03-03', to: '2024-02-29' });
  });

  it('offers the ten years before the as-of day’s as baselines, and keeps an older choice', () => {
    expect(baselineChoices('2026-11-19', null)).toEqual([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016]);
    expect(baselineChoices('2026-11-19', 2001).at(-1)).toBe(2001);
  });
});
