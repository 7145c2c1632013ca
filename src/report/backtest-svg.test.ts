import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { ShareSummary } from '../analytics/forecast/backtest.js';
import { backtestSvg, niceTicks, type BacktestPlotInput } from './backtest-svg.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  text: string;
}

/** Parses strictly (saxes throws on any well-formedness error) and lists every element with its own text. */
function parseSvg(svg: string): Element[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: Element[] = [];
  const open: Element[] = [];
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, a] of Object.entries(tag.attributes)) attributes[name] = typeof a === 'string' ? a : a.value;
    const element = { name: tag.local ?? tag.name, attributes, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open[open.length - 1];
    if (current) current.text += text;
  });
  parser.on('closetag', () => void open.pop());
  parser.write(svg).close();
  return elements;
}

const summary = (share: number, hitRate: number, pai: number): ShareSummary => ({
  share,
  cells: 1,
  areaKm2: 1,
  withinConstraints: true,
  hitRate,
  pooledHitRate: hitRate,
  pai,
  pei: null,
  rri: null,
});

const shares = [0.05, 0.005, 0.02, 0.01]; // out of order on purpose: the plot sorts by share
const input: BacktestPlotInput = {
  area: { code: 'c&o', name: 'Town <North> & "South"' },
  origins: ['2019-01-07', '2019-01-14', '2019-01-21'],
  horizon: 'week',
  horizonDays: 7,
  trainingDays: 365,
  cellSizeM: 150,
  provenanceNote: 'learned from citizen reports and calls for service only',
  modulationNote: 'background constant in time',
  result: {
    summary: {
      etas: shares.map((s) => summary(s, 2 * s + 0.01, (2 * s + 0.01) / s)),
      kde: shares.map((s) => summary(s, 1.5 * s, 1.5)),
      naive: shares.map((s) => summary(s, s, 1)),
    },
  },
};
const labels = { etas: 'ETAS (self-exciting)', kde: 'Retrospective KDE', naive: 'Naive <last>' };

describe('backtestSvg', () => {
  const svg = backtestSvg(input, { labels });
  const elements = parseSvg(svg);

  it('is well-formed XML with an svg root in the SVG namespace', () => {
    expect(elements[0]?.name).toBe('svg');
    expect(elements[0]?.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
  });

  it('draws one line per model and panel, with a point per share placed left to right', () => {
    const lines = elements.filter((e) => e.name === 'polyline');
    expect(lines).toHaveLength(3 * 2); // hit rate and PAI panels
    for (const line of lines) {
      const points = (line.attributes.points ?? '').split(' ').map((p) => p.split(',').map(Number));
      expect(points).toHaveLength(shares.length);
      const xs = points.map(([x]) => x as number);
      for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1] as number);
    }
    const hitLines = lines.slice(0, 3);
    // The better model sits higher (a smaller y) at every share.
    const ys = hitLines.map((l) => (l.attributes.points ?? '').split(' ').map((p) => Number(p.split(',')[1])));
    for (let i = 0; i < shares.length; i++) {
      expect(ys[0]?.[i]).toBeLessThan(ys[1]?.[i] as number);
      expect(ys[1]?.[i]).toBeLessThan(ys[2]?.[i] as number);
    }
  });

  it('names every model in the legend and escapes text', () => {
    const texts = elements.filter((e) => e.name === 'text').map((e) => e.text);
    for (const label of Object.values(labels)) expect(texts).toContain(label);
    expect(texts.some((t) => t.includes('Town <North> & "South" (c&o)'))).toBe(true);
    expect(svg).toContain('Town &#60;North&#62; &#38; &#34;South&#34;');
    expect(svg).not.toContain('<North>');
  });

  it('names the area, the period and the records used', () => {
    const all = elements.map((e) => e.text).join('\n');
    expect(all).toContain('3 weekly origins 2019-01-07 to 2019-01-21');
    expect(all).toContain('learned from citizen reports and calls for service only');
    expect(all).toContain('Modulation: background constant in time');
  });

  it('gives the same bytes for the same evaluation, and draws the PAI panel only when asked', () => {
    expect(backtestSvg(structuredClone(input), { labels })).toBe(svg);
    const single = parseSvg(backtestSvg(input, { labels, pai: false }));
    expect(single.filter((e) => e.name === 'polyline')).toHaveLength(3);
  });

  it('chooses round ticks that cover the data', () => {
    expect(niceTicks(33.5)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
