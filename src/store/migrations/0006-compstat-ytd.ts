import { sql, type Kysely } from 'kysely';
import { up as rollupByLeaf } from './0003-rollup-by-leaf.js';

/**
 * The year-to-date roll-up (`rollup_ytd`): for each area × category × month, the incidents and solved ones of the
 * year's earlier months (`before_*`) and, by day of month, the month's own cumulative counts (`incidents[d]`,
 * `solved[d]`, one element per day of the month). The year to date as of any day is then one row's
 * `before + cum[day]`, and any window two such lookups, whatever its length. Daily-precision incidents only, as
 * in `rollup_daily`. An area and category with an incident in a year have a row for every month from the first
 * such month through December; a missing row means nothing yet that year.
 *
 * The roll-up trigger keeps it in step: each statement's daily counts (negative for deleted and replaced rows)
 * become, per target row, a change of `before` (earlier months of the year) and a cumulative array of its own
 * month, applied once per row by an upsert (new rows for the months from a first incident through December).
 */

/** The first day of a date's month, with no time zone involved. */
const monthOf = (day: string) => `(${day} - extract(day from ${day})::int + 1)`;
/** The number of days in the month starting on `month`. */
const daysIn = (month: string) => `extract(day from ${month} + interval '1 month - 1 day')::int`;

/**
 * Common table expressions turning daily counts `source` (area_id, category, day, incidents, solved; one row per
 * area, category and day) into rows of `rollup_ytd` for the months they touch and every later month of the same
 * year: `ytd_rows`. A month's cumulative array is written as text from its days in order (a day without counts
 * repeats the previous total), so the work follows the days with counts, not every day of every month.
 */
function ytdRows(source: string): string {
  const cumulative = (value: string, running: string) => `
    ('{' || string_agg(repeat((${running} - ${value}) || ',', d - pd - 1) || ${running}, ',' order by d)
         || repeat(',' || sum(${value}), ${daysIn('month')} - max(d)) || '}')::int[]`;
  return `
    ytd_run as (
      select area_id, category, ${monthOf('day')} as month, extract(day from day)::int as d, incidents, solved,
             sum(incidents) over w as ci, sum(solved) over w as cs,
             lag(extract(day from day)::int, 1, 0) over w as pd
        from ${source}
      window w as (partition by area_id, category, ${monthOf('day')} order by day)
    ), ytd_month as (
      select area_id, category, month, sum(incidents) as incidents, sum(solved) as solved,
             ${cumulative('incidents', 'ci')} as cum_incidents, ${cumulative('solved', 'cs')} as cum_solved
        from ytd_run
       group by 1, 2, 3
    ), ytd_target as (
      select f.area_id, f.category, (f.first + make_interval(months => i))::date as month
        from (select area_id, category, min(month) as first
                from ytd_month group by area_id, category, extract(year from month)) f
       cross join generate_series(0, 12 - extract(month from f.first)::int) i
    ), ytd_rows as (
      select t.area_id, t.category, t.month,
             coalesce(sum(m.incidents) over y - m.incidents, sum(m.incidents) over y, 0)::int as before_incidents,
             coalesce(sum(m.solved) over y - m.solved, sum(m.solved) over y, 0)::int as before_solved,
             coalesce(m.cum_incidents, array_fill(0, array[${daysIn('t.month')}])) as incidents,
             coalesce(m.cum_solved, array_fill(0, array[${daysIn('t.month')}])) as solved
        from ytd_target t
        left join ytd_month m on m.area_id = t.area_id and m.category = t.category and m.month = t.month
      window y as (partition by t.area_id, t.category, extract(year from t.month) order by t.month)
    )`;
}

/** Element-wise sum of a row's array and the change's, unless the change is all zeros. */
const addArrays = (column: string) => `
  ${column} = case when excluded.${column} = array_fill(0, array[cardinality(excluded.${column})]) then r.${column}
    else array(select a + b from unnest(r.${column}, excluded.${column}) with ordinality as u (a, b, k) order by k)
  end`;

