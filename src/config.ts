import { resolve } from 'node:path';
import Type, { type Static } from 'typebox';
import { Value } from 'typebox/value';

/** Every setting Istibaq reads from the environment, with its default. */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 8080, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: 'localhost', description: 'interface to listen on' }),
  DATABASE_URL: Type.String({
    default: '',
    description: 'postgres://… for PostgreSQL; empty for the embedded PGlite database in ISTIBAQ_DATA',
  }),
  ISTIBAQ_DATA: Type.String({ minLength: 1, default: './data', description: 'folder of the embedded database' }),
  ISTIBAQ_DEMO: Type.Boolean({
    default: true,
    description: 'demo mode: load the synthetic demo into an empty database and allow the demo accounts',
  }),
  ISTIBAQ_DEMO_SCALE: Type.Number({ exclusiveMinimum: 0, maximum: 10, default: 1, description: '1 = national volume' }),
  ISTIBAQ_DEMO_SEED: Type.Integer({ default: 2026, description: 'seed of the synthetic demo' }),
  ISTIBAQ_DEMO_YEARS: Type.Integer({ minimum: 1, maximum: 10, default: 3, description: 'years of demo history' }),
  ISTIBAQ_TILE_URL: Type.String({
    default: '',
    description: 'optional raster tile URL template ({z}/{x}/{y}) drawn under the shipped boundaries',
  }),
  ISTIBAQ_TILE_ATTRIBUTION: Type.String({
    default: '',
    description: 'credit line of those tiles (e.g. © OpenStreetMap contributors)',
  }),
  ISTIBAQ_IMPORT_MAX_MB: Type.Number({ exclusiveMinimum: 0, default: 2048, description: 'largest upload accepted' }),
  ISTIBAQ_SESSION_HOURS: Type.Number({ exclusiveMinimum: 0, default: 12, description: 'session lifetime' }),
  ISTIBAQ_SECURE_COOKIES: Type.Boolean({ default: false, description: 'mark cookies Secure (behind HTTPS)' }),
  ISTIBAQ_LOCKOUT_ATTEMPTS: Type.Integer({
    minimum: 1,
    default: 5,
    description: 'failed sign-ins in a row (within the lock time) that lock an account name',
  }),
  ISTIBAQ_LOCKOUT_MINUTES: Type.Number({
    exclusiveMinimum: 0,
    default: 15,
    description: 'how long a locked account name stays locked',
  }),
  ISTIBAQ_PUBLIC_K: Type.Integer({ minimum: 1, default: 10, description: 'public figures below this are withheld' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'warn' }),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads the settings once; on failure lists every bad variable, not just the first. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const keys = Object.keys(ConfigSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const converted = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw));
  if (!Value.Check(ConfigSchema, converted)) {
    const problems = [...Value.Errors(ConfigSchema, converted)].map((e) => {
      const key = e.instancePath.replace(/^\//, '');
      return `${key || '(root)'}=${JSON.stringify(raw[key])}: ${e.message}`;
    });
    throw new ConfigError(problems);
  }
  return converted;
}

/** The database to open: DATABASE_URL when set, else the embedded database's folder. */
export function databaseUrl(config: Config): string {
  return config.DATABASE_URL || resolve(config.ISTIBAQ_DATA);
}
