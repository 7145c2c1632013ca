import { sql, type Kysely } from 'kysely';

/**
 * Patrol units: a station's cars, motorcycles and foot patrols, each with its home district and its status now,
 * and every change of status (who, when). The demo's units are marked illustrative, its patrol log synthetic.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table patrol_unit (
      id integer generated always as identity primary key,
      code text not null unique check (length(code) between 1 and 80),
      station_id integer not null references police_unit (id),
      district_id integer not null references area (id),
      kind text not null check (kind in ('car', 'motorcycle', 'foot')),
      status text not null check (status in ('available', 'on_patrol', 'responding', 'off_duty', 'out_of_service')),
      status_since timestamptz not null,
      illustrative boolean not null default false
    );
    create index patrol_unit_district_idx on patrol_unit (district_id);

    create table patrol_unit_status_change (
      id bigint generated always as identity primary key,
      unit_id integer not null references patrol_unit (id) on delete cascade,
      status text not null,
      at timestamptz not null default now(),
      changed_by integer references app_user (id) on delete set null
    );
    create index patrol_unit_status_change_unit_idx on patrol_unit_status_change (unit_id, at);

    -- The demo's generated shifts, so that a new demo replaces them and nothing else.
    alter table patrol_log add column synthetic boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table patrol_log drop column synthetic; drop table patrol_unit_status_change, patrol_unit`.execute(
    db,
  );
}
