import { randomBytes } from 'node:crypto';
import { openDb, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';

/** The engines every store and API test runs on. */
export const engines = ['pglite', 'postgres'] as const;
export type EngineName = (typeof engines)[number];

/** The PostgreSQL server tests create their databases on (TEST_DATABASE_URL, else the local one). */
export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  engine: EngineName;
  /** Closes the database and, on PostgreSQL, drops it. */
  drop(): Promise<void>;
}

/** A fresh database with the schema applied: in-memory PGlite, or a new PostgreSQL database for this run. */
export async function freshDb(engine: EngineName): Promise<TestDb> {
  if (engine === 'pglite') {
    const db = await openDb('memory://');
    await migrateToLatest(db);
    return { db, engine, drop: () => db.destroy() };
  }
  const name = `istibaq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = await openDb(postgresAdminUrl);
  const { sql } = await import('kysely');
  try {
    await sql.raw(`create database ${name}`).execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const db = await openDb(url.toString());
  await migrateToLatest(db);
  return {
    db,
    engine,
    async drop() {
      await db.destroy();
      const again = await openDb(postgresAdminUrl);
      try {
        await sql.raw(`drop database if exists ${name} with (force)`).execute(again);
      } finally {
        await again.destroy();
      }
    },
  };
}
