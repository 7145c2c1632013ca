import Type, { type Static } from 'typebox';
import { auditActions } from '../domain/audit.js';
import { incidentStatuses } from '../domain/incident.js';
import { Instant, Nullable } from './common.js';
import { CategoryCode } from './records.js';

const Since = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$',
  description:
    'a day (YYYY-MM-DD, local time in Africa/Casablanca; as `to`, the whole day is included) or an instant with its offset (`to` exclusive)',
});

export const AuditQuery = Type.Object(
  {
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the actor’s username' })),
    action: Type.Optional(Type.Enum(auditActions)),
    target: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'a kind (`incident`) or a kind and id (`incident:42`)',
      }),
    ),
    from: Type.Optional(Since),
    to: Type.Optional(Since),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    cursor: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,17}$', description: 'nextCursor of the page before' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Instant,
  actorId: Nullable(Type.Integer()),
  actor: Type.String({ description: 'the username when the entry was written, `cli:<os user>` or `system`' }),
  action: Type.String(),
  targetKind: Nullable(Type.String()),
  targetId: Nullable(Type.String()),
  areaId: Nullable(Type.Integer()),
  details: Type.Record(Type.String(), Type.Unknown()),
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), nextCursor: Nullable(Type.String()) });
export type AuditPage = Static<typeof AuditPage>;

export const IncidentParams = Type.Object({ id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const IncidentPatch = Type.Object(
  {
    category: Type.Optional(CategoryCode),
    status: Type.Optional(Type.Enum(incidentStatuses)),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1000, description: 'why; required when the category changes' }),
    ),
  },
  { additionalProperties: false },
);
export type IncidentPatch = Static<typeof IncidentPatch>;

export const HistoryEntry = Type.Object({
  at: Instant,
  actor: Type.String(),
  field: Type.String(),
  oldValue: Nullable(Type.String()),
  newValue: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});

export const IncidentHistory = Type.Object({
  id: Type.Integer(),
  category: CategoryCode,
  status: Type.Enum(incidentStatuses),
  solvedAt: Nullable(Instant),
  history: Type.Array(HistoryEntry, { description: 'every change, oldest first' }),
});
export type IncidentHistory = Static<typeof IncidentHistory>;
