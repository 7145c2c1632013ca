import type { CategoryCode } from './category.js';

export const incidentStatuses = ['recorded', 'under_investigation', 'solved', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/**
 * How the police learnt of an incident. Forecasts learn from the first two by default: records the police
 * create themselves follow where patrols already go (Lum & Isaac 2016; Ensign et al. 2018).
 */
export const provenances = ['citizen_report', 'call_for_service', 'police_initiated'] as const;
export type Provenance = (typeof provenances)[number];

/**
 * How precisely the time of an incident is known: to the instant, to the day, or to the month only (police.uk
 * publishes months). A month-only incident is counted by month, never spread over days.
 */
export const timePrecisions = ['instant', 'day', 'month'] as const;
export type TimePrecision = (typeof timePrecisions)[number];

/** The areas a record falls in, resolved once when it is written. */
export interface AreaAssignment {
  /** The finest area known (a district when the point falls in one). */
  areaId: number;
  regionId: number | null;
  provinceId: number | null;
  cityId: number | null;
  districtId: number | null;
}

/** H3 cells of a location at the resolutions Istibaq keeps (about 5 km², 0.7 km² and 0.1 km²). */
export const h3Resolutions = [7, 8, 9] as const;
export type H3Resolution = (typeof h3Resolutions)[number];

export interface NewIncident {
  category: CategoryCode;
  occurredAt: Date;
  reportedAt: Date | null;
  lat: number | null;
  lon: number | null;
  status: IncidentStatus;
  solvedAt: Date | null;
  provenance: Provenance;
  source: string;
  externalId: string | null;
  synthetic: boolean;
}

/**
 * A solved incident has a solving time, and a case is solved no earlier than it happened.
 * `closed` may or may not carry one: a case can be closed after it was solved or without being solved.
 */
export function incidentProblems(incident: NewIncident): string[] {
  const problems: string[] = [];
  if (incident.status === 'solved' && incident.solvedAt === null) problems.push('solved without solvedAt');
  if ((incident.status === 'recorded' || incident.status === 'under_investigation') && incident.solvedAt !== null) {
    problems.push(`solvedAt given for status ${incident.status}`);
  }
  if (incident.solvedAt !== null && incident.solvedAt < incident.occurredAt) {
    problems.push('solvedAt before occurredAt');
  }
  if (incident.reportedAt !== null && incident.reportedAt < incident.occurredAt) {
    problems.push('reportedAt before occurredAt');
  }
  if ((incident.lat === null) !== (incident.lon === null)) problems.push('lat and lon must be given together');
  if (incident.lat !== null && (incident.lat < -90 || incident.lat > 90)) {
    problems.push(`lat out of range: ${incident.lat}`);
  }
  if (incident.lon !== null && (incident.lon < -180 || incident.lon > 180)) {
    problems.push(`lon out of range: ${incident.lon}`);
  }
  return problems;
}
