import { sql, type Kysely } from 'kysely';

/**
 * Partners in plans: the partner accounts taking part in a plan (a commune, the prosecutor's office, a civil-society
 * body), and which of the plan's actions are shared with them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plan_partner (
      plan_id integer not null references plan (id) on delete cascade,
      user_id integer not null references app_user (id) on delete cascade,
      added_at timestamptz not null default now(),
      added_by integer references app_user (id) on delete set null,
      primary key (plan_id, user_id)
    );
    create index plan_partner_user_idx on plan_partner (user_id);

    alter table plan_action add column shared boolean not null default false;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan_action drop column shared;
    drop table plan_partner;
  `.execute(db);
}
