import Type, { type Static } from 'typebox';
import { patrolUnitKinds, patrolUnitStatuses } from '../domain/patrol-unit.js';
import { patrolSources, shiftNames } from '../domain/patrol.js';
import { specialPeriodNames } from '../domain/special-periods.js';
import { AreaCode, AreaSummary, Day, Instant, Nullable } from './common.js';

/** Patrols: the dosage log, fairness across districts and shift plans (docs/patrols.md). */

const UnitCode = Type.String({ minLength: 1, maxLength: 64, description: 'a police unit code (GET /api/units)' });
const Cell = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9:._-]+$',
  description: 'an H3 index (hexadecimal) or a grid-cell key',
});

export const PatrolLogBody = Type.Object(
  {
    unit: UnitCode,
    cell: Cell,
    district: AreaCode,
    startedAt: Instant,
    endedAt: Instant,
    source: Type.Optional(Type.Enum(patrolSources, { description: 'default actual' })),
  },
  {
    additionalProperties: false,
    description: 'district: the code of the district the cell lies in; endedAt after startedAt, at most 24 h on',
  },
);
export type PatrolLogBody = Static<typeof PatrolLogBody>;

export const PatrolLogEntry = Type.Object({
  id: Type.Integer(),
  unit: Type.String(),
  cell: Type.String(),
  district: Type.String(),
  startedAt: Instant,
  endedAt: Instant,
  hours: Type.Number(),
  source: Type.Enum(patrolSources),
  recordedBy: Nullable(Type.String({ description: 'the username of who recorded it' })),
  recordedAt: Instant,
});
export type PatrolLogEntry = Static<typeof PatrolLogEntry>;

export const PeriodQuery = Type.Object(
  { area: Type.Optional(AreaCode), from: Day, to: Day },
  { additionalProperties: false },
);
export type PeriodQuery = Static<typeof PeriodQuery>;

export const PatrolLogList = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  items: Type.Array(PatrolLogEntry, { description: 'entries overlapping the local days from–to, by start' }),
});
export type PatrolLogList = Static<typeof PatrolLogList>;

export const DistrictFairness = Type.Object({
  district: AreaSummary,
  patrolHours: Type.Number({ description: 'actual hours inside the period' }),
  hoursPer100k: Nullable(Type.Number({ description: 'per 100,000 residents; null without a population' })),
  incidents: Type.Integer(),
  crimeShare: Nullable(Type.Number({ description: 'of the districts’ incidents, 0 to 1' })),
  patrolShare: Nullable(Type.Number({ description: 'of the districts’ patrol hours, 0 to 1' })),
  patrolToCrime: Nullable(Type.Number({ description: 'patrol share ÷ crime share; 1: patrols follow crime' })),
});
export type DistrictFairness = Static<typeof DistrictFairness>;

export const FairnessReport = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  patrolHours: Type.Number(),
  incidents: Type.Integer(),
  districts: Type.Array(DistrictFairness),
});
export type FairnessReport = Static<typeof FairnessReport>;

export const PlanAssignment = Type.Object({
  slot: Type.Integer(),
  cell: Type.String(),
  district: Type.String(),
  hours: Type.Number(),
  basis: Type.Enum(['floor', 'risk'] as const),
  risk: Type.Number(),
  score: Type.Number({ description: 'risk after the rotation discount' }),
  streak: Type.Integer({ description: 'consecutive earlier shifts the cell was patrolled in' }),
  hoursThisWeek: Type.Number({ description: 'actual hours the cell had this week before the shift' }),
});

export const PlanCoverage = Type.Object({
  district: Type.String(),
  population: Nullable(Type.Integer()),
  cells: Type.Integer(),
  floorHours: Type.Number(),
  unitsNeeded: Type.Integer(),
  units: Type.Integer(),
  plannedHours: Type.Number(),
  floorMet: Type.Boolean(),
  shortfallHours: Type.Number(),
});

