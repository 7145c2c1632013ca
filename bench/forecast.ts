/**
 * Forecast speed on real data: ETAS fitted to every Chicago aggravated assault of 2010–2019 (148,636 events, read
 * straight from ../shared/data/chicago-aggravated-assaults, no database) on 150 m cells over the points' extent, then
 * a week's forecast for the whole city. Baselines in the same run: the same EM with the pairwise E-step (every
 * earlier event of the cell, cut where e^(−ωΔt) < 2·10⁻¹⁶) for as many iterations, and the naive forecast.
 *
 *   npm run bench -- --only forecast
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { delayText } from '../src/analysis/forecast.js';
import { etasForecast, fitEtas } from '../src/analytics/forecast/etas.js';
import type { CellEvents } from '../src/analytics/forecast/events.js';
import { rankCells } from '../src/analytics/forecast/metrics.js';
import { naiveScores } from '../src/analytics/forecast/models.js';
import { areaProjection } from '../src/geo/study-grid.js';
import { sharedFile } from '../test/shared-data.js';

const cellSizeM = 150;

function chicagoEvents(): { events: CellEvents; cells: number; nx: number; ny: number; end: number } {
  const file = sharedFile('chicago-aggravated-assaults', 'chicago_aggravated_assaults.csv.gz');
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split(/\r?\n/).slice(1);
  const rows: { t: number; lon: number; lat: number }[] = [];
  const zero = Date.UTC(2010, 0, 1);
  for (const line of lines) {
    if (line === '') continue;
    const [date = '', , lon = '', lat = ''] = line.split(',');
    // Local clock times read as if UTC: days on Chicago's clock, which is all a fit in days needs.
    const t = (Date.parse(`${date.replace(' ', 'T')}:00Z`) - zero) / 86_400_000;
    rows.push({ t, lon: Number(lon), lat: Number(lat) });
  }
  rows.sort((a, b) => a.t - b.t);
  const projection = areaProjection(-87.68, 41.84);
  const xy = rows.map((r) => projection.forward(r.lon, r.lat));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of xy) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const nx = Math.ceil((maxX - minX) / cellSizeM) + 1;
  const ny = Math.ceil((maxY - minY) / cellSizeM) + 1;
  const cell = Int32Array.from(
    xy,
    ([x, y]) => Math.floor((y - minY) / cellSizeM) * nx + Math.floor((x - minX) / cellSizeM),
  );
  const time = Float64Array.from(rows, (r) => r.t);
  return { events: { cell, time }, cells: nx * ny, nx, ny, end: Math.floor((time[time.length - 1] ?? 0) + 1) };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function best(run: () => void, times: number): number {
  let fastest = Infinity;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

export async function benchForecast(): Promise<void> {
  await Promise.resolve();
  const { events, cells, nx, ny, end } = chicagoEvents();
  console.log(
    `Forecasts — ETAS on ${events.time.length.toLocaleString('en')} Chicago aggravated assaults 2010–2019, ${nx} × ${ny} cells of ${cellSizeM} m`,
  );
  let started = performance.now();
  const model = fitEtas(events, cells, { from: 0, to: end });
  const fitMs = performance.now() - started;
  console.log(
    `  fit (EM, recursive trigger sums)   ${(fitMs / 1000).toFixed(2)} s  ${model.iterations} iterations, converged: ${model.converged ? 'yes' : 'no'} (aim: under 30 s)`,
  );
  console.log(
    `    θ = ${model.theta.toFixed(4)}, 1/ω = ${delayText(model.omega)}, background ${((1 - model.theta) * 100).toFixed(0)} % of events (roughly)`,
  );
  started = performance.now();
  const pairwise = fitEtas(events, cells, { from: 0, to: end, eStep: 'pairwise', maxIterations: model.iterations });
  const pairwiseMs = performance.now() - started;
  console.log(
    `  fit, pairwise E-step (baseline)    ${(pairwiseMs / 1000).toFixed(2)} s  same ${pairwise.iterations} iterations, θ differs by ${Math.abs(pairwise.theta - model.theta).toExponential(1)}`,
  );
  console.log(`  pairwise / recursive               ${(pairwiseMs / fitMs).toFixed(1)}×`);
  let forecast: Float64Array = new Float64Array(0);
  const inside = new Uint8Array(cells).fill(1);
  const forecastMs = best(() => {
    forecast = etasForecast(model, end, 7);
    rankCells(forecast, inside);
  }, 5);
  const grid = { nx, ny, inside, cellSizeM };
  const naiveMs = best(() => rankCells(naiveScores({ events, grid, at: end, horizonDays: 7, from: 0 }), inside), 5);
  let expected = 0;
  for (const v of forecast) expected += v;
  console.log(
    `  week's forecast, ranked cells     ${ms(forecastMs)}  best of 5, ${expected.toFixed(0)} assaults expected (aim: under 200 ms)`,
  );
  console.log(
    `  naive forecast (baseline)          ${ms(naiveMs)}  ETAS / naive ${(forecastMs / naiveMs).toFixed(1)}×`,
  );
}
