/**
 * Forecasts through the store on the small demo (PGlite): by default the models learn from citizen reports and
 * calls for service, and police-initiated records come in only when asked for; the forecast flags the share of
 * cells asked for, best first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateForecasts, forecastCells } from '../../src/analysis/forecast.js';
import { findAreaByCode, type AreaRow } from '../../src/store/areas.js';
import { unrestricted } from '../../src/store/scope.js';
import { seededDb, type TestDb } from '../db.js';

describe('forecasts on the small demo', () => {
  let t: TestDb;
  let casablanca: AreaRow;
  beforeAll(async () => {
    t = await seededDb('pglite');
    const area = await findAreaByCode(t.db, '06.141.01.0');
    if (!area) throw new Error('no Casablanca in the demo');
    casablanca = area;
  }, 300_000);
  afterAll(() => t?.drop());

  const request = () => ({
    area: casablanca,
    from: '2026-09-07',
    to: '2026-09-21',
    cellSize: 500,
    models: ['naive', 'etas'] as const,
    shares: [0.05],
    trainingDays: 90,
  });

  it('leaves police-initiated records out unless asked, and says which were used', async () => {
    const citizen = await evaluateForecasts(t.db, unrestricted, request());
    const all = await evaluateForecasts(t.db, unrestricted, { ...request(), includePoliceInitiated: true });
    expect(citizen.provenances).toEqual(['citizen_report', 'call_for_service']);
    expect(citizen.provenanceNote).toMatch(/police-initiated records left out/);
    expect(all.provenances).toContain('police_initiated');
    expect(all.incidents).toBeGreaterThan(citizen.incidents);
    expect(citizen.origins).toEqual(['2026-09-07', '2026-09-14', '2026-09-21']);
    expect(citizen.result.summary.etas?.[0]?.hitRate).toBeGreaterThan(0.05);
  });

  it('flags the share of cells asked for, ranked by score', async () => {
    const f = await forecastCells(t.db, unrestricted, {
      area: casablanca,
      asOf: '2026-09-30',
      horizon: 'day',
      model: 'etas',
      share: 0.02,
      cellSize: 500,
      trainingDays: 120,
    });
    expect(f.cells).toHaveLength(Math.max(1, Math.floor(0.02 * f.cellsInside)));
    const scores = f.cells.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(f.etas?.converged).toBe(true);
    expect(f.start).toBe('2026-09-30T23:00:00.000Z'); // local midnight of 1 October in Casablanca (UTC+1)
  });
});
