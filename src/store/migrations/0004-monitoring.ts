import { sql, type Kysely } from 'kysely';

/**
 * Monitoring: alerts raised by the daily scan (one per area, category, day and kind, however often the day is
 * scanned) and users' subscriptions to the alerts of an area, for one category or all (category null).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table alert (
      id bigint generated always as identity primary key,
      area_id integer not null references area (id) on delete cascade,
      category text not null,
      day date not null,
      kind text not null check (kind in ('daily_excess')),
      observed integer not null,
      expected double precision not null,
      upper double precision not null,
      score double precision,
      created_at timestamptz not null default now(),
      acknowledged_by integer references app_user (id) on delete set null,
      acknowledged_at timestamptz,
      constraint alert_key unique (area_id, category, day, kind)
    );
    create index alert_day_idx on alert (day, id);

    create table subscription (
      id integer generated always as identity primary key,
      user_id integer not null references app_user (id) on delete cascade,
      area_id integer not null references area (id) on delete cascade,
      category text,
      created_at timestamptz not null default now()
    );
    -- One subscription per user, area and category, "all categories" (null) counted once too.
    create unique index subscription_key on subscription (user_id, area_id, (coalesce(category, '')));
    create index subscription_area_idx on subscription (area_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table subscription;
    drop table alert;
  `.execute(db);
}
