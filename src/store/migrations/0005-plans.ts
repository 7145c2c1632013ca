import { sql, type Kysely } from 'kysely';

/**
 * Plans and follow-up: emergency and strategic plans for an area, their measurable objectives, their actions
 * (each owned by a police unit) and every area's weekly submission of efforts and difficulties.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table plan (
      id integer generated always as identity primary key,
      kind text not null check (kind in ('emergency', 'strategic')),
      title text not null,
      area_id integer not null references area (id),
      owner_area_id integer not null references area (id),
      start_day date not null,
      end_day date not null,
      status text not null check (status in ('draft', 'active', 'closed', 'cancelled')),
      synthetic boolean not null default false,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (end_day >= start_day)
    );
    create index plan_area_idx on plan (area_id);

    create table plan_objective (
      id integer generated always as identity primary key,
      plan_id integer not null references plan (id) on delete cascade,
      area_id integer not null references area (id),
      categories text[] not null default '{}',
      measure text not null check (measure in ('count', 'rate')),
      window_kind text not null check (window_kind in ('rolling', 'calendar')),
      window_days integer,
      window_from date,
      window_to date,
      baseline_kind text not null check (baseline_kind in ('year_before', 'fixed')),
      baseline_from date,
      baseline_to date,
      target_change_pct double precision not null,
      deadline date not null,
      created_at timestamptz not null default now()
    );
    create index plan_objective_plan_idx on plan_objective (plan_id);

    create table plan_action (
      id integer generated always as identity primary key,
      plan_id integer not null references plan (id) on delete cascade,
      description text not null,
      owner_unit_id integer not null references police_unit (id),
      due_day date not null,
      status text not null check (status in ('open', 'done')),
      done_day date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'done') = (done_day is not null))
    );
    create index plan_action_plan_idx on plan_action (plan_id);

    create table plan_submission (
      area_id integer not null references area (id),
      week text not null check (week ~ '^[0-9]{4}-W[0-9]{2}$'),
      efforts text not null,
      difficulties text not null,
      submitted_by integer references app_user (id) on delete set null,
      synthetic boolean not null default false,
      updated_at timestamptz not null default now(),
      primary key (area_id, week)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table plan_submission;
    drop table plan_action;
    drop table plan_objective;
    drop table plan;
  `.execute(db);
}
