import Type, { type Static } from 'typebox';
import { partnerKinds } from '../domain/role.js';
import { AreaCode, AreaSummary, Instant, Nullable } from './common.js';
import { Role } from './system.js';

export const Username = Type.String({
  minLength: 2,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._-]+$',
  description: '2 to 64 letters, digits, dots, dashes or underscores',
});
const Password = Type.String({ minLength: 8, maxLength: 200, description: 'at least 8 characters' });
const PartnerKind = Type.Enum(partnerKinds);

export const Account = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  scope: Nullable(AreaSummary),
  partnerKind: Nullable(PartnerKind),
  demo: Type.Boolean(),
  disabled: Type.Boolean(),
  /** Set while failed sign-ins keep the name locked. */
  lockedUntil: Nullable(Instant),
  activeSessions: Type.Integer({ minimum: 0 }),
});
export type Account = Static<typeof Account>;

export const AccountList = Type.Object({ items: Type.Array(Account) });
export type AccountList = Static<typeof AccountList>;

export const AccountParams = Type.Object({ username: Username }, { additionalProperties: false });

export const NewAccount = Type.Object(
  {
    username: Username,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    password: Password,
    role: Role,
    scope: Type.Optional(Nullable(AreaCode)),
    partnerKind: Type.Optional(Nullable(PartnerKind)),
  },
  { additionalProperties: false },
);
export type NewAccount = Static<typeof NewAccount>;

export const AccountPatch = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    password: Type.Optional(Password),
    role: Type.Optional(Role),
    scope: Type.Optional(Nullable(AreaCode)),
    partnerKind: Type.Optional(Nullable(PartnerKind)),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AccountPatch = Static<typeof AccountPatch>;

export const Session = Type.Object({
  /** The SHA-256 of the session's token: names the session, cannot be used as one. */
  id: Type.String(),
  username: Type.String(),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  /** The session this request came with. */
  current: Type.Boolean(),
});
export type Session = Static<typeof Session>;

export const SessionList = Type.Object({ items: Type.Array(Session) });
export type SessionList = Static<typeof SessionList>;

export const SessionQuery = Type.Object({ username: Type.Optional(Username) }, { additionalProperties: false });

export const SessionParams = Type.Object(
  { id: Type.String({ pattern: '^[0-9a-f]{64}$' }) },
  { additionalProperties: false },
);

export const Revoked = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });
export type Revoked = Static<typeof Revoked>;

export const RoleTable = Type.Object({
  items: Type.Array(
    Type.Object({
      role: Role,
      permissions: Type.Array(Type.String()),
      scopeLevels: Nullable(Type.Array(Type.String())),
    }),
  ),
});
export type RoleTable = Static<typeof RoleTable>;
