import { sql, type Kysely } from 'kysely';

/**
 * Imports: how precise an incident's time is (police.uk publishes months only), a hash of each record's content
 * (to tell a changed row from a repeated one), a monthly roll-up that counts every incident whatever its
 * precision, and import jobs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table incident
      add column occurred_precision text not null default 'instant'
        check (occurred_precision in ('instant', 'day', 'month')),
      add column row_hash text;
    alter table call_for_service add column row_hash text;

    create table rollup_monthly (
      area_id integer not null,
      month date not null,
      category text not null,
      incidents integer not null,
      solved integer not null,
      primary key (area_id, month, category)
    );
    insert into rollup_monthly (area_id, month, category, incidents, solved)
    select area_id, date_trunc('month', day)::date, category, sum(incidents), sum(solved)
      from rollup_daily
     group by 1, 2, 3;

    -- The daily roll-up leaves out incidents known only to the month; the monthly one counts them all. Each
    -- statement's rows are placed in every ancestor area and local time once, then counted into both.
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

    create table import_job (
      id integer generated always as identity primary key,
      user_id integer references app_user (id) on delete set null,
      kind text not null check (kind in ('incidents', 'calls')),
      preset text,
      source text not null,
      file_name text not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      bytes_total bigint,
      bytes_read bigint not null default 0,
      rows_read integer not null default 0,
      inserted integer not null default 0,
      updated integer not null default 0,
      duplicates integer not null default 0,
      rejected integer not null default 0,
      summary jsonb,
      error text,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index import_job_user_idx on import_job (user_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table import_job;
    drop table rollup_monthly;
    alter table call_for_service drop column row_hash;
    alter table incident drop column occurred_precision, drop column row_hash;
  `.execute(db);
}
