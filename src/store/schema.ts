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
  synthetic: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface IncidentTable extends LocatedRow {
  id: Generated<number>;
  category: string;
  occurredAt: Timestamp;
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
}

export interface UserSessionTable {
  id: string;
  userId: number;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  lastSeenAt: Generated<Date>;
}

export interface AppMetaTable {
  key: string;
  value: Json<unknown>;
  updatedAt: Generated<Date>;
}

export interface Tables {
  area: AreaTable;
  areaAncestor: AreaAncestorTable;
  policeUnit: PoliceUnitTable;
  incident: IncidentTable;
  callForService: CallForServiceTable;
  rollupDaily: RollupDailyTable;
  appUser: AppUserTable;
  userSession: UserSessionTable;
  appMeta: AppMetaTable;
}
