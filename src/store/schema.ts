import type { ColumnType, Generated } from 'kysely';
import type { AreaGeometry } from '../domain/area.js';

/** Timestamps are written as Date or ISO strings and read as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface AreaTable {
  id: Generated<number>;
  code: string;
  level: string;
  kind: string;
  parentId: number | null;
  nameAr: string;
  nameFr: string;
  nameEn: string | null;
  population: number | null;
  isoCode: string | null;
  synthetic: Generated<boolean>;
  boundarySource: string;
  timeZone: Generated<string>;
  centroidLon: number | null;
  centroidLat: number | null;
  minLon: number | null;
  minLat: number | null;
  maxLon: number | null;
  maxLat: number | null;
  boundary: Json<AreaGeometry> | null;
  createdAt: Generated<Date>;
}

export interface AreaAncestorTable {
  areaId: number;
  ancestorId: number;
  depth: number;
}

export interface PoliceUnitTable {
  id: Generated<number>;
  code: string;
  kind: string;
  parentId: number | null;
  areaId: number | null;
  nameAr: string;
  nameFr: string;
  nameEn: string | null;
  illustrative: Generated<boolean>;
}

interface LocatedRow {
  lat: number | null;
  lon: number | null;
  areaId: number;
  regionId: number | null;
  provinceId: number | null;
  cityId: number | null;
  districtId: number | null;
  h3R7: string | null;
  h3R8: string | null;
  h3R9: string | null;
  source: string;
  externalId: string | null;
  rowHash: string | null;
  synthetic: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface IncidentTable extends LocatedRow {
  id: Generated<number>;
  category: string;
  occurredAt: Timestamp;
  occurredPrecision: Generated<string>;
  reportedAt: Timestamp | null;
  status: string;
  solvedAt: Timestamp | null;
  provenance: string;
}

export interface CallForServiceTable extends LocatedRow {
  id: Generated<number>;
  receivedAt: Timestamp;
  dispatchedAt: Timestamp | null;
  onSceneAt: Timestamp | null;
  closedAt: Timestamp | null;
  priority: number;
  callType: string;
  incidentId: number | null;
  outcome: string;
}

export interface RollupDailyTable {
  areaId: number;
  day: string;
  category: string;
  incidents: number;
  solved: number;
}

export interface RollupMonthlyTable {
  areaId: number;
  month: string;
  category: string;
  incidents: number;
  solved: number;
}

export interface ImportJobTable {
  id: Generated<number>;
  userId: number | null;
  kind: string;
  preset: string | null;
  source: string;
  fileName: string;
  status: string;
  bytesTotal: number | null;
  bytesRead: Generated<number>;
  rowsRead: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  duplicates: Generated<number>;
  rejected: Generated<number>;
  summary: Json<unknown> | null;
  error: string | null;
  createdAt: Generated<Date>;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  passwordHash: string;
  role: string;
  scopeAreaId: number | null;
  demo: Generated<boolean>;
  disabled: Generated<boolean>;
  createdAt: Generated<Date>;
  partnerKind: string | null;
}

export interface SignInThrottleTable {
  username: string;
  failures: Generated<number>;
  lastFailureAt: Timestamp;
  lockedUntil: Timestamp | null;
}

export interface UserSessionTable {
  id: string;
  userId: number;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  lastSeenAt: Generated<Date>;
  ip: string | null;
  userAgent: string | null;
}

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
  updatedAt: Generated<Date>;
}

export interface AlertTable {
  id: Generated<number>;
  areaId: number;
  category: string;
  day: string;
  kind: string;
  observed: number;
  expected: number;
  upper: number;
  score: number | null;
  createdAt: ColumnType<Date, Date | string | undefined, Date | string>;
  acknowledgedBy: number | null;
  acknowledgedAt: Timestamp | null;
}

export interface SubscriptionTable {
  id: Generated<number>;
  userId: number;
  areaId: number;
  category: string | null;
  createdAt: Generated<Date>;
}

export interface PlanTable {
  id: Generated<number>;
  kind: string;
  title: string;
  areaId: number;
  ownerAreaId: number;
  startDay: string;
  endDay: string;
  status: string;
  synthetic: Generated<boolean>;
  createdBy: number | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface PlanObjectiveTable {
  id: Generated<number>;
  planId: number;
  areaId: number;
  categories: ColumnType<string[], string[] | undefined, string[]>;
  measure: string;
  windowKind: string;
  windowDays: number | null;
  windowFrom: string | null;
  windowTo: string | null;
  baselineKind: string;
  baselineFrom: string | null;
  baselineTo: string | null;
  targetChangePct: number;
  deadline: string;
  createdAt: Generated<Date>;
}

export interface PlanActionTable {
  id: Generated<number>;
  planId: number;
  description: string;
  ownerUnitId: number;
  dueDay: string;
  status: string;
  doneDay: string | null;
  /** Shared with the plan's partners (migration 0014). */
  shared: Generated<boolean>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** A partner account taking part in a plan (migration 0014). */
