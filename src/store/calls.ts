import type { CallOutcome, CallType } from '../domain/call.js';
import type { Db } from './db.js';
import { inArea, inScope, type AreaRef, type Scope } from './scope.js';

export interface CallQuery {
  area?: AreaRef | undefined;
  priorities?: readonly number[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  after?: { receivedAt: Date; id: number } | undefined;
  limit: number;
}

export interface CallRecord {
  id: number;
  receivedAt: Date;
  dispatchedAt: Date | null;
  onSceneAt: Date | null;
  closedAt: Date | null;
  priority: number;
  callType: CallType;
  incidentId: number | null;
  lat: number | null;
  lon: number | null;
  areaId: number;
  areaCode: string;
  outcome: CallOutcome;
  source: string;
  synthetic: boolean;
}

/** Calls for service newest first, one page at a time, inside the caller's scope and the requested area. */
export async function listCalls(db: Db, scope: Scope, query: CallQuery): Promise<CallRecord[]> {
  let q = db
    .selectFrom('callForService')
    .innerJoin('area', 'area.id', 'callForService.areaId')
    .select([
      'callForService.id',
      'callForService.receivedAt',
      'callForService.dispatchedAt',
      'callForService.onSceneAt',
      'callForService.closedAt',
      'callForService.priority',
      'callForService.callType',
      'callForService.incidentId',
      'callForService.lat',
      'callForService.lon',
      'callForService.areaId',
      'area.code as areaCode',
      'callForService.outcome',
      'callForService.source',
      'callForService.synthetic',
    ])
    .where(inScope('call_for_service', scope));
  const { area, priorities, from, to, after } = query;
  if (area) q = q.where(inArea('call_for_service', area));
  if (priorities && priorities.length > 0) q = q.where('callForService.priority', 'in', priorities);
  if (from) q = q.where('callForService.receivedAt', '>=', from);
  if (to) q = q.where('callForService.receivedAt', '<', to);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('callForService.receivedAt', '<', after.receivedAt),
        eb.and([eb('callForService.receivedAt', '=', after.receivedAt), eb('callForService.id', '<', after.id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('callForService.receivedAt', 'desc')
    .orderBy('callForService.id', 'desc')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({ ...r, callType: r.callType as CallType, outcome: r.outcome as CallOutcome }));
}