export const PlanProblem = Type.Object({
  kind: Type.Enum(['floor_exceeds_units', 'floor_unreachable', 'idle_units'] as const),
  message: Type.String(),
  district: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

export const PatrolPlan = Type.Object({
  area: AreaSummary,
  shift: Type.Object({ day: Day, name: Type.Enum(shiftNames), start: Instant, end: Instant }),
  units: Type.Integer(),
  capHours: Type.Number(),
  rotationDiscount: Type.Number(),
  risk: Type.Object({ source: Type.String(), from: Instant, to: Instant }),
  assignments: Type.Array(PlanAssignment),
  districts: Type.Array(PlanCoverage),
  idleUnits: Type.Integer(),
  feasible: Type.Boolean(),
  problems: Type.Array(PlanProblem),
});
export type PatrolPlan = Static<typeof PatrolPlan>;

export const PlanQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    shift: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}:(morning|afternoon|night)$', description: 'DAY:morning' }),
    units: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 10_000,
        description: 'units for the shift; default the area’s patrol units on duty now (GET /api/patrol-units)',
      }),
    ),
    cap: Type.Optional(Type.Number({ minimum: 0, maximum: 168, description: 'hours per cell per week, default 24' })),
    floor: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'hours per district, default 8' })),
    risk: Type.Optional(
      Type.Enum(['recent', 'etas', 'prospective', 'kde', 'naive', ...specialPeriodNames] as const, {
        description:
          'where the risk comes from: reported incidents of the 28 days before the shift, a forecast model ' +
          'learned from the year before it (default etas), or, for a shift inside New Year, Ramadan or an Eid, ' +
          'that period’s forecast from the same period in past years',
      }),
    ),
    includePoliceInitiated: Type.Optional(
      Type.Boolean({ description: 'let the risk learn from police-initiated records too; default false' }),
    ),
  },
  { additionalProperties: false },
);
export type PlanQuery = Static<typeof PlanQuery>;

const shiftHoursByName = Type.Object({ morning: Type.Number(), afternoon: Type.Number(), night: Type.Number() });

export const PatrolUnit = Type.Object({
  code: Type.String(),
  station: Type.String({ description: 'the police unit (station) the patrol unit belongs to' }),
  district: Type.String({ description: 'its home district' }),
  kind: Type.Enum(patrolUnitKinds),
  status: Type.Enum(patrolUnitStatuses),
  statusSince: Instant,
  illustrative: Type.Boolean({ description: 'a demo unit' }),
});
export type PatrolUnit = Static<typeof PatrolUnit>;

export const PatrolUnitList = Type.Object({
  area: AreaSummary,
  byStatus: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(PatrolUnit),
});
export type PatrolUnitList = Static<typeof PatrolUnitList>;

export const UnitQuery = Type.Object({ area: Type.Optional(AreaCode) }, { additionalProperties: false });
export type UnitQuery = Static<typeof UnitQuery>;

export const UnitParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 80 }) });

export const UnitStatusBody = Type.Object({ status: Type.Enum(patrolUnitStatuses) }, { additionalProperties: false });
export type UnitStatusBody = Static<typeof UnitStatusBody>;

export const DistrictPresence = Type.Object({
  district: AreaSummary,
  units: Type.Integer({ description: 'patrol units based in the district' }),
  onDuty: Type.Integer({ description: 'of which available, on patrol or responding now' }),
  hours: Type.Number({ description: 'actual patrol hours in the period' }),
  hoursByShift: shiftHoursByName,
  hoursPer100k: Nullable(Type.Number()),
  unitsPerShift: Type.Object(
    { morning: Type.Number(), afternoon: Type.Number(), night: Type.Number() },
    { description: 'units present on average in each shift of the period: hours ÷ 8 ÷ days' },
  ),
});

export const PresenceReport = Type.Object({
  area: AreaSummary,
  from: Day,
  to: Day,
  days: Type.Integer(),
  hours: Type.Number(),
  hoursPer100k: Nullable(Type.Number()),
  districts: Type.Array(DistrictPresence),
});
export type PresenceReport = Static<typeof PresenceReport>;
