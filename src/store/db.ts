import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { geoDir } from '../paths.js';
import type { Tables } from './schema.js';

export type Db = Kysely<Tables>;
export type Engine = 'pglite' | 'postgres';

/**
 * One connection held exclusively, for the few things Kysely cannot say: COPY and explicit multi-statement
 * transactions that mix COPY with SQL.
 */
export interface RawSession {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** COPY rows in PostgreSQL's text format (tab-separated, `\N` for null, one row a line) into a table. */
  copyText(table: string, columns: readonly string[], text: string): Promise<void>;
}

interface EngineHandle {
  engine: Engine;
  withSession<T>(work: (session: RawSession) => Promise<T>): Promise<T>;
}

const handles = new WeakMap<Db, EngineHandle>();

/** int8 counts and ids fit in a double here; dates stay 'YYYY-MM-DD' strings in every engine. */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parseNumber = (value: string) => Number(value);
const keepText = (value: string) => value;

/**
 * Opens the store: PGlite in a folder (a path, or `memory://` for a throwaway database) or PostgreSQL
 * (`postgres://…`). Nothing outside `store/` needs to know which.
 */
export async function openDb(url: string): Promise<Db> {
  return url.startsWith('postgres://') || url.startsWith('postgresql://') ? openPostgres(url) : openPglite(url);
}

export function engineOf(db: Db): Engine {
  return handleOf(db).engine;
}

export function withRawSession<T>(db: Db, work: (session: RawSession) => Promise<T>): Promise<T> {
  return handleOf(db).withSession(work);
}

function handleOf(db: Db): EngineHandle {
  const handle = handles.get(db);
  if (!handle) throw new TypeError('not a database opened by openDb');
  return handle;
}

function columnList(columns: readonly string[]): string {
  return columns.map((c) => `"${c}"`).join(', ');
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    options: '-c timezone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: string): ((value: string) => unknown) =>
        oid === INT8 || oid === NUMERIC
          ? parseNumber
          : oid === DATE
            ? keepText
            : (pg.types.getTypeParser(oid, format as 'text') as (
                value: string,
              ) => unknown)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server closes (a restart, a terminated backend) is dropped by the pool, and a new one
  // opened when needed; without a listener its error event would end the whole process.
  pool.on('error', () => undefined);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  handles.set(db, {
    engine: 'postgres',
    async withSession(work) {
      const client = await pool.connect();
      try {
        return await work({
          async query(text, params = []) {
            const result = await client.query<Record<string, unknown>>(text, params as unknown[]);
            return result.rows as never[];
          },
          async copyText(table, columns, text) {
            const stream = client.query(copyFrom(`copy ${table} (${columnList(columns)}) from stdin`));
            await new Promise<void>((resolve, reject) => {
              stream.on('finish', resolve);
              stream.on('error', reject);
              stream.end(text);
            });
          },
        });
      } finally {
        client.release();
      }
    },
  });
  return db;
}

/** A queue that lets one holder at a time use PGlite's single session. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();
  lock(): Promise<() => void> {
    let release: () => void = () => undefined;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

/**
 * PGlite keeps its database in plain files that one process at a time may use: a lock file with the holder's pid
 * keeps a second process (a CLI command while the server runs) out. A lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'istibaq.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new Error(`the database in ${dataDir} is in use by process ${holder}; stop it first`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`cannot lock the database in ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The zone files shipped in geo/tz, by zone name. */
function shippedZones(dir = join(geoDir, 'tz')): { zone: string; path: string }[] {
  const out: { zone: string; path: string }[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder)) {
      const path = join(folder, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (!entry.includes('.')) out.push({ zone: relative(dir, path), path });
    }
  };
  walk(dir);
  return out;
}

interface EmscriptenFs {
  writeFile(path: string, data: Uint8Array): void;
}

/**
 * PGlite's bundled time-zone files are cut short: Africa/Casablanca stops listing Morocco's Ramadan changes in 2026
 * and falls back to UTC+0. Installs the complete files shipped in geo/tz, then checks a known instant.
 */
async function installZones(pglite: PGlite): Promise<void> {
  const fs = (pglite as unknown as { mod?: { FS?: EmscriptenFs } }).mod?.FS;
  const [row] = (await pglite.query<{ dir: string }>(`select setting as dir from pg_config where name = 'SHAREDIR'`))
    .rows;
  if (!fs || !row) throw new Error('cannot install time-zone rules into this PGlite version');
  for (const { zone, path } of shippedZones()) fs.writeFile(`${row.dir}/timezone/${zone}`, readFileSync(path));
  const [check] = (
    await pglite.query<{ local: string }>(
      `select ('2026-11-25 12:00Z'::timestamptz at time zone 'Africa/Casablanca')::text as local`,
    )
  ).rows;
  if (check?.local !== '2026-11-25 13:00:00') {
    throw new Error(`PGlite still gets Africa/Casablanca wrong (${check?.local ?? 'no answer'} for 12:00Z)`);
  }
}

async function openPglite(url: string): Promise<Db> {
  const dataDir = url === 'memory://' ? undefined : url.replace(/^file:\/\//, '');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir: join(dataDir, 'pglite') } : {}),
      parsers: { [INT8]: parseNumber, [NUMERIC]: parseNumber, [DATE]: keepText },
    });
    await installZones(pglite);
  } catch (error) {
    unlock();
    throw error;
  }
  await pglite.exec("set timezone = 'UTC'");
  const mutex = new Mutex();

  const session: RawSession = {
    async query(text, params = []) {
      const result = await pglite.query(text, params as unknown[]);
      return result.rows as never[];
    },
    async copyText(table, columns, text) {
      await pglite.query(`copy ${table} (${columnList(columns)}) from '/dev/blob'`, [], {
        blob: new Blob([text]),
      });
    },
  };

  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      // Like node-postgres, a query without parameters goes through the simple protocol, which accepts several
      // statements at once (migrations rely on it).
      const result =
        compiled.parameters.length === 0
          ? ((await pglite.exec(compiled.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
          : await pglite.query<R>(compiled.sql, compiled.parameters as unknown[]);
      return {
        rows: result.rows as R[],
        ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
      };
    },

    async *streamQuery() {
      throw new Error('streaming queries are not supported on PGlite');
    },
  };

  const releases: (() => void)[] = [];
  const driver: Driver = {
    async init() {},
    async acquireConnection() {
      releases.push(await mutex.lock());
      return connection;
    },
    async beginTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('begin'));
    },
    async commitTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('commit'));
    },
    async rollbackTransaction(conn) {
      await conn.executeQuery(CompiledQuery.raw('rollback'));
    },
    async releaseConnection() {
      releases.shift()?.();
    },
    async destroy() {
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };

  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
  const db = new Kysely<Tables>({ dialect, plugins: [new CamelCasePlugin()] });
  handles.set(db, {
    engine: 'pglite',
    async withSession(work) {
      const release = await mutex.lock();
      try {
        return await work(session);
      } finally {
        release();
      }
    },
  });
  // Kysely's destroy() closes a driver only once a connection has been taken from it: take one now, so that closing
  // a database nobody queried still closes PGlite and releases the folder's lock.
  await db.connection().execute(async () => undefined);
  return db;
}
