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

    -- The daily roll-up leaves out incidents known only to the month; the monthly one counts them all.
    create or replace function incident_rollup_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('DELETE', 'UPDATE') then
        update rollup_daily r
           set incidents = r.incidents - o.incidents, solved = r.solved - o.solved
          from (
            select aa.ancestor_id as area_id, (x.occurred_at at time zone a.time_zone)::date as day, x.category,
                   count(*) as incidents, count(x.solved_at) as solved
              from old_rows x
              join area a on a.id = x.area_id
              join area_ancestor aa on aa.area_id = x.area_id
             where x.occurred_precision <> 'month'
             group by 1, 2, 3
          ) o
         where r.area_id = o.area_id and r.day = o.day and r.category = o.category;
        update rollup_monthly r
           set incidents = r.incidents - o.incidents, solved = r.solved - o.solved
          from (
            select aa.ancestor_id as area_id, date_trunc('month', x.occurred_at at time zone a.time_zone)::date as month,
                   x.category, count(*) as incidents, count(x.solved_at) as solved
              from old_rows x
              join area a on a.id = x.area_id
              join area_ancestor aa on aa.area_id = x.area_id
             group by 1, 2, 3
          ) o
         where r.area_id = o.area_id and r.month = o.month and r.category = o.category;
      end if;
      if tg_op in ('INSERT', 'UPDATE') then
        insert into rollup_daily as r (area_id, day, category, incidents, solved)
        select aa.ancestor_id, (x.occurred_at at time zone a.time_zone)::date, x.category, count(*), count(x.solved_at)
          from new_rows x
          join area a on a.id = x.area_id
          join area_ancestor aa on aa.area_id = x.area_id
         where x.occurred_precision <> 'month'
         group by 1, 2, 3
        on conflict (area_id, day, category)
        do update set incidents = r.incidents + excluded.incidents, solved = r.solved + excluded.solved;
        insert into rollup_monthly as r (area_id, month, category, incidents, solved)
        select aa.ancestor_id, date_trunc('month', x.occurred_at at time zone a.time_zone)::date, x.category,
               count(*), count(x.solved_at)
          from new_rows x
          join area a on a.id = x.area_id
          join area_ancestor aa on aa.area_id = x.area_id
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
