/** Calls for service (intervention requests): received → dispatched → on scene → closed. */

export const callTypes = [
  'violence',
  'theft',
  'burglary',
  'robbery',
  'disturbance',
  'domestic',
  'traffic_accident',
  'suspicious',
  'assistance',
  'drugs',
  'other',
] as const;
export type CallType = (typeof callTypes)[number];

/** 1 is the most urgent (a threat to life in progress), 4 the least. */
export const callPriorities = [1, 2, 3, 4] as const;
export type CallPriority = (typeof callPriorities)[number];

export const callOutcomes = [
  'incident_recorded',
  'no_offence',
  'assistance_given',
  'unfounded',
  'cancelled',
  'pending',
] as const;
export type CallOutcome = (typeof callOutcomes)[number];

export interface NewCall {
  receivedAt: Date;
  dispatchedAt: Date | null;
  onSceneAt: Date | null;
  closedAt: Date | null;
  priority: CallPriority;
  callType: CallType;
  lat: number | null;
  lon: number | null;
  outcome: CallOutcome;
  source: string;
  externalId: string | null;
  synthetic: boolean;
}

/** The timeline must move forward: a unit cannot arrive before it was sent. */
export function callProblems(call: NewCall): string[] {
  const problems: string[] = [];
  const steps: [string, Date | null][] = [
    ['receivedAt', call.receivedAt],
    ['dispatchedAt', call.dispatchedAt],
    ['onSceneAt', call.onSceneAt],
    ['closedAt', call.closedAt],
  ];
  let previous: [string, Date] | null = null;
  for (const [name, at] of steps) {
    if (at === null) continue;
    if (previous && at < previous[1]) problems.push(`${name} before ${previous[0]}`);
    previous = [name, at];
  }
  if (call.onSceneAt !== null && call.dispatchedAt === null) problems.push('onSceneAt without dispatchedAt');
  return problems;
}
