/**
 * The forecast backtest on real data, written to docs/forecast-backtest.md and plotted in docs/forecast-backtest.svg:
 * Chicago's aggravated assaults (../shared/data/chicago-aggravated-assaults) imported with their preset and police
 * districts into an embedded database, then a weekly rolling-origin backtest over 2018–2019 of ETAS against the
 * baselines.
 *
 *   npx tsx bench/forecast-backtest.ts [--data DIR] [--cell-size 150] [--training-days 365]
 *
 * --data keeps the imported database in DIR and reuses it on the next run (default: a temporary folder).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  delayText,
  evaluateForecasts,
  evaluationHeader,
  evaluationTable,
  modelTitles,
  type Evaluation,
} from '../src/analysis/forecast.js';
import type { ShareSummary } from '../src/analytics/forecast/backtest.js';
import { forecastModels } from '../src/analytics/forecast/models.js';
import { importFile } from '../src/ingest/import/run-import.js';
import { rootDir } from '../src/paths.js';
import { backtestSvg } from '../src/report/backtest-svg.js';
import { findAreaByCode } from '../src/store/areas.js';
import { openDb } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { unrestricted } from '../src/store/scope.js';
import { sharedFile } from '../test/shared-data.js';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

const cellSize = Number(option('cell-size') ?? 150);
const trainingDays = Number(option('training-days') ?? 365);
const given = option('data');
const dataDir = given ?? mkdtempSync(join(tmpdir(), 'istibaq-forecast-'));
const shares = [0.005, 0.01, 0.02, 0.05];
const from = '2018-01-01';
const to = '2019-12-24'; // the last origin whose week ends inside the data (31 December 2019)

const reused = given !== undefined && existsSync(join(dataDir, 'pglite'));
const db = await openDb(join(dataDir, 'pglite'));
await migrateToLatest(db);
let evaluation: Evaluation;
let seconds: number;
const modulationFrom = '2019-07-01';
const modulated: Partial<Record<'none' | 'weekly', ShareSummary>> = {};
let modulatedOrigins: string[] = [];
try {
  if (!reused || !(await findAreaByCode(db, 'chicago-11'))) {
    const started = performance.now();
    const file = sharedFile('chicago-aggravated-assaults', 'chicago_aggravated_assaults.csv.gz');
    const summary = await importFile(db, file, { preset: 'chicago-aggravated-assaults' });
    console.log(
      `Imported ${summary.inserted.toLocaleString('en')} assaults in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const area = await findAreaByCode(db, 'chicago');
  if (!area) throw new Error('no area chicago after the import');
  const started = performance.now();
  evaluation = await evaluateForecasts(db, unrestricted, {
    area,
    from,
    to,
    cellSize,
    models: forecastModels,
    shares,
    horizon: 'week',
    trainingDays,
    constraints: { cellSizeM: { min: 76, max: 183 }, areaKm2: { min: 0.65, max: 1.94 } },
  });
  seconds = (performance.now() - started) / 1000;
  // Does a day-of-week × hour modulation of ETAS's background change the ranking? A shorter run: the last 26 origins.
  for (const kind of ['none', 'weekly'] as const) {
    const short = await evaluateForecasts(db, unrestricted, {
      area,
      from: modulationFrom,
      to,
      cellSize,
      models: ['etas'],
      shares: [0.01],
      horizon: 'week',
      trainingDays,
      modelOptions: { modulation: kind },
    });
    modulated[kind] = short.result.summary.etas?.[0];
    modulatedOrigins = short.origins;
  }
} finally {
  await db.destroy();
  if (given === undefined) rmSync(dataDir, { recursive: true, force: true });
}

const header = evaluationHeader(evaluation);
console.log(`${header.join('\n')}\n\n${evaluationTable(evaluation, 'text')}\n\n(${seconds.toFixed(0)} s)`);

const at = (model: string, share: number) => evaluation.result.summary[model]?.find((s) => s.share === share);
const etas1 = at('etas', 0.01);
const kde1 = at('kde', 0.01);
const beats = (etas1?.hitRate ?? 0) > (kde1?.hitRate ?? 0);
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
const etasParams = evaluation.result.etas;

const naive1 = at('naive', 0.01);
const theta = etasParams?.theta ?? 0;
const delayHours = etasParams ? 24 / etasParams.omega : 0;
const triggering =
  theta < 0.05
    ? `The self-exciting part is almost nil on these data: θ = ${theta.toFixed(3)} offspring per assault with a mean
delay of ${delayHours.toFixed(1)} hours. What EM finds to trigger are assaults in the same cell within an hour or
so of one another (most likely one incident recorded more than once, or with several victims; this was not
checked row by row), not repeat victimisation over the following days; a week's
forecast is then μₙ · 7 in all but a few cells. ETAS's ranking is, in effect, each 150 m cell's count over the
training year.`
    : `The self-exciting part matters here: θ = ${theta.toFixed(3)} offspring per assault with a mean delay of
${delayHours.toFixed(1)} hours, so recent assaults raise their cell's rank for the week ahead.`;
const why = `${triggering} Aggravated assaults concentrate at the scale of a block (a corner, a building, a
bar), and a cell's own long-run count keeps that concentration, where a 500 m quartic kernel spreads every
assault over about 35 cells and ranks whole neighbourhoods instead of their worst blocks. The naive model
(${pct(naive1?.hitRate)} at 1 %) shows that one week is too little history: at this scale most cells have no assault in
a given week, and the long-run rate carries the signal. A narrower kernel might close part of the gap (not
tried here: the comparison keeps the defaults that \`istibaq evaluate\` uses).`;

const markdown = `# Forecast backtest: Chicago aggravated assaults, 2018–2019

Generated by \`npx tsx bench/forecast-backtest.ts\` (models: \`src/analytics/forecast/\`; the same backtest is
\`istibaq evaluate --area chicago --from ${from} --to ${to} --cell-size ${cellSize} --training-days ${trainingDays}\`
on a database holding the import). It took ${seconds.toFixed(0)} s here, after the import.

## What was run

- **Data**: ../shared/data/chicago-aggravated-assaults (City of Chicago / CPD, 148,636 aggravated assaults
  2010–2019, times to the minute), imported with the \`chicago-aggravated-assaults\` preset and the 2018 police
  district boundaries; the study area is the city (the union of the districts).
- **Grid**: ${cellSize} m square cells in the city's own transverse Mercator projection, ${evaluation.cellsInside.toLocaleString('en')} cells
  inside the city (cells whose centre is in a district). NIJ-style constraints: cells of 76–183 m (250–600 ft) and a
  flagged area of 0.65–1.94 km² (0.25–0.75 sq mi), the Real-Time Crime Forecasting Challenge's; shares whose area
  falls outside are marked †. Those bounds were set for Portland (about 375 km²); Chicago's city is larger, so even
  0.5 % of it exceeds 1.94 km² and every row below is marked.
- **Origins**: weekly, on Mondays, ${evaluation.origins.length} origins from ${evaluation.origins[0]} to
  ${evaluation.origins[evaluation.origins.length - 1]} at local midnight; the horizon is the seven days that follow.
- **Training**: at each origin every model sees only the assaults of the ${trainingDays} days strictly before it
  (a unit test changes and adds events after an origin and gets the identical forecast).
- **Records**: ${evaluation.provenanceNote}. This file has no provenance column, so the import records every assault
  as a citizen report and the filter leaves all of them in; on data that distinguishes police-initiated records
  they would be left out.
- **Models**:
  - *ETAS*: Mohler et al. (2015)'s grid self-exciting model, μₙ per cell, θ and ω shared, fitted by EM at each
    origin (warm-started from the previous origin). At the last origin θ = ${etasParams ? etasParams.theta.toFixed(3) : '–'} and
    1/ω = ${etasParams ? delayText(etasParams.omega) : '–'}. Cells are ranked by the expected count over the week.
  - *Prospective hot-spotting*: Bowers, Johnson & Pease (2004), 400 m and 60 days, weight
    1/((1 + cells away)(1 + weeks ago)).
  - *Retrospective KDE*: the quartic kernel of \`src/analytics/kde.ts\`, radius 500 m, over the training year.
  - *Naive*: last week's count per cell.
- **Metrics** (\`src/analytics/forecast/metrics.ts\`): hit rate, PAI (Chainey et al. 2008), PEI (NIJ 2017), RRI
  (Levine 2008); means over the origins, and the pooled hit rate (all captured / all assaults). Ties in a ranking go
  to the lower cell index.

## Results

${header.slice(0, 3).join('  \n')}

${evaluationTable(evaluation, 'markdown')}

![Hit rate and PAI against the share of the city flagged, one line per model](forecast-backtest.svg)

## Does ETAS beat the retrospective KDE at 1 %?

${
  beats
    ? `Yes, at 1 % of the area ETAS caught ${pct(etas1?.hitRate)} of the following week's assaults on average, the KDE ${pct(kde1?.hitRate)}${theta < 0.05 ? ' — but not because of self-excitation' : ''}.`
    : `No. At 1 % of the area ETAS caught ${pct(etas1?.hitRate)} of the following week's assaults on average, the
retrospective KDE ${pct(kde1?.hitRate)}.`
}

${why}

## Day-of-week and hour modulation

ETAS can take a background μₙ · m(t), m a day-of-week × hour-of-day factor in Chicago time learned from the
training assaults (each weighted by its probability of being background, re-estimated at every EM iteration,
shrunk towards 1 and averaging 1 over the training year; \`src/analytics/forecast/modulation.ts\`). Over the
${modulatedOrigins.length} weekly origins from ${modulatedOrigins[0]} to ${modulatedOrigins[modulatedOrigins.length - 1]}, ETAS caught ${pct(modulated.none?.hitRate)} of the week's
assaults at 1 % of the area without it (PAI ${modulated.none?.pai?.toFixed(2) ?? '–'}) and ${pct(modulated.weekly?.hitRate)} with it
(PAI ${modulated.weekly?.pai?.toFixed(2) ?? '–'}):
\`istibaq evaluate --area chicago --from ${modulationFrom} --to ${to} --cell-size ${cellSize} --training-days ${trainingDays} --models etas --shares 0.01 --modulation weekly\`
(and \`--modulation none\`). m multiplies every cell's background alike, so it moves a cell's rank only through
the share of its assaults EM calls triggered, which is small here (θ ≈ ${theta.toFixed(3)}); a week holds every hour of the week,
so the expected total barely moves either. The modulation matters for the expected count of a shift (a Friday night
against a Monday morning), not for which cells to flag, and the default stays \`none\`.
`;

writeFileSync(join(rootDir, 'docs', 'forecast-backtest.md'), markdown);
writeFileSync(
  join(rootDir, 'docs', 'forecast-backtest.svg'),
  backtestSvg(evaluation, { labels: modelTitles, title: 'Forecast backtest, aggravated assaults' }),
);
console.log('Wrote docs/forecast-backtest.md and docs/forecast-backtest.svg');
