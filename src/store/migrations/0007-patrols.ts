import { sql, type Kysely } from 'kysely';

/**
 * The patrol dosage log: time a police unit spent (or was planned to spend) in a cell of a district. The cell is
 * an H3 index or a grid-cell key; its district is stored with it so that scope and fairness need no geometry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table patrol_log (
      id integer generated always as identity primary key,
      unit_id integer not null references police_unit (id),
      cell text not null check (length(cell) between 1 and 64),
      district_id integer not null references area (id),
      started_at timestamptz not null,
      ended_at timestamptz not null,
      source text not null check (source in ('planned', 'actual')),
      recorded_by integer references app_user (id) on delete set null,
      recorded_at timestamptz not null default now(),
      check (ended_at > started_at and ended_at - started_at <= interval '24 hours')
    );
    create index patrol_log_district_idx on patrol_log (district_id, started_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table patrol_log`.execute(db);
}
