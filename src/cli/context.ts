import { databaseUrl, readConfig, type Config } from '../config.js';
import { openDb, type Db } from '../store/db.js';
import { migrateToLatest } from '../store/migrate.js';

/** Opens the configured database with its schema up to date, runs `work`, and closes it whatever happens. */
export async function withDatabase<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = readConfig();
  const db = await openDb(databaseUrl(config));
  try {
    await migrateToLatest(db);
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}

/** Prints a result: JSON with --json, else the human text. */
export function output(json: boolean, value: unknown, text: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export class UsageError extends Error {}

export const n = (value: number) => value.toLocaleString('en');
