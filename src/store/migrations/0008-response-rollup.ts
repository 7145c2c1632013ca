import { sql, type Kysely } from 'kysely';

/**
 * The response-time roll-up (`rollup_response`): calls for service per area (every ancestor level, through
 * `area_ancestor`) × local day of receipt × priority, with the calls, those dispatched, on scene and closed, and a
 * histogram of each of the three durations from receipt (to dispatch, to arrival on scene, to close) over fixed
 * bins. Statement-level triggers on `call_for_service` keep it in step with every insert, update and delete; a bulk
 * load turns them off and writes the rows it counted itself (src/ingest/response-rollup-accumulator.ts).
 *
 * Neither the local hour nor the call type is in the key: measured on a national year of 2.9 million calls, a
 * table with the hour added held 4.7 million rows (1.4 GB) and one with the call type 1.8 million rows (714 MB),
 * more than the calls themselves (889 MB), against 0.8 million rows (387 MB) for this one. Those two breakdowns are
 * read from the calls (src/store/response-rollup.ts).
 *
 * Bins (`responseBinEdges`, frozen here: the stored histograms depend on them): the edges are 1.02^j seconds
 * rounded to the millisecond, for j = 0… while below 24 hours (bins about 2 % wide from 1 s to 24 h), together
 * with every whole minute from 1 to 180 minutes and 24 h itself. Bin 0 holds durations of at most 1 s, bin k
 * (1 ≤ k < n) those in (edge[k − 1], edge[k]], and bin n those over 24 hours. The bins close on their upper edge,
 * so the calls on scene within a standard of whole minutes (up to 3 hours, the defaults 10, 20, 45 and 90
 * included) are exactly the calls of the bins up to that edge.
 *
 * A histogram is two integer arrays of the same length, the bins holding calls in ascending order
 * (`*_bins`) and their counts (`*_counts`); a bin with no call is left out, so a small area's day stays small.
 */

/** The upper edges of the bins, in seconds, ascending (see above). */
export const responseBinEdges: readonly number[] = (() => {
  const edges = new Set<number>();
  for (let j = 0; 1.02 ** j < 86_400; j++) edges.add(Math.round(1000 * 1.02 ** j) / 1000);
  for (let minute = 1; minute <= 180; minute++) edges.add(minute * 60);
  edges.add(86_400);
  return [...edges].sort((a, b) => a - b);
})();

