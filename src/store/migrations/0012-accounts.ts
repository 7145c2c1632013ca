import { sql, type Kysely } from 'kysely';

/**
 * The complete roles (judicial police, partner, auditor, administrator), the body a partner speaks for, sign-in
 * throttling by account name (known or not, so a lock-out tells nobody which names exist) and what a session
 * records of where it came from, so that an administrator can see it and revoke it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user drop constraint app_user_role_check;
    alter table app_user add constraint app_user_role_check check (role in (
      'director_general', 'wali', 'district_chief', 'analyst', 'judicial_police', 'partner', 'auditor', 'administrator'
    ));
    alter table app_user add column partner_kind text
      check (partner_kind in ('local_authority', 'prosecutor', 'civil_society'));
    alter table app_user add constraint app_user_partner_role_check
      check ((role = 'partner') = (partner_kind is not null));

    create table sign_in_throttle (
      username text primary key,
      failures integer not null default 0,
      last_failure_at timestamptz not null,
      locked_until timestamptz
    );

    alter table user_session add column ip text;
    alter table user_session add column user_agent text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table user_session drop column user_agent;
    alter table user_session drop column ip;
    drop table sign_in_throttle;
    delete from app_user where role not in ('director_general', 'wali', 'district_chief', 'analyst');
    alter table app_user drop constraint app_user_partner_role_check;
    alter table app_user drop column partner_kind;
    alter table app_user drop constraint app_user_role_check;
    alter table app_user add constraint app_user_role_check
      check (role in ('director_general', 'wali', 'district_chief', 'analyst'));
  `.execute(db);
}
