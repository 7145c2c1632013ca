/**
 * Patrol units: the cars, motorcycles and foot patrols a district's police station puts on the street, each with
 * its home district and its status now (docs/patrols.md "Units and presence").
 */

export const patrolUnitKinds = ['car', 'motorcycle', 'foot'] as const;
export type PatrolUnitKind = (typeof patrolUnitKinds)[number];

/**
 * `available`: on duty, not assigned; `on_patrol`: patrolling; `responding`: sent to a call; `off_duty`: not on
 * shift; `out_of_service`: unavailable (repair, training…).
 */
export const patrolUnitStatuses = ['available', 'on_patrol', 'responding', 'off_duty', 'out_of_service'] as const;
export type PatrolUnitStatus = (typeof patrolUnitStatuses)[number];

/** The statuses of a unit that is on the street or could be sent there at once. */
export const onDutyStatuses: readonly PatrolUnitStatus[] = ['available', 'on_patrol', 'responding'];

export function isPatrolUnitStatus(value: string): value is PatrolUnitStatus {
  return (patrolUnitStatuses as readonly string[]).includes(value);
}

/** A unit's code: its station's code and a number, `D-06.141.01.01/3`. */
export function patrolUnitCode(stationCode: string, number: number): string {
  return `${stationCode}/${number}`;
}
