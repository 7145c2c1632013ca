import type { Command } from 'commander';
import { databaseUrl, readConfig } from '../../config.js';
import { countryCode } from '../../geo/morocco.js';
import { ensureDemoPlanPartners } from '../../ingest/demo-plans.js';
import { demoAccounts, demoInfo, demoPassword, ensureDemoUsers, seedDemo } from '../../ingest/demo.js';
import { ensureMoroccoGeography } from '../../ingest/geography.js';
import { AlertFeed } from '../../analysis/alert-feed.js';
import { AlertMonitor } from '../../server/alert-monitor.js';
import { buildApp } from '../../server/app.js';
import { ImportRunner } from '../../server/import-runner.js';
import { systemActor } from '../../store/audit.js';
import { failInterruptedImports } from '../../store/imports.js';
import { engineOf, openDb } from '../../store/db.js';
import { migrateToLatest } from '../../store/migrate.js';
import { sweepRegister } from '../../store/register.js';
import { version } from '../../version.js';
import { n } from '../context.js';
import { progressReporter } from '../progress.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description(
      'Serve the API and the web app. On an empty database, loads Morocco’s geography and, in demo mode ' +
        '(ISTIBAQ_DEMO, on by default), generates the synthetic demo first',
    )
    .action(async () => {
      const config = readConfig();
      const url = databaseUrl(config);
      const db = await openDb(url);
      const engine = engineOf(db);
      say(`Istibaq ${version} — database: ${engine === 'pglite' ? `PGlite in ${url}` : 'PostgreSQL'}`);
      const applied = await migrateToLatest(db);
      if (applied.length > 0) say(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
      const geography = await ensureMoroccoGeography(db);
      if (geography.loaded) {
        say(
          `Loaded Morocco’s geography: ${n(geography.areas)} areas (HCP 2024 census, OpenStreetMap boundaries) and ${n(geography.policeUnits)} police units (illustrative).`,
        );
      }
      if (config.ISTIBAQ_DEMO) {
        const info = await demoInfo(db);
        const empty = !(await db.selectFrom('incident').select('id').limit(1).executeTakeFirst());
        if (!info && empty) {
          say(
            `Generating the synthetic demo (scale ${config.ISTIBAQ_DEMO_SCALE}, ${config.ISTIBAQ_DEMO_YEARS} years, seed ${config.ISTIBAQ_DEMO_SEED}); this happens once.`,
          );
          const progress = progressReporter(process.stdout);
          const made = await seedDemo(db, {
            seed: config.ISTIBAQ_DEMO_SEED,
            scale: config.ISTIBAQ_DEMO_SCALE,
            years: config.ISTIBAQ_DEMO_YEARS,
            until: new Date(),
            onProgress: progress,
          });
          progress.stop();
          say(
            `Generated ${n(made.incidents)} synthetic incidents and ${n(made.calls)} calls for service in ${made.cities} cities (${made.from} to ${made.until.slice(0, 10)}) in ${made.seconds} s — ${Math.round(made.incidents / made.seconds).toLocaleString('en')} incidents/s.`,
          );
        } else if (info) {
          await ensureDemoUsers(db);
          await ensureDemoPlanPartners(db);
          say(
            `Synthetic demo: ${n(info.incidents)} incidents and ${n(info.calls)} calls, generated ${info.generatedAt.slice(0, 10)} (seed ${info.seed}).`,
          );
        } else {
          say('The database holds imported records and no demo: demo mode adds only the demo accounts.');
          await ensureDemoUsers(db);
        }
        say(`Demo accounts (password “${demoPassword}”): ${demoAccounts.map((a) => a.username).join(', ')}`);
      }
      const interrupted = await failInterruptedImports(db);
      if (interrupted > 0) {
        say(`${interrupted} import(s) were cut off when the server last stopped; they are marked failed.`);
      }
      const alerts = new AlertFeed();
      const monitor = new AlertMonitor({
        db,
        feed: alerts,
        now: () => new Date(),
        onError: (error) => process.stderr.write(`istibaq: the alert scan failed: ${String(error)}\n`),
      });
      const imports = new ImportRunner(db, { afterImport: () => monitor.afterImport() });
      const app = await buildApp(
        {
          db,
          version,
          demo: config.ISTIBAQ_DEMO,
          tileUrl: config.ISTIBAQ_TILE_URL || null,
          tileAttribution: config.ISTIBAQ_TILE_ATTRIBUTION || null,
          sessionHours: config.ISTIBAQ_SESSION_HOURS,
          secureCookies: config.ISTIBAQ_SECURE_COOKIES,
          now: () => new Date(),
          defaultArea: countryCode,
          imports,
          importMaxBytes: config.ISTIBAQ_IMPORT_MAX_MB * 1024 * 1024,
          alerts,
          publicK: config.ISTIBAQ_PUBLIC_K,
          signInThrottle: { maxFailures: config.ISTIBAQ_LOCKOUT_ATTEMPTS, lockMinutes: config.ISTIBAQ_LOCKOUT_MINUTES },
        },
        { logger: { level: config.LOG_LEVEL } },
      );
      // The register's sweep (README, "Restricted register"), at start and then hourly: reads already leave lapsed
      // entries out, so this only records lapses and blanks old entries' personal fields on time.
      const sweep = () =>
        sweepRegister(db, new Date(), systemActor).then(
          (r) => {
            if (r.expired > 0 || r.minimised > 0) {
              say(`Register sweep: ${n(r.expired)} entries newly expired, ${n(r.minimised)} entries minimised.`);
            }
          },
          (error: unknown) => process.stderr.write(`istibaq: the register sweep failed: ${String(error)}\n`),
        );
      const sweeper = setInterval(() => void sweep(), 3_600_000);
      sweeper.unref();
      const close = async () => {
        clearInterval(sweeper);
        monitor.stop();
        await app.close();
        await db.destroy();
        process.exit(0);
      };
      process.once('SIGINT', () => void close());
      process.once('SIGTERM', () => void close());
      await app.listen({ port: config.PORT, host: config.HOST });
      const port = (app.server.address() as { port: number } | null)?.port ?? config.PORT;
      say(`Istibaq is serving http://localhost:${port}/ (API: http://localhost:${port}/api/openapi.json)`);
      // The first scan runs while the server answers; then one an hour for each newly complete day.
      void sweep();
      void monitor.start().then((results) => {
        for (const r of results) {
          say(`Alert scan of ${r.day}: ${r.evaluated} indicators, ${r.raised.length} new alert(s).`);
        }
      });
    });
}
