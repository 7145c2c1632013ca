import Type, { type Static } from 'typebox';
import { categoryCodes } from '../domain/category.js';
import { reportKinds, reportStatuses, serviceCodes, settableStatuses } from '../domain/citizen-report.js';
import { AreaCode, AreaSummary, Day, Instant, Nullable } from './common.js';

/**
 * Citizen reports: the Open311 GeoReport v2 API (http://wiki.open311.org/GeoReport_v2), with its field names, the
 * triage queue for officers and the perception survey.
 */

const Locale = Type.Union([Type.Literal('ar'), Type.Literal('fr'), Type.Literal('en')], { default: 'ar' });

/** Open311 answers every error as a list of `{code, description}`, with the HTTP status as the code. */
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }));
export type Open311Errors = Static<typeof Open311Errors>;

export const ServicesQuery = Type.Object(
  {
    locale: Type.Optional(Locale),
    jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
    api_key: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ServicesQuery = Static<typeof ServicesQuery>;

export const Open311Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.Literal('realtime'),
  keywords: Type.String({ description: 'comma-separated' }),
  group: Type.String(),
});
export const Open311ServiceList = Type.Array(Open311Service);

/** A service's definition: no service asks for extra attributes, so each definition lists none. */
export const Open311ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Type.Object({ code: Type.String() })),
});
export type Open311ServiceList = Static<typeof Open311ServiceList>;

const ContactText = (maxLength: number) => Type.String({ maxLength });

/**
 * A new report, form-encoded or JSON. `kind` (report or tip) is Istibaq's: without it, a report. `website` is the
 * web form's honeypot, left empty by people. Coordinates are WGS 84 decimal degrees.
 */
export const Open311RequestBody = Type.Object(
  {
    service_code: Type.String({ minLength: 1, maxLength: 64 }),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    long: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    address_string: Type.Optional(ContactText(300)),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    email: Type.Optional(ContactText(254)),
    first_name: Type.Optional(ContactText(100)),
    last_name: Type.Optional(ContactText(100)),
    phone: Type.Optional(ContactText(40)),
    device_id: Type.Optional(ContactText(100)),
    account_id: Type.Optional(ContactText(100)),
    jurisdiction_id: Type.Optional(ContactText(100)),
    api_key: Type.Optional(ContactText(200)),
    kind: Type.Optional(Type.Enum(reportKinds)),
    website: Type.Optional(ContactText(200)),
  },
  { additionalProperties: false },
);
export type Open311RequestBody = Static<typeof Open311RequestBody>;

export const Open311Created = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    service_notice: Type.String(),
    account_id: Nullable(Type.String()),
  }),
);
export type Open311Created = Static<typeof Open311Created>;

export const RequestsQuery = Type.Object(
  {
    service_request_id: Type.String({
      minLength: 1,
      maxLength: 230,
      description: 'one code, or several comma-separated',
    }),
    jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
    api_key: Type.Optional(Type.String({ maxLength: 200 })),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type RequestsQuery = Static<typeof RequestsQuery>;

export const RequestQuery = Type.Object(
  {
    jurisdiction_id: Type.Optional(Type.String({ maxLength: 100 })),
    api_key: Type.Optional(Type.String({ maxLength: 200 })),
    locale: Type.Optional(Locale),
  },
  { additionalProperties: false },
);
export type RequestQuery = Static<typeof RequestQuery>;

/** A report as anyone holding its code sees it: no contact details, its place rounded to about 100 m. */
export const Open311Request = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Type.String(),
  service_notice: Nullable(Type.String()),
  requested_datetime: Instant,
  updated_datetime: Instant,
  expected_datetime: Nullable(Instant),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
  extended_attributes: Type.Object({
    kind: Type.Enum(reportKinds),
    detailed_status: Type.Enum(reportStatuses),
    merged_into: Nullable(Type.String()),
  }),
});
export const Open311RequestList = Type.Array(Open311Request);
export type Open311Request = Static<typeof Open311Request>;

/** The triage queue. */
export const ReportQueueQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    status: Type.Optional(Type.Enum(reportStatuses)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ReportQueueQuery = Static<typeof ReportQueueQuery>;

/** A report as officers see it: everything, contact details included. Free text is plain text, never markup. */
export const CitizenReport = Type.Object({
  code: Type.String(),
  kind: Type.Enum(reportKinds),
  service: Type.Enum(serviceCodes),
  description: Type.String({ description: 'plain text as the citizen wrote it; show it as text' }),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  area: Nullable(AreaSummary),
  address: Nullable(Type.String()),
  anonymous: Type.Boolean(),
  contact: Nullable(
    Type.Object({ name: Nullable(Type.String()), email: Nullable(Type.String()), phone: Nullable(Type.String()) }),
  ),
  status: Type.Enum(reportStatuses),
  statusNotes: Nullable(Type.String()),
  mergedInto: Nullable(Type.String()),
  incidentId: Nullable(Type.Integer()),
  requestedAt: Instant,
  updatedAt: Instant,
});
export type CitizenReport = Static<typeof CitizenReport>;

export const ReportQueue = Type.Object({ items: Type.Array(CitizenReport), nextCursor: Nullable(Type.String()) });
export type ReportQueue = Static<typeof ReportQueue>;

export const ReportCodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });

export const ReportPatch = Type.Object(
  {
    status: Type.Optional(Type.Enum(settableStatuses)),
    statusNotes: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: 'shown to the citizen' }))),
  },
  { additionalProperties: false },
);
export type ReportPatch = Static<typeof ReportPatch>;

export const MergeBody = Type.Object(
  { into: Type.String({ minLength: 1, maxLength: 20, description: 'the code of the report kept' }) },
  { additionalProperties: false },
);
export type MergeBody = Static<typeof MergeBody>;

export const ReportIncidentBody = Type.Object(
  { category: Type.Enum(categoryCodes), occurredAt: Instant },
  { additionalProperties: false },
);
export type ReportIncidentBody = Static<typeof ReportIncidentBody>;

/** The perception survey: "do you feel safe in your neighbourhood?", 1 (not at all) to 5 (completely). */
export const PerceptionBody = Type.Object(
  {
    area: Type.Optional(AreaCode),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    answer: Type.Integer({ minimum: 1, maximum: 5 }),
  },
  { additionalProperties: false },
);
export type PerceptionBody = Static<typeof PerceptionBody>;

export const PerceptionRecorded = Type.Object({ area: AreaSummary, day: Day });
export type PerceptionRecorded = Static<typeof PerceptionRecorded>;

export const PerceptionQuery = Type.Object(
  { area: Type.Optional(AreaCode), from: Day, to: Day },
  { additionalProperties: false },
);
export type PerceptionQuery = Static<typeof PerceptionQuery>;

export const PerceptionResult = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  question: Type.String(),
  n: Type.Integer(),
  minResponses: Type.Integer(),
  withheld: Type.Boolean({ description: 'true below minResponses answers: only n is given' }),
  counts: Nullable(Type.Array(Type.Integer(), { description: 'answers 1 to 5, in order' })),
  mean: Nullable(Type.Number()),
  shareSafe: Nullable(Type.Number({ description: 'share answering 4 or 5' })),
});
export type PerceptionResult = Static<typeof PerceptionResult>;