export interface PlanPartnerTable {
  planId: number;
  userId: number;
  addedAt: Generated<Date>;
  addedBy: number | null;
}

export interface PlanSubmissionTable {
  areaId: number;
  week: string;
  efforts: string;
  difficulties: string;
  submittedBy: number | null;
  synthetic: Generated<boolean>;
  updatedAt: Generated<Date>;
}

export interface PatrolLogTable {
  id: Generated<number>;
  unitId: number;
  cell: string;
  districtId: number;
  startedAt: Timestamp;
  endedAt: Timestamp;
  source: string;
  recordedBy: number | null;
  recordedAt: Generated<Date>;
  synthetic: Generated<boolean>;
}

export interface PatrolUnitTable {
  id: Generated<number>;
  code: string;
  stationId: number;
  districtId: number;
  kind: string;
  status: string;
  statusSince: Timestamp;
  illustrative: Generated<boolean>;
}

export interface PatrolUnitStatusChangeTable {
  id: Generated<number>;
  unitId: number;
  status: string;
  at: Generated<Date>;
  changedBy: number | null;
}

export interface AuditLogTable {
  id: number;
  at: Timestamp;
  actorId: number | null;
  actorName: string;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  areaId: number | null;
  details: Json<unknown>;
  prevHash: string;
  hash: string;
}

export interface IncidentHistoryTable {
  id: Generated<number>;
  incidentId: number;
  at: Timestamp;
  actorId: number | null;
  actorName: string;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
}

export interface CitizenReportTable {
  id: Generated<number>;
  code: string;
  kind: string;
  serviceCode: string;
  description: string;
  lat: number | null;
  lon: number | null;
  areaId: number | null;
  regionId: number | null;
  provinceId: number | null;
  cityId: number | null;
  districtId: number | null;
  address: string | null;
  anonymous: boolean;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  status: Generated<string>;
  statusNotes: string | null;
  mergedInto: number | null;
  incidentId: number | null;
  requestedAt: Timestamp;
  updatedAt: Timestamp;
  clientHash: string;
}

export interface PerceptionResponseTable {
  id: Generated<number>;
  areaId: number;
  regionId: number | null;
  provinceId: number | null;
  cityId: number | null;
  districtId: number | null;
  answer: number;
  day: string;
  at: Timestamp;
}

export interface RegisterEntryTable {
  id: Generated<number>;
  kind: string;
  fullName: string | null;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  birthYear: number | null;
  description: string | null;
  grounds: string;
  areaId: number;
  createdBy: number | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  withdrawnAt: Timestamp | null;
  withdrawnBy: number | null;
  withdrawReason: string | null;
  expiryRecordedAt: Timestamp | null;
  minimisedAt: Timestamp | null;
  synthetic: Generated<boolean>;
}

export interface RegisterCaseLinkTable {
  entryId: number;
  incidentId: number;
  linkedAt: Timestamp;
  linkedBy: number | null;
}

export interface Tables {
  area: AreaTable;
  areaAncestor: AreaAncestorTable;
  policeUnit: PoliceUnitTable;
  incident: IncidentTable;
  callForService: CallForServiceTable;
  rollupDaily: RollupDailyTable;
  rollupMonthly: RollupMonthlyTable;
  importJob: ImportJobTable;
  appUser: AppUserTable;
  userSession: UserSessionTable;
  signInThrottle: SignInThrottleTable;
  appMeta: AppMetaTable;
  alert: AlertTable;
  subscription: SubscriptionTable;
  plan: PlanTable;
  planObjective: PlanObjectiveTable;
  planAction: PlanActionTable;
  planPartner: PlanPartnerTable;
  planSubmission: PlanSubmissionTable;
  patrolLog: PatrolLogTable;
  patrolUnit: PatrolUnitTable;
  patrolUnitStatusChange: PatrolUnitStatusChangeTable;
  auditLog: AuditLogTable;
  incidentHistory: IncidentHistoryTable;
  citizenReport: CitizenReportTable;
  perceptionResponse: PerceptionResponseTable;
  registerEntry: RegisterEntryTable;
  registerCaseLink: RegisterCaseLinkTable;
}
