import { withRawSession, type Db } from './db.js';
import {
  responseRollupColumns,
  responseRollupTables,
  type ResponseRollupTable,
} from './migrations/0008-response-rollup.js';
import { callColumns, incidentColumns } from './records.js';
import { RollupYtdBuilder, ytdColumns } from './rollup-ytd.js';

/** What a bulk load writes through: COPY text (see copy.ts) for each table, and incident ids to hand out. */
export interface BulkLoader {
  /** The first incident id the load may use; the COPY text carries ids from here upwards. */
  firstIncidentId: number;
  /** Records the last incident id used, so that later inserts continue after it. */
  usedIncidentIdsUpTo(id: number): void;
  copyIncidents(text: string): Promise<void>;
  copyCalls(text: string): Promise<void>;
  /**
   * Daily roll-up rows (area_id, day, category, incidents, solved): the load computes its own roll-up; the monthly
   * and year-to-date ones are derived from it, so the records of a bulk load must be dated to the day or better.
   */
  copyRollup(text: string): Promise<void>;
  /** Rows of a response roll-up table (migration 0008), which the load counts itself from its calls. */
  copyResponseRollup(table: ResponseRollupTable, text: string): Promise<void>;
  /** Records a fact about the load (see meta.ts) in the same transaction, so it exists exactly when the load does. */
  setMeta(key: string, value: unknown): Promise<void>;
}

const rollupColumns = ['area_id', 'day', 'category', 'incidents', 'solved'] as const;

/**
 * Replaces every incident, call and roll-up row with what `work` writes, in a single transaction: a load that
 * fails or is killed half-way leaves the database as it was. Inside, the tables are emptied, their secondary
 * indexes are built once at the end rather than row by row, and the roll-up triggers are off because the
 * loader writes the roll-up itself (the tests check it against one computed from the rows). The monthly roll-up is
 * summed from the daily one in SQL; the year-to-date one is built in memory from the daily rows as they pass and
 * copied in (dense arrays are cheaper to write than to compute in SQL). The response roll-ups are counted by the
 * loader from its calls, like the daily one (the tests compare them with ones computed from the calls).
 */
export async function replaceAllRecords(db: Db, work: (loader: BulkLoader) => Promise<void>): Promise<void> {
  await withRawSession(db, async (session) => {
    await session.query('begin');
    try {
      await session.query(
        `truncate incident, call_for_service, rollup_daily, rollup_monthly, rollup_ytd, ${responseRollupTables.join(', ')}`,
      );
      const indexes = await session.query<{ name: string; definition: string }>(
        `select indexname as name, indexdef as definition from pg_indexes
          where tablename in ('incident', 'call_for_service') and indexname not like '%pkey'`,
      );
      for (const index of indexes) await session.query(`drop index "${index.name}"`);
      await session.query('alter table incident disable trigger user');
      await session.query('alter table call_for_service disable trigger user');
      const [first] = await session.query<{ id: number }>(`select nextval('incident_id_seq') as id`);
      const firstIncidentId = Number(first?.id ?? 1);
      let lastId = 0;
      const ytd = new RollupYtdBuilder();
      await work({
        firstIncidentId,
        usedIncidentIdsUpTo: (id) => {
          lastId = Math.max(lastId, id);
        },
        copyIncidents: (text) => session.copyText('incident', incidentColumns, text),
        copyCalls: (text) => session.copyText('call_for_service', callColumns, text),
        copyRollup: async (text) => {
          await session.copyText('rollup_daily', rollupColumns, text);
          ytd.addCopyText(text);
        },
        copyResponseRollup: (table, text) => session.copyText(table, responseRollupColumns(table), text),
        setMeta: async (key, value) => {
          await session.query(
            `insert into app_meta (key, value) values ($1, $2)
             on conflict (key) do update set value = excluded.value, updated_at = now()`,
            [key, JSON.stringify(value)],
          );
        },
      });
      if (lastId >= 1) await session.query(`select setval('incident_id_seq', $1)`, [lastId]);
      await session.query(
        `insert into rollup_monthly (area_id, month, category, incidents, solved)
         select area_id, date_trunc('month', day)::date, category, sum(incidents), sum(solved)
           from rollup_daily group by 1, 2, 3`,
      );
      for (const chunk of ytd.copyChunks()) await session.copyText('rollup_ytd', ytdColumns, chunk);
      await session.query('alter table incident enable trigger user');
      await session.query('alter table call_for_service enable trigger user');
      // The response roll-up's statistics, so that reads over many areas plan a hash aggregate from the start.
      for (const table of responseRollupTables) await session.query(`analyze ${table}`);
      // Index builds sort in memory when they may; the setting lasts until the transaction ends.
      await session.query("set local maintenance_work_mem = '256MB'");
      for (const index of indexes) await session.query(index.definition);
      await session.query('commit');
    } catch (error) {
      await session.query('rollback');
      throw error;
    }
  });
}
