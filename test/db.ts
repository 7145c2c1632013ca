import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { openDb, type Db } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { seedSmallDemo } from './fixtures.js';

/** The engines every store and API test runs on. */
export const engines = ['pglite', 'postgres'] as const;
export type EngineName = (typeof engines)[number];

/** The PostgreSQL server tests create their databases on (TEST_DATABASE_URL, else the local one). */
export const postgresAdminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDb {
  db: Db;
  engine: EngineName;
  /** What `openDb` opened: the PostgreSQL URL (for a child process's DATABASE_URL), PGlite's folder or memory://. */
  url: string;
  /** Closes the database and removes it (its folder for PGlite, the database for PostgreSQL). */
  drop(): Promise<void>;
}

function postgresUrl(name: string): string {
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin(work: (admin: Db) => Promise<void>): Promise<void> {
  const admin = await openDb(postgresAdminUrl);
  try {
    await work(admin);
  } finally {
    await admin.destroy();
  }
}

/** Drops a test database; a template has to be unmarked first. */
export async function dropPostgresDatabase(name: string, template = false): Promise<void> {
  await withAdmin(async (admin) => {
    if (template) await sql.raw(`alter database ${name} is_template false`).execute(admin);
    await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
  });
}

/** A new PostgreSQL database for this run, empty or copied from a template, with the schema applied. */
async function postgresDb(template?: string): Promise<TestDb> {
  const name = `istibaq_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(async (admin) => {
        await sql.raw(`create database ${name}${template ? ` template ${template}` : ''}`).execute(admin);
      });
      break;
    } catch (error) {
      // Two files copying the template at the same moment may meet; the copy is quick, so try again.
      if (attempt >= 5 || !/being accessed by other users/.test(String(error))) throw error;
      await sleep(200 * attempt);
    }
  }
  const url = postgresUrl(name);
  const db = await openDb(url);
  await migrateToLatest(db);
  return {
    db,
    engine: 'postgres',
    url,
    async drop() {
      await db.destroy();
      await dropPostgresDatabase(name);
    },
  };
}

/** A fresh database with the schema applied: in-memory PGlite, or a new PostgreSQL database for this run. */
export async function freshDb(engine: EngineName): Promise<TestDb> {
  if (engine === 'postgres') return postgresDb();
  const db = await openDb('memory://');
  await migrateToLatest(db);
  return { db, engine, url: 'memory://', drop: () => db.destroy() };
}

/**
 * Runs `work` once per test run across every test file's process: the first caller does it under a lock folder,
 * the others wait for its mark (or its failure).
 */
async function oncePerRun(name: string, work: (dir: string) => Promise<void>): Promise<string> {
  const dir = inject('testRunDir');
  const done = join(dir, `${name}.done`);
  const failed = join(dir, `${name}.failed`);
  if (existsSync(done)) return dir;
  try {
    mkdirSync(join(dir, `${name}.lock`));
  } catch {
    for (let waited = 0; !existsSync(done); waited += 250) {
      if (existsSync(failed)) throw new Error(`preparing ${name} failed: ${readFileSync(failed, 'utf8')}`);
      if (waited > 300_000) throw new Error(`gave up waiting for ${name}`);
      await sleep(250);
    }
    return dir;
  }
  try {
    await work(dir);
    writeFileSync(done, '');
  } catch (error) {
    writeFileSync(failed, String(error));
    throw error;
  }
  return dir;
}

/**
 * A database holding the small demo (`seedSmallDemo`), the test file's own to read and write. The demo is seeded
 * once per run and engine, then copied: PGlite's folder, or PostgreSQL's template database.
 */
export async function seededDb(engine: EngineName): Promise<TestDb> {
  if (engine === 'postgres') {
    const dir = await oncePerRun('postgres', async (runDir) => {
      const template = `istibaq_template_${basename(runDir)
        .replace(/[^a-z0-9]/gi, '_')
        .toLowerCase()}`;
      await withAdmin(async (admin) => {
        await sql.raw(`create database ${template}`).execute(admin);
      });
      writeFileSync(join(runDir, 'postgres-template'), template);
      const db = await openDb(postgresUrl(template));
      try {
        await migrateToLatest(db);
        await seedSmallDemo(db);
      } finally {
        await db.destroy();
      }
      await withAdmin(async (admin) => {
        await sql.raw(`alter database ${template} is_template true`).execute(admin);
      });
    });
    return postgresDb(readFileSync(join(dir, 'postgres-template'), 'utf8'));
  }
  const dir = await oncePerRun('pglite', async (runDir) => {
    const db = await openDb(join(runDir, 'pglite'));
    try {
      await migrateToLatest(db);
      await seedSmallDemo(db);
    } finally {
      await db.destroy();
    }
  });
  const copy = await mkdtemp(join(tmpdir(), 'istibaq-test-pglite-'));
  cpSync(join(dir, 'pglite'), copy, { recursive: true, filter: (source) => basename(source) !== 'istibaq.lock' });
  const db = await openDb(copy);
  await migrateToLatest(db);
  return {
    db,
    engine,
    url: copy,
    async drop() {
      await db.destroy();
      await rm(copy, { recursive: true, force: true });
    },
  };
}
