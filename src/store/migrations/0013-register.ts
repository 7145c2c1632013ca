import { sql, type Kysely } from 'kysely';

/**
 * The restricted register of wanted persons and persons of interest (README, "Restricted register"), read and
 * written only by the judicial police. An entry lapses at `expires_at` unless renewed: reads leave it out from then
 * on. The sweep records each lapse once in the audit trail (`expiry_recorded_at`) and, 30 days after an entry ended
 * (lapsed or withdrawn), blanks its personal fields (`minimised_at`). `register_case_link.incident_id` has no
 * foreign key, so that the demo's bulk reload can still truncate incidents (as in 0009 and 0010).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table register_entry (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('wanted', 'person_of_interest')),
      full_name text check (length(full_name) between 1 and 200),
      aliases text[] not null default '{}',
      birth_year smallint check (birth_year between 1900 and 2100),
      description text check (length(description) <= 2000),
      grounds text not null check (length(grounds) between 1 and 2000),
      area_id integer not null references area (id),
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      withdrawn_at timestamptz,
      withdrawn_by integer references app_user (id) on delete set null,
      withdraw_reason text check (length(withdraw_reason) between 1 and 1000),
      expiry_recorded_at timestamptz,
      minimised_at timestamptz,
      synthetic boolean not null default false,
      check ((withdrawn_at is null) = (withdraw_reason is null)),
      check ((full_name is null) = (minimised_at is not null))
    );
    create index register_entry_area_idx on register_entry (area_id, expires_at);
    create index register_entry_expiry_idx on register_entry (expires_at) where minimised_at is null;

    create table register_case_link (
      entry_id integer not null references register_entry (id) on delete cascade,
      incident_id bigint not null,
      linked_at timestamptz not null,
      linked_by integer references app_user (id) on delete set null,
      primary key (entry_id, incident_id)
    );
    create index register_case_link_incident_idx on register_case_link (incident_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table register_case_link; drop table register_entry`.execute(db);
}
