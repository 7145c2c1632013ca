import type { NewCall } from '../domain/call.js';
import type { NewIncident, TimePrecision } from '../domain/incident.js';
import { copyValue } from './copy.js';
import { withRawSession, type Db, type RawSession } from './db.js';
import type { Place } from './records.js';

/**
 * Idempotent writes for imports. The batch's keys (source and external id) are looked up first and the new
 * records COPYed straight into the table; should another writer have added one of them meanwhile (the COPY then
 * breaks the unique key), or with `update`, the batch goes through a staging table instead, then into the table
 * in one statement that skips records already there or rewrites those whose content changed. The roll-up
 * triggers see exactly the rows inserted or changed. A batch lands whole or not at all: an import killed
 * half-way leaves whole batches, and running it again completes it.
 */

export interface ImportRow<T> {
  record: T;
  place: Place;
  /** The natural key: the source's own id, or a content hash with its occurrence in the file. */
  externalId: string;
  /** A hash of the normalised content, to tell a changed record from a repeated one. */
  rowHash: string;
  precision: TimePrecision;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  duplicates: number;
}

const place = (p: Place) =>
  [p.areaId, p.regionId, p.provinceId, p.cityId, p.districtId, p.h3R7, p.h3R8, p.h3R9] as const;
const placeColumns = [
  'area_id',
  'region_id',
  'province_id',
  'city_id',
  'district_id',
  'h3_r7',
  'h3_r8',
  'h3_r9',
] as const;

const tables = {
  incidents: {
    table: 'incident',
    columns: [
      'category',
      'occurred_at',
      'occurred_precision',
      'reported_at',
      'lat',
      'lon',
      ...placeColumns,
      'status',
      'solved_at',
      'provenance',
      'source',
      'external_id',
      'row_hash',
      'synthetic',
    ],
    values: (row: ImportRow<NewIncident>) => {
      const r = row.record;
      return [
        r.category,
        r.occurredAt,
        row.precision,
        r.reportedAt,
        r.lat,
        r.lon,
        ...place(row.place),
        r.status,
        r.solvedAt,
        r.provenance,
        r.source,
        row.externalId,
        row.rowHash,
        r.synthetic,
      ];
    },
  },
  calls: {
    table: 'call_for_service',
    columns: [
      'received_at',
      'dispatched_at',
      'on_scene_at',
      'closed_at',
      'priority',
      'call_type',
      'lat',
      'lon',
      ...placeColumns,
      'outcome',
      'source',
      'external_id',
      'row_hash',
      'synthetic',
    ],
    values: (row: ImportRow<NewCall>) => {
      const r = row.record;
      return [
        r.receivedAt,
        r.dispatchedAt,
        r.onSceneAt,
        r.closedAt,
        r.priority,
        r.callType,
        r.lat,
        r.lon,
        ...place(row.place),
        r.outcome,
        r.source,
        row.externalId,
        row.rowHash,
        r.synthetic,
      ];
    },
  },
} as const;

export type ImportKind = keyof typeof tables;

interface Keyed {
  record: { source: string };
  externalId: string;
}

/** The natural keys (source NUL external id) of `rows` already in `table`. */
async function storedKeys(session: RawSession, table: string, rows: readonly Keyed[]): Promise<Set<string>> {
  const existing = new Set<string>();
  const bySource = new Map<string, string[]>();
  for (const row of rows) {
    const ids = bySource.get(row.record.source);
    if (ids) ids.push(row.externalId);
    else bySource.set(row.record.source, [row.externalId]);
  }
  for (const [source, ids] of bySource) {
    const found = await session.query<{ id: string }>(
      `select external_id as id from ${table} where source = $1 and external_id = any($2::text[])`,
      [source, ids],
    );
    for (const { id } of found) existing.add(`${source}\u0000${id}`);
  }
  return existing;
}

/** What `upsertBatch` without `update` would do with a batch, written nowhere (a dry run). */
export async function countNewRows(
  db: Db,
  kind: ImportKind,
  rows: readonly Keyed[],
): Promise<{ inserted: number; duplicates: number }> {
  const byKey = new Set(rows.map((row) => `${row.record.source}\u0000${row.externalId}`));
  const existing = await withRawSession(db, (session) => storedKeys(session, tables[kind].table, rows));
  const fresh = [...byKey].filter((key) => !existing.has(key)).length;
  return { inserted: fresh, duplicates: rows.length - fresh };
}

