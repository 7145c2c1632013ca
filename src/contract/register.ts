import Type, { type Static } from 'typebox';
import { maxRenewalDays, purposeLength, registerKinds } from '../domain/register.js';
import { incidentStatuses } from '../domain/incident.js';
import { AreaCode, AreaSummary, Day, Instant, Nullable } from './common.js';

/** The register's schemas (README, "Restricted register"): every read states its purpose. */

const Purpose = Type.String({
  minLength: purposeLength.min,
  maxLength: purposeLength.max,
  description: 'why the register is read (recorded in the audit trail with the read)',
});

export const RegisterKind = Type.Enum(registerKinds);

export const RegisterListQuery = Type.Object(
  {
    purpose: Purpose,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'part of a name or an alias' })),
    kind: Type.Optional(RegisterKind),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,9}$', description: 'nextCursor of the page before' })),
  },
  { additionalProperties: false },
);
export type RegisterListQuery = Static<typeof RegisterListQuery>;

export const RegisterReadQuery = Type.Object({ purpose: Purpose }, { additionalProperties: false });
export type RegisterReadQuery = Static<typeof RegisterReadQuery>;

export const RegisterParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

const listItemFields = {
  id: Type.Integer(),
  kind: RegisterKind,
  fullName: Type.String(),
  aliases: Type.Array(Type.String()),
  birthYear: Nullable(Type.Integer()),
  area: AreaSummary,
  createdAt: Instant,
  expiresAt: Instant,
  daysLeft: Type.Integer({ description: 'whole days before the entry lapses, rounded up' }),
  cases: Type.Integer({ description: 'cases linked' }),
  openCases: Type.Integer({ description: 'linked cases still open' }),
  synthetic: Type.Boolean({ description: 'true for the demo’s made-up entries' }),
};

export const RegisterListItem = Type.Object(listItemFields);
export type RegisterListItem = Static<typeof RegisterListItem>;

export const RegisterPage = Type.Object({ items: Type.Array(RegisterListItem), nextCursor: Nullable(Type.String()) });
export type RegisterPage = Static<typeof RegisterPage>;

export const RegisterCase = Type.Object({
  incidentId: Type.Integer(),
  category: Type.String(),
  day: Day,
  district: Nullable(Type.String({ description: 'the district’s code' })),
  status: Type.Enum(incidentStatuses),
  open: Type.Boolean(),
  linkedAt: Instant,
});
export type RegisterCase = Static<typeof RegisterCase>;

export const RegisterEntry = Type.Object({
  ...listItemFields,
  description: Nullable(Type.String()),
  grounds: Type.String(),
  createdBy: Nullable(Type.String({ description: 'the username of who listed the entry' })),
  linked: Type.Array(RegisterCase, { description: 'the linked cases inside your scope' }),
});
export type RegisterEntry = Static<typeof RegisterEntry>;

const Reason = Type.String({ minLength: 1, maxLength: 1000 });

export const RegisterEntryBody = Type.Object(
  {
    kind: RegisterKind,
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    aliases: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })),
    birthYear: Type.Optional(Nullable(Type.Integer({ minimum: 1900, maximum: 2100 }))),
    description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    grounds: Type.String({ minLength: 1, maxLength: 2000, description: 'why the person is listed' }),
    area: AreaCode,
    caseIds: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 50,
      description: 'open incidents in your scope the entry is about',
    }),
  },
  { additionalProperties: false },
);
export type RegisterEntryBody = Static<typeof RegisterEntryBody>;

export const RenewBody = Type.Object(
  {
    days: Type.Integer({ minimum: 1, maximum: maxRenewalDays, description: 'validity from now, in days' }),
    reason: Reason,
  },
  { additionalProperties: false },
);
export type RenewBody = Static<typeof RenewBody>;

export const WithdrawBody = Type.Object({ reason: Reason }, { additionalProperties: false });
export type WithdrawBody = Static<typeof WithdrawBody>;

export const LinkBody = Type.Object({ incidentId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type LinkBody = Static<typeof LinkBody>;

export const Withdrawn = Type.Object({ id: Type.Integer(), withdrawn: Type.Literal(true) });
export type Withdrawn = Static<typeof Withdrawn>;

export const RegisterValidity = Type.Object({
  id: Type.Integer(),
  expiresAt: Instant,
  daysLeft: Type.Integer(),
});
export type RegisterValidity = Static<typeof RegisterValidity>;

export const Linked = Type.Object({ id: Type.Integer(), incidentId: Type.Integer(), added: Type.Boolean() });
export type Linked = Static<typeof Linked>;
