import { sql, type Kysely } from 'kysely';

/**
 * The audit trail and incident history.
 *
 * `audit_log` is append-only: a trigger refuses every UPDATE, DELETE and TRUNCATE, and each entry carries the
 * SHA-256 of the one before (src/domain/audit.ts), so a change made behind the application's back (with the
 * trigger switched off) breaks the chain where it was made. Ids are not an identity: the application gives each
 * entry the previous id plus one while it holds the table's lock, so that a rolled-back append leaves no hole and a
 * hole always means a removed entry. No foreign keys: an entry outlives the user, incident or plan it names.
 *
 * `incident_history` keeps each change of an incident's fields (who, when, old and new value, why); it is
 * append-only too. It has no foreign key to `incident` so that the demo's bulk reload can still truncate incidents.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_log (
      id bigint primary key check (id > 0),
      at timestamptz not null,
      actor_id integer,
      actor_name text not null check (length(actor_name) between 1 and 200),
      action text not null check (length(action) between 1 and 64),
      target_kind text,
      target_id text,
      area_id integer,
      details jsonb not null default '{}',
      prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
      hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
    );
    create index audit_log_actor_idx on audit_log (actor_name, id);
    create index audit_log_action_idx on audit_log (action, id);
    create index audit_log_target_idx on audit_log (target_kind, target_id, id);
    create index audit_log_at_idx on audit_log (at);

    create table incident_history (
      id bigint generated always as identity primary key,
      incident_id bigint not null,
      at timestamptz not null,
      actor_id integer,
      actor_name text not null,
      field text not null,
      old_value text,
      new_value text,
      reason text
    );
    create index incident_history_incident_idx on incident_history (incident_id, id);

    create function refuse_append_only_change() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: % refused', tg_table_name, tg_op using errcode = 'insufficient_privilege';
    end
    $$;
    create trigger audit_log_append_only before update or delete on audit_log
      for each row execute function refuse_append_only_change();
    create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function refuse_append_only_change();
    create trigger incident_history_append_only before update or delete on incident_history
      for each row execute function refuse_append_only_change();
    create trigger incident_history_no_truncate before truncate on incident_history
      for each statement execute function refuse_append_only_change();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table incident_history;
    drop table audit_log;
    drop function refuse_append_only_change();
  `.execute(db);
}
