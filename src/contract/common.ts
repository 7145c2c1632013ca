import Type, { type Static } from 'typebox';
import { areaLevels } from '../domain/area.js';

/** Every error the API answers with has this shape; `code` is stable, the web translates it. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'OUT_OF_SCOPE',
  'FORBIDDEN',
  'AREA_NOT_FOUND',
  'AREA_TOO_LARGE',
  'INVALID_CURSOR',
  'NOT_FOUND',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'IMPORT_NOT_FOUND',
  'PLAN_NOT_FOUND',
  'ACTION_NOT_FOUND',
  'SUBMISSION_CLOSED',
  'PDF_UNAVAILABLE',
  'REPORT_NOT_FOUND',
  'REPORT_CONFLICT',
  'ACCOUNT_LOCKED',
  'USER_NOT_FOUND',
  'USERNAME_TAKEN',
  'SESSION_NOT_FOUND',
  'ENTRY_NOT_FOUND',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const ErrorBody = Type.Object({
  code: Type.Enum(errorCodes),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'the request field at fault, for VALIDATION_FAILED' })),
});
export type ErrorBody = Static<typeof ErrorBody>;

export const AreaLevel = Type.Enum(areaLevels);
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a calendar day, YYYY-MM-DD' });
export const Instant = Type.String({ format: 'date-time' });
export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const AreaCode = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' });

export const AreaSummary = Type.Object({
  code: Type.String(),
  level: AreaLevel,
  kind: Type.String(),
  nameAr: Type.String(),
  nameFr: Type.String(),
  nameEn: Type.String({ description: 'English name (the French one where English has no other)' }),
  population: Nullable(Type.Integer()),
  synthetic: Type.Boolean({ description: 'true for generated areas (the demo sectors)' }),
});
export type AreaSummary = Static<typeof AreaSummary>;