/** One branch of the trigger: `rows` is old_rows (counted negative) or new_rows. */
function branch(rows: 'old_rows' | 'new_rows'): string {
  const sign = rows === 'old_rows' ? '-' : '';
  const byDay =
    rows === 'old_rows'
      ? `update rollup_daily r
            set incidents = r.incidents - d.incidents, solved = r.solved - d.solved
           from (select area_id, day, category, sum(incidents) as incidents, sum(solved) as solved
                   from x where daily group by 1, 2, 3) d
          where r.area_id = d.area_id and r.day = d.day and r.category = d.category
         returning 1`
      : `insert into rollup_daily as r (area_id, day, category, incidents, solved)
         select area_id, day, category, sum(incidents), sum(solved) from x where daily group by 1, 2, 3
         on conflict (area_id, day, category)
         do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved
         returning 1`;
  const byMonth =
    rows === 'old_rows'
      ? `update rollup_monthly r
            set incidents = r.incidents - m.incidents, solved = r.solved - m.solved
           from (select area_id, date_trunc('month', day)::date as month, category, sum(incidents) as incidents,
                        sum(solved) as solved
                   from x group by 1, 2, 3) m
          where r.area_id = m.area_id and r.month = m.month and r.category = m.category
         returning 1`
      : `insert into rollup_monthly as r (area_id, month, category, incidents, solved)
         select area_id, date_trunc('month', day)::date, category, sum(incidents), sum(solved)
           from x group by 1, 2, 3
         on conflict (area_id, month, category)
         do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved
         returning 1`;
  return `
    with leaf as materialized (
      select n.area_id, (n.occurred_at at time zone a.time_zone)::date as day, n.category,
             n.occurred_precision <> 'month' as daily, count(*) as incidents,
             count(*) filter (where n.solved_at is not null) as solved
        from ${rows} n join area a on a.id = n.area_id
       group by 1, 2, 3, 4
    ), x as materialized (
      select aa.ancestor_id as area_id, l.day, l.category, l.daily, l.incidents, l.solved
        from leaf l join area_ancestor aa on aa.area_id = l.area_id
    ), by_day as (
      ${byDay}
    ), by_month as (
      ${byMonth}
    ), ytd_day as materialized (
      select area_id, category, day, ${sign}sum(incidents) as incidents, ${sign}sum(solved) as solved
        from x where daily group by 1, 2, 3
    ), ${ytdRows('ytd_day')}
    insert into rollup_ytd as r (area_id, category, month, before_incidents, before_solved, incidents, solved)
    select area_id, category, month, before_incidents, before_solved, incidents, solved from ytd_rows
    on conflict (month, area_id, category) do update
       set before_incidents = r.before_incidents + excluded.before_incidents,
           before_solved = r.before_solved + excluded.before_solved,
           ${addArrays('incidents')},
           ${addArrays('solved')};`;
}

/**
 * Fills `rollup_ytd` (empty) from `rollup_daily`, in key order: a month's rows lie together, so reading the months
 * of a national table touches few pages. The table leaves a tenth of each page free so that the trigger's updates
 * can stay on their page.
 */
export async function fillRollupYtd(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `insert into rollup_ytd (area_id, category, month, before_incidents, before_solved, incidents, solved)
       with ${ytdRows('rollup_daily')}
       select area_id, category, month, before_incidents, before_solved, incidents, solved from ytd_rows
        order by month, area_id, category`,
    )
    .execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rollup_ytd (
      area_id integer not null,
      category text not null,
      month date not null,
      before_incidents integer not null,
      before_solved integer not null,
      incidents integer[] not null,
      solved integer[] not null,
      primary key (month, area_id, category)
    ) with (fillfactor = 90)
  `.execute(db);
  await fillRollupYtd(db);
  await sql
    .raw(
      `create or replace function incident_rollup_apply() returns trigger language plpgsql as $$
       begin
         if tg_op in ('DELETE', 'UPDATE') then
           ${branch('old_rows')}
         end if;
         if tg_op in ('INSERT', 'UPDATE') then
           ${branch('new_rows')}
         end if;
         return null;
       end $$;`,
    )
    .execute(db);
}

/** Back to the trigger of 0003, without the year-to-date roll-up. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await rollupByLeaf(db);
  await sql`drop table rollup_ytd`.execute(db);
}
