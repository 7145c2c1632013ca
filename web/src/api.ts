import type { AuditPage, AuditQuery } from '../../src/contract/audit.js';
import type { BriefQuery } from '../../src/contract/brief.js';
import type {
  Account,
  AccountList,
  AccountPatch,
  NewAccount,
  Revoked,
  RoleTable,
  SessionList,
} from '../../src/contract/users.js';
import type { Static } from 'typebox';
import type {
  AreaDetail,
  AreaList,
  AreaListQuery,
  BoundaryCollection,
  BoundaryQuery,
} from '../../src/contract/areas.js';
import type { ErrorBody, ErrorCode } from '../../src/contract/common.js';
import type {
  Compstat,
  CompstatPatterns,
  CompstatPatternsQuery,
  CompstatQuery,
  CompstatTrends,
  CompstatTrendsQuery,
} from '../../src/contract/compstat.js';
import type {
  BlackSpotList,
  BlackSpotQuery,
  ClassifyQuery,
  ClassifyResult,
  GistarCell,
  GistarQuery,
  GistarResult,
  KdeQuery,
  KdeResult,
  KnoxQuery,
  KnoxResult,
  SpotIncidents,
} from '../../src/contract/hotspots.js';
import type { Forecast, ForecastQuery } from '../../src/contract/forecast.js';
import type {
  PublicCsvQuery,
  PublicHeadlines,
  PublicHeadlinesQuery,
  PublicStats,
  PublicStatsQuery,
} from '../../src/contract/public.js';
import type { PartnerActions, PartnerOverview, PartnerOverviewQuery } from '../../src/contract/partner.js';
import type { ImportJob, ImportJobList, ImportQuery, PresetList } from '../../src/contract/import.js';
import type {
  ActionBody,
  ActionPatch,
  PartnerBody,
  PlanList,
  PlanListQuery,
  PlanProgress,
  SubmissionBody,
  SubmissionQuery,
  SubmissionTarget,
  SubmissionWeek,
  UnitList,
} from '../../src/contract/plans.js';
import type { FairnessReport, PatrolPlan, PeriodQuery, PlanQuery } from '../../src/contract/patrols.js';
import type {
  Alert,
  AlertList,
  AlertQuery,
  SubscriptionBody,
  SubscriptionDeleteQuery,
  SubscriptionList,
} from '../../src/contract/monitoring.js';
import type {
  AreaCounts,
  AreaCountsQuery,
  CellCounts,
  CellQuery,
  Overview,
  OverviewQuery,
} from '../../src/contract/stats.js';
import type { Health, LoginBody, Me } from '../../src/contract/system.js';
import type { ClearanceQuery, ClearanceReport, ResponseQuery, ResponseReport } from '../../src/contract/response.js';
import type { EquityQuery, EquityReport, EquityTrend, EquityTrendQuery } from '../../src/contract/equity.js';
import type {
  CitizenReport,
  MergeBody,
  Open311Created,
  Open311Request,
  Open311RequestBody,
  Open311ServiceList,
  ReportIncidentBody,
  ReportPatch,
  ReportQueue,
  PerceptionQuery,
  PerceptionResult,
  ReportQueueQuery,
} from '../../src/contract/citizen-reports.js';
import type {
  LinkBody,
  Linked,
  RegisterEntry,
  RegisterEntryBody,
  RegisterListQuery,
  RegisterPage,
  RegisterReadQuery,
  RegisterValidity,
  RenewBody,
  WithdrawBody,
  Withdrawn,
} from '../../src/contract/register.js';

export type ImportPresets = Static<typeof PresetList>;
export type ImportJobs = Static<typeof ImportJobList>;

/** Gi* cells as GeoJSON (`format=geojson`): each cell's square, its figures as properties, the study's beside. */
export interface GistarCells {
  type: 'FeatureCollection';
  properties: Omit<GistarResult, 'cells'>;
  features: {
    type: 'Feature';
    geometry: { type: 'Polygon'; coordinates: [number, number][][] };
    properties: Static<typeof GistarCell>;
  }[];
}

/** Classified cells as GeoJSON (`format=geojson`): each cell's square and its class, the study's figures beside. */
export interface ClassifiedCells {
  type: 'FeatureCollection';
  properties: Omit<ClassifyResult, 'cells'>;
  features: {
    type: 'Feature';
    geometry: { type: 'Polygon'; coordinates: [number, number][][] };
    properties: ClassifyResult['cells'][number];
  }[];
}

