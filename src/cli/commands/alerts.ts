import type { Command } from 'commander';
import { alertsOfArea, scanDay } from '../../analysis/monitoring.js';
import type { Alert } from '../../contract/monitoring.js';
import { isCategoryCode } from '../../domain/category.js';
import { defaultTimeZone, isIsoDay, zonedDay } from '../../domain/time.js';
import { countryCode } from '../../geo/morocco.js';
import { findAreaByCode } from '../../store/areas.js';
import { lastDayWithData } from '../../store/monitoring.js';
import { unrestricted } from '../../store/scope.js';
import { output, UsageError, withDatabase } from '../context.js';

function checkDay(value: string | undefined, option: string): void {
  if (value !== undefined && !(isIsoDay(value) && value >= '1900-01-01')) {
    throw new UsageError(`${option}: not a calendar day: ${value}`);
  }
}

/** One alert a line: day, area, category, observed against expected and the upper limit, the score. */
function alertLine(a: Alert): string {
  const score = a.score === null ? '' : ` (${a.score >= 0 ? '+' : ''}${a.score.toFixed(1)}σ)`;
  const ack = a.acknowledgedBy === null ? '' : ` — acknowledged by ${a.acknowledgedBy}`;
  return (
    `${a.day}  ${a.area.code.padEnd(14)} ${a.area.nameFr.padEnd(24)} ${a.category.padEnd(18)} ` +
    `${String(a.observed).padStart(5)} observed, ${a.expected.toFixed(1)} expected, upper ${a.upper.toFixed(1)}${score}${ack}`
  );
}

export function alertsCommand(program: Command): void {
  const alerts = program
    .command('alerts')
    .description('Daily indicators under monitoring: scan a day for counts above their control limits, list alerts');

  alerts
    .command('scan')
    .description(
      'Evaluate a day for every area from the city level up and every category (expected: the same weekday over ' +
        '8 weeks × a seasonal factor; upper limit: expected + 3σ) and store an alert for each excess. ' +
        'Scanning a day again adds no alert twice. Alerts stored here reach live streams at the next server scan',
    )
    .option('--day <day>', 'the day, YYYY-MM-DD (default: the latest day with data before today)')
    .option('--area <code>', 'only this area and the areas inside it')
    .option('--json', 'print the result as JSON')
    .action(async (options: { day?: string; area?: string; json?: boolean }) => {
      checkDay(options.day, '--day');
      await withDatabase(async (db) => {
        let withinAreaId: number | null = null;
        if (options.area !== undefined) {
          const area = await findAreaByCode(db, options.area);
          if (!area) throw new UsageError(`--area: no area with code ${options.area}`);
          withinAreaId = area.id;
        }
        const now = new Date();
        const day = options.day ?? (await lastDayWithData(db, zonedDay(now, defaultTimeZone)));
        if (day === null) throw new UsageError('--day: the database holds no incidents yet; which day?');
        const result = await scanDay(db, { day, withinAreaId, now });
        output(Boolean(options.json), result, () =>
          [
            `Scanned ${result.day}: ${result.areas} areas, ${result.evaluated} indicators with at least 1 incident ` +
              `a day expected; ${result.raised.length} new alert(s).`,
            ...result.raised.map(alertLine),
          ].join('\n'),
        );
      });
    });

  alerts
    .command('list')
    .description('List stored alerts of an area and the areas inside it, the latest day first')
    .option('--area <code>', `the area (default: the country, ${countryCode})`)
    .option('--from <day>', 'first day, YYYY-MM-DD')
    .option('--to <day>', 'last day, YYYY-MM-DD')
    .option('--category <code>', 'one category')
    .option('--limit <n>', 'at most this many (default 100)')
    .option('--json', 'print as JSON (the API’s items)')
    .action(
      async (options: {
        area?: string;
        from?: string;
        to?: string;
        category?: string;
        limit?: string;
        json?: boolean;
      }) => {
        checkDay(options.from, '--from');
        checkDay(options.to, '--to');
        if (options.category !== undefined && !isCategoryCode(options.category)) {
          throw new UsageError(`--category: not a category code: ${options.category}`);
        }
        const limit = options.limit === undefined ? 100 : Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: not a positive whole number`);
        await withDatabase(async (db) => {
          const code = options.area ?? countryCode;
          const area = await findAreaByCode(db, code);
          if (!area) throw new UsageError(`--area: no area with code ${code}`);
          const list = await alertsOfArea(db, unrestricted, {
            areaId: area.id,
            limit,
            ...(options.from === undefined ? {} : { from: options.from }),
            ...(options.to === undefined ? {} : { to: options.to }),
            ...(options.category === undefined ? {} : { category: options.category }),
          });
          output(Boolean(options.json), list, () =>
            list.length === 0 ? `No alerts in ${area.nameFr} (${area.code}).` : list.map(alertLine).join('\n'),
          );
        });
      },
    );
}
