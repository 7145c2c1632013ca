import { sql, type Kysely } from 'kysely';

/**
 * Citizen reports and tips (Open311 GeoReport v2) and the perception survey. A report keeps its public code, the
 * areas its point falls in (like an incident), the contact details its author chose to give (never answered
 * publicly) and, for abuse control, a keyed hash of the client rather than its address. A perception answer keeps
 * no personal data: an area, an answer and a time. `incident_id` has no foreign key, so that the demo's bulk reload
 * can still truncate incidents (as in 0009); the incident also carries the report's code as its external id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table citizen_report (
      id integer generated always as identity primary key,
      code text not null unique check (code ~ '^[A-Z2-9]{10}$'),
      kind text not null check (kind in ('report', 'tip')),
      service_code text not null check (length(service_code) between 1 and 64),
      description text not null check (length(description) between 1 and 2000),
      lat double precision,
      lon double precision,
      area_id integer references area (id),
      region_id integer references area (id),
      province_id integer references area (id),
      city_id integer references area (id),
      district_id integer references area (id),
      address text check (length(address) <= 300),
      anonymous boolean not null,
      contact_name text check (length(contact_name) <= 200),
      contact_email text check (length(contact_email) <= 254),
      contact_phone text check (length(contact_phone) <= 40),
      status text not null default 'open'
        check (status in ('open', 'acknowledged', 'in_progress', 'closed', 'rejected', 'merged')),
      status_notes text check (length(status_notes) <= 2000),
      merged_into integer references citizen_report (id),
      incident_id bigint,
      requested_at timestamptz not null,
      updated_at timestamptz not null,
      client_hash text not null,
      check ((lat is null) = (lon is null)),
      check ((lat is null) = (area_id is null)),
      check ((status = 'merged') = (merged_into is not null))
    );
    create index citizen_report_area_idx on citizen_report (area_id, requested_at);
    create index citizen_report_queue_idx on citizen_report (requested_at desc, id desc);
    create index citizen_report_client_idx on citizen_report (client_hash, requested_at);

    create table perception_response (
      id integer generated always as identity primary key,
      area_id integer not null references area (id),
      region_id integer references area (id),
      province_id integer references area (id),
      city_id integer references area (id),
      district_id integer references area (id),
      answer smallint not null check (answer between 1 and 5),
      day date not null,
      at timestamptz not null
    );
    create index perception_response_area_idx on perception_response (area_id, day);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table perception_response; drop table citizen_report`.execute(db);
}