/** Inserts a batch, skipping (or with `update`, rewriting when changed) records whose natural key exists. */
export async function upsertBatch<K extends ImportKind>(
  db: Db,
  kind: K,
  rows: readonly ImportRow<K extends 'incidents' ? NewIncident : NewCall>[],
  options: { update: boolean },
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0, duplicates: 0 };
  const spec = tables[kind] as unknown as {
    table: string;
    columns: readonly string[];
    values: (row: (typeof rows)[number]) => readonly unknown[];
  };
  // One statement may not touch a row twice: within a batch, the last record with a key wins.
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const row of rows) byKey.set(`${row.record.source}\u0000${row.externalId}`, row);
  const unique = [...byKey.values()];
  const repeated = rows.length - unique.length;
  const stage = `${spec.table}_stage`;
  const list = spec.columns.map((c) => `"${c}"`).join(', ');
  const copyText = (batch: typeof unique) =>
    batch.map((row) => spec.values(row).map(copyValue).join('\t') + '\n').join('');
  const assignments = spec.columns
    .filter((c) => c !== 'source' && c !== 'external_id')
    .map((c) => `"${c}" = excluded."${c}"`)
    .join(', ');
  return withRawSession(db, async (session) => {
    await session.query('begin');
    try {
      if (!options.update) {
        const existing = await storedKeys(session, spec.table, unique);
        const fresh = unique.filter((row) => !existing.has(`${row.record.source}\u0000${row.externalId}`));
        await session.query('savepoint direct');
        try {
          if (fresh.length > 0) {
            await session.copyText(spec.table, spec.columns, copyText(fresh));
          }
          await session.query('release savepoint direct');
          await session.query('commit');
          return { inserted: fresh.length, updated: 0, duplicates: unique.length - fresh.length + repeated };
        } catch (error) {
          // 23505: a key appeared since it was looked up; fall back to the staging table below.
          if ((error as { code?: string }).code !== '23505') throw error;
          await session.query('rollback to savepoint direct');
        }
      }
      await session.query(
        `create temp table if not exists ${stage} on commit delete rows as select ${list} from ${spec.table} with no data`,
      );
      await session.copyText(stage, spec.columns, copyText(unique));
      const conflict = `on conflict (source, external_id) where external_id is not null`;
      const rowsOut = await session.query<{ inserted: boolean }>(
        options.update
          ? `insert into ${spec.table} (${list}) select ${list} from ${stage} ${conflict}
             do update set ${assignments} where ${spec.table}.row_hash is distinct from excluded.row_hash
             returning (xmax = 0) as inserted`
          : `insert into ${spec.table} (${list}) select ${list} from ${stage} ${conflict} do nothing returning true as inserted`,
      );
      await session.query('commit');
      const inserted = rowsOut.filter((r) => r.inserted).length;
      const updated = rowsOut.length - inserted;
      return { inserted, updated, duplicates: unique.length - inserted - updated + repeated };
    } catch (error) {
      await session.query('rollback');
      throw error;
    }
  });
}

export type ImportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportJob {
  id: number;
  userId: number | null;
  kind: ImportKind;
  preset: string | null;
  source: string;
  fileName: string;
  status: ImportJobStatus;
  bytesTotal: number | null;
  bytesRead: number;
  rowsRead: number;
  inserted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  summary: unknown;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export async function createImportJob(
  db: Db,
  job: {
    userId: number | null;
    kind: ImportKind;
    preset: string | null;
    source: string;
    fileName: string;
    bytesTotal: number;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('importJob')
    .values({ ...job, status: 'queued' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateImportJob(
  db: Db,
  id: number,
  changes: Partial<
    Pick<
      ImportJob,
      | 'status'
      | 'bytesRead'
      | 'rowsRead'
      | 'inserted'
      | 'updated'
      | 'duplicates'
      | 'rejected'
      | 'error'
      | 'startedAt'
      | 'finishedAt'
    > & { summary: unknown }
  >,
): Promise<void> {
  const { summary, ...rest } = changes;
  await db
    .updateTable('importJob')
    .set({ ...rest, ...(summary === undefined ? {} : { summary: JSON.stringify(summary) }) })
    .where('id', '=', id)
    .execute();
}

export async function findImportJob(db: Db, id: number): Promise<ImportJob | undefined> {
  const row = await db.selectFrom('importJob').selectAll().where('id', '=', id).executeTakeFirst();
  return row
    ? ({ ...row, bytesTotal: row.bytesTotal === null ? null : Number(row.bytesTotal) } as ImportJob)
    : undefined;
}

export async function listImportJobs(db: Db, userId: number | null, limit = 50): Promise<ImportJob[]> {
  let q = db.selectFrom('importJob').selectAll().orderBy('createdAt', 'desc').limit(limit);
  if (userId !== null) q = q.where('userId', '=', userId);
  return (await q.execute()).map(
    (row) => ({ ...row, bytesTotal: row.bytesTotal === null ? null : Number(row.bytesTotal) }) as ImportJob,
  );
}

/** Jobs left queued or running by a server that stopped: they will not finish, so they are marked failed. */
export async function failInterruptedImports(db: Db): Promise<number> {
  const result = await db
    .updateTable('importJob')
    .set({
      status: 'failed',
      finishedAt: new Date(),
      error: 'the server stopped during the import; upload the file again (rows already imported count as duplicates)',
    })
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
