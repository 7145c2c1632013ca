import { sql, type Kysely } from 'kysely';

/**
 * The roll-up trigger counts each statement's rows per area, local day and category first, then adds those
 * counts to every ancestor area: the local time is worked out once per row, and a large import touches each
 * roll-up row once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function incident_rollup_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        with leaf as materialized (
          select o.area_id, (o.occurred_at at time zone a.time_zone)::date as day, o.category,
                 o.occurred_precision <> 'month' as daily, count(*) as incidents,
                 count(*) filter (where o.solved_at is not null) as solved
            from old_rows o join area a on a.id = o.area_id
           group by 1, 2, 3, 4
        ), x as materialized (
          select aa.ancestor_id as area_id, l.day, l.category, l.daily, l.incidents, l.solved
            from leaf l join area_ancestor aa on aa.area_id = l.area_id
        ), by_day as (
          update rollup_daily r
             set incidents = r.incidents - d.incidents, solved = r.solved - d.solved
            from (select area_id, day, category, sum(incidents) as incidents, sum(solved) as solved
                    from x where daily group by 1, 2, 3) d
           where r.area_id = d.area_id and r.day = d.day and r.category = d.category
          returning 1
        )
        update rollup_monthly r
           set incidents = r.incidents - m.incidents, solved = r.solved - m.solved
          from (select area_id, date_trunc('month', day)::date as month, category, sum(incidents) as incidents,
                       sum(solved) as solved
                  from x group by 1, 2, 3) m
         where r.area_id = m.area_id and r.month = m.month and r.category = m.category
           and (select count(*) from by_day) >= 0;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        with leaf as materialized (
          select n.area_id, (n.occurred_at at time zone a.time_zone)::date as day, n.category,
                 n.occurred_precision <> 'month' as daily, count(*) as incidents,
                 count(*) filter (where n.solved_at is not null) as solved
            from new_rows n join area a on a.id = n.area_id
           group by 1, 2, 3, 4
        ), x as materialized (
          select aa.ancestor_id as area_id, l.day, l.category, l.daily, l.incidents, l.solved
            from leaf l join area_ancestor aa on aa.area_id = l.area_id
        ), by_day as (
          insert into rollup_daily as r (area_id, day, category, incidents, solved)
          select area_id, day, category, sum(incidents), sum(solved) from x where daily group by 1, 2, 3
          on conflict (area_id, day, category)
          do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved
          returning 1
        )
        insert into rollup_monthly as r (area_id, month, category, incidents, solved)
        select area_id, date_trunc('month', day)::date, category, sum(incidents), sum(solved)
          from x
         where (select count(*) from by_day) >= 0
         group by 1, 2, 3
        on conflict (area_id, month, category)
        do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved;
      end if;
      return null;
    end $$;
  `.execute(db);
}

/** Back to the trigger of 0002, which places every row in every ancestor before counting. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function incident_rollup_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        with x as materialized (
          select aa.ancestor_id as area_id, o.occurred_at at time zone a.time_zone as local, o.category,
                 o.solved_at is not null as solved, o.occurred_precision <> 'month' as daily
            from old_rows o
            join area a on a.id = o.area_id
            join area_ancestor aa on aa.area_id = o.area_id
        ), by_day as (
          update rollup_daily r
             set incidents = r.incidents - d.incidents, solved = r.solved - d.solved
            from (
              select area_id, local::date as day, category, count(*) as incidents, count(*) filter (where solved) as solved
                from x where daily group by 1, 2, 3
            ) d
           where r.area_id = d.area_id and r.day = d.day and r.category = d.category
          returning 1
        )
        update rollup_monthly r
           set incidents = r.incidents - m.incidents, solved = r.solved - m.solved
          from (
            select area_id, date_trunc('month', local)::date as month, category, count(*) as incidents,
                   count(*) filter (where solved) as solved
              from x group by 1, 2, 3
          ) m
         where r.area_id = m.area_id and r.month = m.month and r.category = m.category
           and (select count(*) from by_day) >= 0;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        with x as materialized (
          select aa.ancestor_id as area_id, n.occurred_at at time zone a.time_zone as local, n.category,
                 n.solved_at is not null as solved, n.occurred_precision <> 'month' as daily
            from new_rows n
            join area a on a.id = n.area_id
            join area_ancestor aa on aa.area_id = n.area_id
        ), by_day as (
          insert into rollup_daily as r (area_id, day, category, incidents, solved)
          select area_id, local::date, category, count(*), count(*) filter (where solved)
            from x where daily group by 1, 2, 3
          on conflict (area_id, day, category)
          do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved
          returning 1
        )
        insert into rollup_monthly as r (area_id, month, category, incidents, solved)
        select area_id, date_trunc('month', local)::date, category, count(*), count(*) filter (where solved)
          from x
         where (select count(*) from by_day) >= 0
         group by 1, 2, 3
        on conflict (area_id, month, category)
        do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved;
      end if;
      return null;
    end $$;
  `.execute(db);
}