/** Failures the browser meets before any answer from the server. */
export const clientErrorCodes = ['NETWORK', 'BAD_RESPONSE'] as const;
export type ClientErrorCode = (typeof clientErrorCodes)[number];

/** An API call that failed: the server's stable error code (or a client one), never its English message. */
export class ApiError extends Error {
  readonly code: ErrorCode | ClientErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  constructor(code: ErrorCode | ClientErrorCode, status: number, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** A repeated parameter (`category=a&category=b`) for an array, as the server's schemas read them. */
function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (Array.isArray(value)) for (const item of value as readonly string[]) params.append(key, item);
    else if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

function isErrorBody(body: unknown): body is ErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string';
}

/**
 * The Open311 routes answer errors as `[{code: status, description: "field: …"}]`; the app speaks of them by the
 * codes of the rest of the API.
 */
function open311Error(status: number, body: unknown): ApiError | null {
  const first: unknown = Array.isArray(body) ? body[0] : undefined;
  if (typeof first !== 'object' || first === null) return null;
  const raw = (first as { description?: unknown }).description;
  const description = typeof raw === 'string' ? raw : '';
  const field = /^([a-z_]+):/.exec(description)?.[1];
  const code: ErrorCode =
    status === 404
      ? 'REPORT_NOT_FOUND'
      : status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 429
          ? 'RATE_LIMITED'
          : 'VALIDATION_FAILED';
  return new ApiError(code, status, description, field);
}

/** What a request sends: nothing, a JSON body, or a file as it is (an upload). */
function payload(options: RequestOptions): { headers: Record<string, string>; body?: BodyInit } {
  const accept = { accept: 'application/json' };
  if (options.file !== undefined) {
    return {
      headers: { ...accept, 'content-type': options.file.type || 'application/octet-stream' },
      body: options.file,
    };
  }
  if (options.body === undefined) return { headers: accept };
  return { headers: { ...accept, 'content-type': 'application/json' }, body: JSON.stringify(options.body) };
}

async function request<T>(
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH' | 'PUT',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      credentials: 'same-origin',
      ...payload(options),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK', 0, error instanceof Error ? error.message : String(error));
  }
  if (response.status === 204) return null as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError('BAD_RESPONSE', response.status, `${method} ${path}: not JSON`);
  }
  if (!response.ok) {
    if (isErrorBody(body)) throw new ApiError(body.code, response.status, body.message, body.field);
    throw (
      open311Error(response.status, body) ??
      new ApiError('BAD_RESPONSE', response.status, `${method} ${path}: HTTP ${response.status}`)
    );
  }
  return body as T;
}

interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, for an upload. */
  file?: Blob;
  signal?: AbortSignal;
}

const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal });

/** Every call the web app makes, typed with the server's own schemas. */
export const api = {
  health: (signal?: AbortSignal) => get<Health>('/health', undefined, signal),
  me: (signal?: AbortSignal) => get<Me>('/auth/me', undefined, signal),
  login: (body: LoginBody) => request<Me>('POST', '/auth/login', { body }),
  logout: () => request<null>('POST', '/auth/logout'),
  ownSessions: (signal?: AbortSignal) => get<SessionList>('/auth/sessions', undefined, signal),
  signOutEverywhere: () => request<Revoked>('DELETE', '/auth/sessions'),
  roles: (signal?: AbortSignal) => get<RoleTable>('/roles', undefined, signal),
  audit: (query: AuditQuery, signal?: AbortSignal) => get<AuditPage>('/audit', query, signal),
  accounts: (signal?: AbortSignal) => get<AccountList>('/users', undefined, signal),
  addAccount: (body: NewAccount) => request<Account>('POST', '/users', { body }),
  patchAccount: (username: string, body: AccountPatch) =>
    request<Account>('PATCH', `/users/${encodeURIComponent(username)}`, { body }),
  unlockAccount: (username: string) => request<Account>('POST', `/users/${encodeURIComponent(username)}/unlock`),
  endAccountSessions: (username: string) =>
    request<Revoked>('DELETE', `/users/${encodeURIComponent(username)}/sessions`),
  sessions: (signal?: AbortSignal) => get<SessionList>('/sessions', undefined, signal),
  endSession: (id: string) => request<null>('DELETE', `/sessions/${encodeURIComponent(id)}`),
  areas: (query: AreaListQuery, signal?: AbortSignal) => get<AreaList>('/areas', query, signal),
  area: (code: string, signal?: AbortSignal) =>
    get<AreaDetail>(`/areas/${encodeURIComponent(code)}`, undefined, signal),
  boundaries: (query: BoundaryQuery, signal?: AbortSignal) => get<BoundaryCollection>('/boundaries', query, signal),
  overview: (query: OverviewQuery, signal?: AbortSignal) => get<Overview>('/stats/overview', query, signal),
  areaCounts: (query: AreaCountsQuery, signal?: AbortSignal) => get<AreaCounts>('/stats/areas', query, signal),
  cells: (query: CellQuery, signal?: AbortSignal) => get<CellCounts>('/stats/cells', query, signal),
  importPresets: (signal?: AbortSignal) => get<ImportPresets>('/imports/presets', undefined, signal),
  imports: (signal?: AbortSignal) => get<ImportJobs>('/imports', undefined, signal),
  importJob: (id: number, signal?: AbortSignal) => get<ImportJob>(`/imports/${id}`, undefined, signal),
  kde: (query: KdeQuery, signal?: AbortSignal) => get<KdeResult>('/hotspots/kde', query, signal),
  gistarCells: (query: GistarQuery, signal?: AbortSignal) =>
    get<GistarCells>('/hotspots/gistar', { ...query, format: 'geojson' }, signal),
  classifiedCells: (query: ClassifyQuery, signal?: AbortSignal) =>
    get<ClassifiedCells>('/hotspots/classify', { ...query, format: 'geojson' }, signal),
  knox: (query: KnoxQuery, signal?: AbortSignal) => get<KnoxResult>('/hotspots/knox', query, signal),
  blackSpots: (query: BlackSpotQuery, signal?: AbortSignal) =>
    get<BlackSpotList>('/hotspots/black-spots', query, signal),
  /** The incidents inside the spot of that rank, for the same query that ranked it. */
  spotIncidents: (rank: number, query: BlackSpotQuery, signal?: AbortSignal) =>
    get<SpotIncidents>(`/hotspots/black-spots/${rank}/incidents`, query, signal),
  compstat: (query: CompstatQuery, signal?: AbortSignal) => get<Compstat>('/compstat', query, signal),
  compstatTrends: (query: CompstatTrendsQuery, signal?: AbortSignal) =>
    get<CompstatTrends>('/compstat/trends', query, signal),
  compstatPatterns: (query: CompstatPatternsQuery, signal?: AbortSignal) =>
    get<CompstatPatterns>('/compstat/patterns', query, signal),
  alerts: (query: AlertQuery, signal?: AbortSignal) => get<AlertList>('/alerts', query, signal),
  acknowledgeAlert: (id: number) => request<Alert>('POST', `/alerts/${id}/acknowledge`),
  subscriptions: (signal?: AbortSignal) => get<SubscriptionList>('/subscriptions', undefined, signal),
  subscribe: (body: SubscriptionBody) => request<SubscriptionList>('POST', '/subscriptions', { body }),
  unsubscribe: (query: SubscriptionDeleteQuery) => request<SubscriptionList>('DELETE', '/subscriptions', { query }),
  plans: (query: PlanListQuery, signal?: AbortSignal) => get<PlanList>('/plans', query, signal),
  planUnits: (id: number, signal?: AbortSignal) => get<UnitList>(`/plans/${id}/units`, undefined, signal),
  patrolFairness: (query: PeriodQuery, signal?: AbortSignal) => get<FairnessReport>('/patrols/fairness', query, signal),
  patrolPlan: (query: PlanQuery, signal?: AbortSignal) => get<PatrolPlan>('/patrols/plan', query, signal),
  forecast: (query: Omit<ForecastQuery, 'format'>, signal?: AbortSignal) => get<Forecast>('/forecast', query, signal),
  publicStats: (query: PublicStatsQuery, signal?: AbortSignal) => get<PublicStats>('/public/stats', query, signal),
  publicHeadlines: (query: PublicHeadlinesQuery, signal?: AbortSignal) =>
    get<PublicHeadlines>('/public/headlines', query, signal),
  addAction: (planId: number, body: ActionBody) => request<PlanProgress>('POST', `/plans/${planId}/actions`, { body }),
  updateAction: (planId: number, actionId: number, body: ActionPatch) =>
    request<PlanProgress>('PATCH', `/plans/${planId}/actions/${actionId}`, { body }),
  addPlanPartner: (planId: number, body: PartnerBody) =>
    request<PlanProgress>('POST', `/plans/${planId}/partners`, { body }),
  removePlanPartner: (planId: number, username: string) =>
    request<PlanProgress>('DELETE', `/plans/${planId}/partners/${encodeURIComponent(username)}`),
  partnerOverview: (query: PartnerOverviewQuery, signal?: AbortSignal) =>
    get<PartnerOverview>('/partner/overview', query, signal),
  partnerActions: (signal?: AbortSignal) => get<PartnerActions>('/partner/actions', undefined, signal),
  submissions: (query: SubmissionQuery, signal?: AbortSignal) => get<SubmissionWeek>('/submissions', query, signal),
  writeSubmission: (query: SubmissionTarget, body: SubmissionBody) =>
    request<SubmissionWeek>('PUT', '/submissions', { query, body }),
  reportServices: (locale: string, signal?: AbortSignal) =>
    get<Open311ServiceList>('/open311/v2/services.json', { locale }, signal),
  fileReport: (body: Open311RequestBody, locale: string) =>
    request<Open311Created>('POST', '/open311/v2/requests.json', { query: { locale }, body }),
  followReport: (code: string, locale: string, signal?: AbortSignal) =>
    get<Open311Request[]>(`/open311/v2/requests/${encodeURIComponent(code)}.json`, { locale }, signal),
  reportQueue: (query: ReportQueueQuery, signal?: AbortSignal) => get<ReportQueue>('/citizen-reports', query, signal),
  patchReport: (code: string, body: ReportPatch) =>
    request<CitizenReport>('PATCH', `/citizen-reports/${encodeURIComponent(code)}`, { body }),
  mergeReport: (code: string, body: MergeBody) =>
    request<CitizenReport>('POST', `/citizen-reports/${encodeURIComponent(code)}/merge`, { body }),
  reportIncident: (code: string, body: ReportIncidentBody) =>
    request<CitizenReport>('POST', `/citizen-reports/${encodeURIComponent(code)}/incident`, { body }),
  perception: (query: PerceptionQuery, signal?: AbortSignal) => get<PerceptionResult>('/perception', query, signal),
  /** Sends the file itself as the body; the server answers at once with the queued job. */
  startImport: (file: Blob, query: ImportQuery, signal?: AbortSignal) =>
    request<ImportJob>('POST', '/imports', { query, file, signal }),
  response: (query: ResponseQuery, signal?: AbortSignal) => get<ResponseReport>('/response', query, signal),
  clearance: (query: ClearanceQuery, signal?: AbortSignal) => get<ClearanceReport>('/clearance', query, signal),
  equity: (query: EquityQuery, signal?: AbortSignal) => get<EquityReport>('/equity', query, signal),
  equityTrend: (query: EquityTrendQuery, signal?: AbortSignal) => get<EquityTrend>('/equity/trend', query, signal),
  /** The register's reads carry the purpose the user stated; the server records it with each read. */
  register: (query: RegisterListQuery, signal?: AbortSignal) => get<RegisterPage>('/register', query, signal),
  registerEntry: (id: number, query: RegisterReadQuery, signal?: AbortSignal) =>
    get<RegisterEntry>(`/register/${id}`, query, signal),
  createRegisterEntry: (body: RegisterEntryBody) => request<RegisterValidity>('POST', '/register', { body }),
  renewRegisterEntry: (id: number, body: RenewBody) =>
    request<RegisterValidity>('POST', `/register/${id}/renew`, { body }),
  withdrawRegisterEntry: (id: number, body: WithdrawBody) =>
    request<Withdrawn>('POST', `/register/${id}/withdraw`, { body }),
  linkRegisterCase: (id: number, body: LinkBody) => request<Linked>('POST', `/register/${id}/cases`, { body }),
};

/** The public figures' open-data downloads: CSV over months, or GeoJSON outlines for one month. */
export function publicDownloadUrl(format: 'csv' | 'geojson', query: PublicCsvQuery | PublicStatsQuery): string {
  return url(`/public/stats.${format}`, query);
}

/** The meeting brief's address as an HTML document or a PDF (the PDF is a download link). */
export function briefUrl(format: 'html' | 'pdf', query: BriefQuery): string {
  return url(`/reports/brief.${format}`, query);
}

/** The meeting brief as an HTML document (text), or an ApiError from the server's JSON error. */
export async function briefDocument(query: BriefQuery, signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch(briefUrl('html', query), { credentials: 'same-origin', signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('NETWORK', 0, error instanceof Error ? error.message : String(error));
  }
  if (response.ok) return response.text();
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) throw new ApiError(body.code, response.status, body.message, body.field);
  throw new ApiError('BAD_RESPONSE', response.status, `GET brief: HTTP ${response.status}`);
}
