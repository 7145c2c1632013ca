import type { Command } from 'commander';
import { addDays, defaultTimeZone, isIsoDay, zonedInstant } from '../../domain/time.js';
import { seedDemo, demoAccounts, demoPassword } from '../../ingest/demo.js';
import { withDatabase, output, UsageError, n } from '../context.js';
import { progressReporter } from '../progress.js';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('Reset the database to a freshly generated synthetic demo (every incident and call is replaced)')
    .option('--scale <number>', 'volume: 1 = national (about 750,000 cases a year)', '1')
    .option('--seed <integer>', 'seed of the generator (same seed, same data)', '2026')
    .option('--until <date>', 'last day or instant of history (default: now)')
    .option('--years <integer>', 'years of history', '3')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { scale: string; seed: string; until?: string; years: string; json?: boolean }) => {
      const scale = Number(options.scale);
      const seed = Number(options.seed);
      const years = Number(options.years);
      if (!(scale > 0 && scale <= 10)) {
        throw new UsageError(`--scale: expected a number in (0, 10], got ${options.scale}`);
      }
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${options.seed}`);
      if (!Number.isInteger(years) || years < 1 || years > 10) {
        throw new UsageError(`--years: expected 1 to 10, got ${options.years}`);
      }
      // A day means its last instant in local time (Africa/Casablanca).
      const until =
        options.until === undefined
          ? new Date()
          : isIsoDay(options.until)
            ? new Date(zonedInstant(addDays(options.until, 1), 0, defaultTimeZone).getTime() - 1)
            : new Date(options.until);
      if (Number.isNaN(until.getTime())) throw new UsageError(`--until: not a date: ${options.until}`);
      await withDatabase(async (db) => {
        const progress = progressReporter();
        const info = await seedDemo(db, { seed, scale, until, years, onProgress: progress });
        progress.stop();
        output(Boolean(options.json), info, () =>
          [
            `Generated the synthetic demo: ${n(info.incidents)} incidents and ${n(info.calls)} calls for service`,
            `in ${info.cities} cities, ${info.from} to ${info.until.slice(0, 10)} (seed ${info.seed}, scale ${info.scale}) in ${info.seconds} s.`,
            `Demo accounts (password ${demoPassword}): ${demoAccounts.map((a) => a.username).join(', ')}`,
          ].join('\n'),
        );
      });
    });
}
