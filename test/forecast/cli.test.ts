/**
 * `istibaq forecast` and `istibaq evaluate` refuse bad input with exit code 2 and name the option, before they
 * touch a database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';

let dataDir: string;

describe('the forecast commands on bad input', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'istibaq-forecast-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    [['evaluate', '--area', 'x', '--from', '2019-13-01', '--to', '2019-12-31'], '--from'],
    [['evaluate', '--area', 'x', '--from', '2019-02-01', '--to', '2019-01-01'], '--to'],
    [['evaluate', '--area', 'x', '--from', '2019-01-01', '--to', '2019-02-01', '--models', 'etas,oracle'], '--models'],
    [['evaluate', '--area', 'x', '--from', '2019-01-01', '--to', '2019-02-01', '--shares', '0.01,2'], '--shares'],
    [['evaluate', '--area', 'x', '--from', '2019-01-01', '--to', '2019-02-01', '--cell-size', '-5'], '--cell-size'],
    [
      ['evaluate', '--area', 'x', '--from', '2019-01-01', '--to', '2019-02-01', '--area-bounds', 'big'],
      '--area-bounds',
    ],
    [['forecast', '--area', 'x', '--as-of', 'yesterday'], '--as-of'],
    [['forecast', '--area', 'x', '--as-of', '2019-06-30', '--horizon', 'fortnight'], '--horizon'],
    [['forecast', '--area', 'x', '--as-of', '2019-06-30', '--horizon', 'toString'], '--horizon'],
    [['forecast', '--area', 'x', '--as-of', '2019-06-30', '--model', 'etas,kde'], '--model'],
    [['forecast', '--area', 'x', '--as-of', '2019-06-30', '--share', '0'], '--share'],
    [['forecast', '--area', 'x', '--as-of', '2019-06-30', '--training-days', '1.5'], '--training-days'],
    [['forecast', '--area', 'x', '--as-of', '2019-06-30', '--modulation', 'hourly'], '--modulation'],
    [['forecast', '--area', 'x'], '--as-of'],
    [['forecast', '--area', 'x', '--period', 'christmas', '--year', '2026'], '--period'],
    [['forecast', '--area', 'x', '--period', 'new-year'], '--year'],
    [['forecast', '--area', 'x', '--period-from', '2026-06-20'], '--period-to'],
    [
      ['evaluate', '--area', 'x', '--from', '2019-01-01', '--to', '2019-02-01', '--modulation', 'monthly'],
      '--modulation',
    ],
  ])('exits 2 naming the option for %j', { timeout: 60_000 }, async (args, option) => {
    const run = await runCli(args, { ISTIBAQ_DATA: dataDir, ISTIBAQ_DEMO: 'false' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(option);
  });

  it('exits 2 naming --area for an unknown area', { timeout: 60_000 }, async () => {
    const run = await runCli(['forecast', '--area', 'nowhere', '--as-of', '2019-06-30'], {
      ISTIBAQ_DATA: dataDir,
      ISTIBAQ_DEMO: 'false',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--area');
  });
});