/** The bin of a duration in seconds: the number of edges below it (0 … edges.length), as `response_bin` in SQL. */
export function responseBinOf(seconds: number): number {
  let lo = 0;
  let hi = responseBinEdges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((responseBinEdges[mid] as number) < seconds) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const responseRollupTables = ['rollup_response'] as const;
export type ResponseRollupTable = (typeof responseRollupTables)[number];

/** Each table's key beyond area, day and priority (none yet): its column, and its value for a call `c`. */
const extraKey: Record<ResponseRollupTable, { column: string; type: string; value: string } | null> = {
  rollup_response: null,
};

const durations = [
  ['dispatch', 'dispatched_at'],
  ['arrival', 'on_scene_at'],
  ['close', 'closed_at'],
] as const;

const keyColumns = (table: ResponseRollupTable) => {
  const extra = extraKey[table];
  return ['area_id', 'day', 'priority', ...(extra ? [extra.column] : [])];
};

const valueColumns = [
  'calls',
  'dispatched',
  'arrived',
  'closed',
  ...durations.flatMap(([name]) => [`${name}_bins`, `${name}_counts`]),
];

/** Every column of a table, key first. */
export const responseRollupColumns = (table: ResponseRollupTable) => [...keyColumns(table), ...valueColumns];

/**
 * A query giving, for the calls of `source` (columns of call_for_service plus `sign`: 1 to add a call, −1 to take
 * it away), one row per key of `table` with the signed counts and histograms, summed over every ancestor area.
 * Counts are summed per leaf area first, then over ancestors, so the local time is worked out once per call.
 */
export function responseRollupRows(table: ResponseRollupTable, source: string): string {
  const extra = extraKey[table];
  const leafKey = ['area_id', 'day', 'priority', ...(extra ? ['extra'] : [])];
  const key = leafKey.join(', ');
  const groupBy = leafKey.map((_, i) => i + 1).join(', ');
  const perBin = durations
    .map(
      ([name], kind) =>
        `select ${key}, ${kind} as kind, ${name}_bin as bin, sum(sign) as n from calls
          where ${name}_bin is not null group by ${groupBy}, ${leafKey.length + 1}, ${leafKey.length + 2}`,
    )
    .join(' union all ');
  const histogram = durations
    .map(
      ([name], kind) =>
        `coalesce(array_agg(bin order by bin) filter (where kind = ${kind}), '{}') as ${name}_bins,
         coalesce(array_agg(n order by bin) filter (where kind = ${kind}), '{}') as ${name}_counts`,
    )
    .join(', ');
  const ancestorKey = ['aa.ancestor_id as area_id', 'l.day', 'l.priority', ...(extra ? ['l.extra'] : [])].join(', ');
  const join = leafKey.map((k) => `h.${k} = t.${k}`).join(' and ');
  return `
    with located as materialized (
      select s.area_id, s.priority, s.call_type, s.sign, s.received_at at time zone a.time_zone as local,
             ${durations
               .map(
                 ([name, column]) =>
                   `response_bin((extract(epoch from s.${column}) - extract(epoch from s.received_at))::float8) as ${name}_bin`,
               )
               .join(', ')}
        from ${source} s join area a on a.id = s.area_id
    ), calls as materialized (
      select c.area_id, c.local::date as day, c.priority, ${extra ? `${extra.value} as extra,` : ''} c.sign,
             ${durations.map(([name]) => `c.${name}_bin`).join(', ')}
        from located c
    ), leaf_totals as (
      select ${key}, sum(sign) as calls, coalesce(sum(sign) filter (where dispatch_bin is not null), 0) as dispatched,
             coalesce(sum(sign) filter (where arrival_bin is not null), 0) as arrived,
             coalesce(sum(sign) filter (where close_bin is not null), 0) as closed
        from calls group by ${groupBy}
    ), totals as (
      select ${ancestorKey}, sum(l.calls)::int as calls, sum(l.dispatched)::int as dispatched,
             sum(l.arrived)::int as arrived, sum(l.closed)::int as closed
        from leaf_totals l join area_ancestor aa on aa.area_id = l.area_id
       group by ${groupBy}
    ), leaf_bins as (
      ${perBin}
    ), bins as (
      select ${ancestorKey}, l.kind, l.bin, sum(l.n)::int as n
        from leaf_bins l join area_ancestor aa on aa.area_id = l.area_id
       group by ${groupBy}, ${leafKey.length + 1}, ${leafKey.length + 2}
      having sum(l.n) <> 0
    ), histograms as (
      select ${key}, ${histogram} from bins group by ${groupBy}
    )
    select ${leafKey.map((k) => `t.${k}`).join(', ')}, t.calls, t.dispatched, t.arrived, t.closed,
           ${durations
             .map(
               ([name]) =>
                 `coalesce(h.${name}_bins, '{}') as ${name}_bins, coalesce(h.${name}_counts, '{}') as ${name}_counts`,
             )
             .join(', ')}
      from totals t left join histograms h on ${join}`;
}

const merge = (name: string) =>
  `(${name}_bins, ${name}_counts) = (select m.bins, m.counts from response_histogram_add(r.${name}_bins,
     r.${name}_counts, excluded.${name}_bins, excluded.${name}_counts) m)`;

/** The trigger's statement for one table: the signed rows of `source` added to the table, emptied rows removed. */
function applyStatement(table: ResponseRollupTable, source: string): string {
  const keys = keyColumns(table);
  return `
    insert into ${table} as r (${[...keys, ...valueColumns].join(', ')})
    ${responseRollupRows(table, source)}
    on conflict (${keys.join(', ')}) do update
       set calls = r.calls + excluded.calls, dispatched = r.dispatched + excluded.dispatched,
           arrived = r.arrived + excluded.arrived, closed = r.closed + excluded.closed,
           ${durations.map(([name]) => merge(name)).join(', ')};`;
}

/** The calls of a statement with their sign, as the trigger sees them. */
const signed = (rows: 'old_rows' | 'new_rows') =>
  `(select area_id, received_at, dispatched_at, on_scene_at, closed_at, priority, call_type,
           ${rows === 'old_rows' ? -1 : 1} as sign from ${rows})`;

/** Removes the rows of the days a statement touched that no call counts in any more. */
const removeEmpty = (table: ResponseRollupTable, rows: string) => `
    delete from ${table} r
     using (select distinct aa.ancestor_id as area_id, (x.received_at at time zone a.time_zone)::date as day
              from ${rows} x join area a on a.id = x.area_id join area_ancestor aa on aa.area_id = x.area_id) t
     where r.area_id = t.area_id and r.day = t.day and r.calls = 0;`;

/** Fills the roll-up (empty) from every call, in key order. */
export async function fillResponseRollups(db: Kysely<unknown>): Promise<void> {
  for (const sqlText of fillStatements()) await sql.raw(sqlText).execute(db);
}

/** The statements that fill the roll-up (empty) from every call, one per table. */
export function fillStatements(): string[] {
  const source = `(select *, 1 as sign from call_for_service)`;
  return responseRollupTables.map(
    (table) =>
      `insert into ${table} (${responseRollupColumns(table).join(', ')})
       ${responseRollupRows(table, source)}
       order by ${keyColumns(table)
         .map((_, i) => i + 1)
         .join(', ')}`,
  );
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // The edges negated and ascending: width_bucket counts the thresholds at or below its operand, so n less the
  // count of edges at or above a duration is the count of edges below it.
  const negated = [...responseBinEdges].reverse().map((e) => String(-e));
  const n = responseBinEdges.length;
  await sql
    .raw(
      `create function response_bin(seconds float8) returns integer language sql immutable parallel safe as $$
         select ${n} - width_bucket(-seconds, '{${negated.join(',')}}'::float8[])
       $$;
       create function response_histogram_add(integer[], integer[], integer[], integer[],
                                              out bins integer[], out counts integer[])
       language sql immutable parallel safe as $$
         select coalesce(array_agg(bin order by bin), '{}'), coalesce(array_agg(n order by bin), '{}')
           from (select bin, sum(n)::int as n
                   from (select * from unnest($1, $2) union all select * from unnest($3, $4)) u (bin, n)
                  group by bin having sum(n) <> 0) s
       $$;`,
    )
    .execute(db);
  for (const table of responseRollupTables) {
    const extra = extraKey[table];
    await sql
      .raw(
        `create table ${table} (
           area_id integer not null,
           day date not null,
           priority smallint not null,
           ${extra ? `${extra.column} ${extra.type} not null,` : ''}
           calls integer not null,
           dispatched integer not null,
           arrived integer not null,
           closed integer not null,
           ${durations.map(([name]) => `${name}_bins integer[] not null, ${name}_counts integer[] not null`).join(', ')},
           primary key (${keyColumns(table).join(', ')})
         ) with (fillfactor = 90)`,
      )
      .execute(db);
  }
  await fillResponseRollups(db);
  // Statistics now, so that the first reads over many areas plan a hash aggregate rather than a sort on disk.
  for (const table of responseRollupTables) await sql.raw(`analyze ${table}`).execute(db);
  const both = `(select * from ${signed('old_rows')} o union all select * from ${signed('new_rows')} n)`;
  const statements = (source: string, removeFrom: string | null) =>
    responseRollupTables
      .map((table) => applyStatement(table, source) + (removeFrom ? removeEmpty(table, removeFrom) : ''))
      .join('\n');
  await sql
    .raw(
      `create function call_response_rollup_apply() returns trigger language plpgsql as $$
       begin
         if tg_op = 'INSERT' then
           ${statements(signed('new_rows'), null)}
         elsif tg_op = 'UPDATE' then
           ${statements(both, 'old_rows')}
         else
           ${statements(signed('old_rows'), 'old_rows')}
         end if;
         return null;
       end $$;
       create trigger call_response_rollup_insert after insert on call_for_service
         referencing new table as new_rows for each statement execute function call_response_rollup_apply();
       create trigger call_response_rollup_update after update on call_for_service
         referencing old table as old_rows new table as new_rows
         for each statement execute function call_response_rollup_apply();
       create trigger call_response_rollup_delete after delete on call_for_service
         referencing old table as old_rows for each statement execute function call_response_rollup_apply();`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `drop trigger call_response_rollup_insert on call_for_service;
       drop trigger call_response_rollup_update on call_for_service;
       drop trigger call_response_rollup_delete on call_for_service;
       drop function call_response_rollup_apply();
       drop table ${responseRollupTables.join(', ')};
       drop function response_histogram_add(integer[], integer[], integer[], integer[]);
       drop function response_bin(float8);`,
    )
    .execute(db);
}
