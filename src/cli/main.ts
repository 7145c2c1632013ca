import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { DemoNotAllowedError } from '../ingest/demo.js';
import { version } from '../version.js';
import { alertsCommand } from './commands/alerts.js';
import { areasCommand } from './commands/areas.js';
import { auditCommand } from './commands/audit.js';
import { compstatCommand } from './commands/compstat.js';
import { demoCommand } from './commands/demo.js';
import { evaluateCommand, forecastCommand } from './commands/forecast.js';
import { hotspotsCommand } from './commands/hotspots.js';
import { importCommand } from './commands/import.js';
import { patrolsCommand } from './commands/patrols.js';
import { plansCommand } from './commands/plans.js';
import { registerCommand } from './commands/register.js';
import { reportCommand } from './commands/report.js';
import { responseCommand } from './commands/response.js';
import { serveCommand } from './commands/serve.js';
import { usersCommand } from './commands/users.js';
import { UsageError } from './context.js';

const program = new Command('istibaq')
  .version(version)
  .description(
    'Istibaq — proactive public security: crime statistics, black spots, forecasts, response and accountability.',
  )
  .addHelpText(
    'after',
    `
Settings come from the environment:
  DATABASE_URL         postgres://… to use PostgreSQL (default: the embedded PGlite database)
  ISTIBAQ_DATA         folder of the embedded database (default ./data)
  PORT, HOST           where to serve (default 8080 on localhost)
  ISTIBAQ_DEMO         demo mode, on by default: an empty database gets the synthetic demo and the demo accounts
  ISTIBAQ_DEMO_SCALE, ISTIBAQ_DEMO_SEED, ISTIBAQ_DEMO_YEARS   how the demo is generated (1, 2026, 3)
  ISTIBAQ_TILE_URL     optional raster tile URL template drawn under the shipped boundaries
  ISTIBAQ_TILE_ATTRIBUTION   the credit line those tiles require
  ISTIBAQ_IMPORT_MAX_MB       largest file the upload API accepts (default 2048)
  ISTIBAQ_PUBLIC_K     public figures below this count are withheld (default 10)
  ISTIBAQ_SESSION_HOURS, ISTIBAQ_SECURE_COOKIES, LOG_LEVEL`,
  )
  .exitOverride();

serveCommand(program);
demoCommand(program);
importCommand(program);
areasCommand(program);
hotspotsCommand(program);
forecastCommand(program);
evaluateCommand(program);
compstatCommand(program);
responseCommand(program);
plansCommand(program);
patrolsCommand(program);
alertsCommand(program);
reportCommand(program);
usersCommand(program);
auditCommand(program);
registerCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof DemoNotAllowedError) {
    process.stderr.write(`istibaq: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`istibaq: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
