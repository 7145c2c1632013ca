/**
 * Forecasts for a named period on the small demo (PGlite, three years to 20 November 2026): the demo's New Year
 * peak (31 December × 1.35, 1 January × 1.6, docs/synthetic-data.md) shows as an uplift learned from past years.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastPeriod, periodExpectations } from '../../src/analysis/period-forecast.js';
import { findAreaByCode, type AreaRow } from '../../src/store/areas.js';
import { unrestricted } from '../../src/store/scope.js';
import { seededDb, type TestDb } from '../db.js';

describe('period forecasts on the small demo', () => {
  let t: TestDb;
  let morocco: AreaRow;
  beforeAll(async () => {
    t = await seededDb('pglite');
    const area = await findAreaByCode(t.db, 'MA');
    if (!area) throw new Error('no country in the demo');
    morocco = area;
  }, 300_000);
  afterAll(() => t?.drop());

  it('finds the New Year peak in the same period of past years', async () => {
    const e = await periodExpectations(t.db, unrestricted, {
      area: morocco,
      period: { kind: 'named', name: 'new-year' },
      year: 2027,
      yearsBack: 4,
      model: 'same-period',
      cellSize: 5000,
    });
    // New Year 2023 (31 December 2022) falls before the demo's first day, so it is left out.
    expect(e.period.yearsUsed).toEqual([2026, 2025, 2024]);
    expect(e.period.from).toBe('2026-12-31T17:00:00.000Z'); // 18:00 in Casablanca (UTC+1)
    expect(e.uplift).toBeGreaterThan(1.2);
  });

  it('finds no uplift for ordinary days recurring on the same dates', async () => {
    const e = await periodExpectations(t.db, unrestricted, {
      area: morocco,
      period: { kind: 'custom', name: 'october', from: '2026-10-05', to: '2026-10-14' },
      year: 2026,
      model: 'same-period',
      cellSize: 5000,
    });
    expect(e.period.yearsUsed).toEqual([2025, 2024]);
    expect(e.uplift).toBeGreaterThan(0.75);
    expect(e.uplift).toBeLessThan(1.25);
  });

  it('multiplies the model’s forecast for the period’s length by the uplift, and flags the share asked for', async () => {
    const request = {
      area: morocco,
      period: { kind: 'named', name: 'new-year' },
      year: 2027,
      asOf: '2026-11-19',
      cellSize: 5000,
      share: 0.05,
    } as const;
    const f = await forecastPeriod(t.db, unrestricted, { ...request, model: 'naive' });
    expect(f.period.name).toBe('new-year');
    expect(f.horizonDays).toBeCloseTo(1.5, 9);
    expect(f.cells).toHaveLength(Math.max(1, Math.floor(0.05 * f.cellsInside)));
    const all = await periodExpectations(t.db, unrestricted, { ...request, model: 'naive' });
    expect(all.cells).toHaveLength(f.cellsInside);
    const top = all.cells.find((c) => c.cell === f.cells[0]?.cell);
    expect(top?.expected).toBeCloseTo(f.cells[0]?.score as number, 12);
    expect(top?.uplift).toBeGreaterThan(0);
  });
});
