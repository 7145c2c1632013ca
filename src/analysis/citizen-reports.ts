import { randomBytes } from 'node:crypto';
import type { AreaSummary } from '../contract/common.js';
import type {
  CitizenReport,
  MergeBody,
  Open311Request,
  Open311RequestBody,
  ReportIncidentBody,
  ReportPatch,
} from '../contract/citizen-reports.js';
import {
  cleanText,
  findService,
  generalised,
  isReportCode,
  maxDescriptionLength,
  maxNoteLength,
  open311Status,
  reportCode,
  reportWriteDenial,
  type Locale,
  type ReportKind,
} from '../domain/citizen-report.js';
import type { NewIncident } from '../domain/incident.js';
import { listAreas } from '../store/areas.js';
import { findReport, insertReport, listReports, updateReport, type ReportRow } from '../store/citizen-reports.js';
import type { Db } from '../store/db.js';
import { areaPaths } from '../store/plans.js';
import { writeBatch, type Place } from '../store/records.js';
import type { User } from '../store/users.js';
import { areaSummaryOf } from './plans.js';

/** Citizen reports: filing one (Open311), following it, and the officers' triage (README: Citizen reports). */

export type ReportFailure = 'invalid' | 'not_found' | 'forbidden' | 'out_of_scope' | 'conflict';

export class ReportError extends Error {
  readonly failure: ReportFailure;
  readonly field: string | undefined;
  constructor(failure: ReportFailure, message: string, field?: string) {
    super(message);
    this.failure = failure;
    this.field = field;
  }
}

const invalid = (field: string, message: string) => new ReportError('invalid', `${field}: ${message}`, field);

/** The areas and H3 cells of a point (the server's `locate` over the area directory), or null outside them. */
export type Locator = (point: { lat: number; lon: number }) => Place | null;

function text(value: string | undefined, field: string, max: number): string | null {
  if (value === undefined) return null;
  const cleaned = cleanText(value, max, { required: false });
  if ('problem' in cleaned) throw invalid(field, cleaned.problem);
  return cleaned.text === '' ? null : cleaned.text;
}

const emailPattern = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const phonePattern = /^\+?[0-9 ().-]{6,40}$/;

export function newReportCode(): string {
  for (;;) {
    const code = reportCode(randomBytes(32));
    if (code !== null) return code;
  }
}

/**
 * Checks a new report and stores it. Every check comes before the write, so a refused report stores nothing.
 */
export async function fileReport(
  db: Db,
  locator: Locator,
  body: Open311RequestBody,
  { now, clientHash }: { now: Date; clientHash: string },
): Promise<ReportRow> {
  // The web form's honeypot: people leave it empty. The answer does not say why.
  if (body.website !== undefined && body.website !== '') throw new ReportError('invalid', 'request refused');
  const service = findService(body.service_code);
  if (!service) throw invalid('service_code', `no service ${JSON.stringify(body.service_code)} (see services.json)`);
  const kind: ReportKind = body.kind ?? 'report';
  if ((body.lat === undefined) !== (body.long === undefined)) {
    throw invalid(body.lat === undefined ? 'lat' : 'long', 'give lat and long together, or neither');
  }
  let place = null;
  if (body.lat !== undefined && body.long !== undefined) {
    place = locator({ lat: body.lat, lon: body.long });
    if (!place) throw invalid('lat', `${body.lat},${body.long} is not inside Morocco's areas`);
  }
  const address = text(body.address_string, 'address_string', 300);
  if (kind === 'report' && place === null && address === null) {
    throw invalid('lat', 'a report needs a place: lat and long, or address_string (a tip may have none)');
  }
  const description = cleanText(body.description ?? '', maxDescriptionLength, { required: true });
  if ('problem' in description) throw invalid('description', description.problem);
  const names = [text(body.first_name, 'first_name', 100), text(body.last_name, 'last_name', 100)].filter(
    (n): n is string => n !== null,
  );
  const email = text(body.email, 'email', 254);
  if (email !== null && !emailPattern.test(email)) throw invalid('email', 'not an e-mail address');
  const phone = text(body.phone, 'phone', 40);
  if (phone !== null && !phonePattern.test(phone)) throw invalid('phone', 'not a telephone number');
  return insertReport(
    db,
    {
      kind,
      serviceCode: service.code,
      description: description.text,
      lat: place ? (body.lat ?? null) : null,
      lon: place ? (body.long ?? null) : null,
      place,
      address,
      contactName: names.length > 0 ? names.join(' ') : null,
      contactEmail: email,
      contactPhone: phone,
      requestedAt: now,
      clientHash,
    },
    newReportCode,
  );
}

export const serviceNotice: Record<Locale, string> = {
  ar: 'توصلنا بتبليغكم. احتفظوا بهذا الرمز لتتبع حالته. في حالة الخطر اتصلوا بالرقم 19.',
  fr: 'Votre signalement est reçu. Gardez ce code pour en suivre l’état. En cas de danger, appelez le 19.',
  en: 'Your report is received. Keep this code to follow it. In danger, call 19.',
};

/** A report as anyone holding its code sees it: no contact details, its place rounded to about 100 m. */
export function open311View(row: ReportRow, locale: Locale): Open311Request {
  const service = findService(row.serviceCode);
  return {
    service_request_id: row.code,
    status: open311Status(row.status),
    status_notes: row.statusNotes,
    service_name: service?.name[locale] ?? row.serviceCode,
    service_code: row.serviceCode,
    description: row.description,
    agency_responsible: 'DGSN',
    service_notice: null,
    requested_datetime: row.requestedAt.toISOString(),
    updated_datetime: row.updatedAt.toISOString(),
    expected_datetime: null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat === null ? null : generalised(row.lat),
    long: row.lon === null ? null : generalised(row.lon),
    media_url: null,
    extended_attributes: { kind: row.kind, detailed_status: row.status, merged_into: row.mergedInto },
  };
}

function officerView(row: ReportRow, areas: Map<number, AreaSummary>): CitizenReport {
  return {
    code: row.code,
    kind: row.kind,
    service: row.serviceCode,
    description: row.description,
    lat: row.lat,
    lon: row.lon,
    area: row.areaId === null ? null : (areas.get(row.areaId) ?? null),
    address: row.address,
    anonymous: row.anonymous,
    contact: row.anonymous ? null : { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    status: row.status,
    statusNotes: row.statusNotes,
    mergedInto: row.mergedInto,
    incidentId: row.incidentId,
    requestedAt: row.requestedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function officerViews(db: Db, rows: readonly ReportRow[]): Promise<CitizenReport[]> {
  const ids = [...new Set(rows.map((r) => r.areaId).filter((id): id is number => id !== null))];
  const areas = new Map((await listAreas(db, { ids })).map((a) => [a.id, areaSummaryOf(a)]));
  return rows.map((r) => officerView(r, areas));
}

/** The queue of an area already checked against the caller's scope, newest first. */
export async function reportQueue(
  db: Db,
  area: { id: number; level: string },
  q: { status?: ReportRow['status']; after?: { at: Date; id: number }; limit: number },
): Promise<{ items: CitizenReport[]; last: ReportRow | null; more: boolean }> {
  const rows = await listReports(db, { areaId: area.id, withUnplaced: area.level === 'country', ...q });
  const page = rows.slice(0, q.limit);
  return { items: await officerViews(db, page), last: page.at(-1) ?? null, more: rows.length > q.limit };
}

/** The report with this code, which the user may act on. */
async function writableReport(db: Db, user: User, code: string, field = 'code'): Promise<ReportRow> {
  const row = isReportCode(code) ? await findReport(db, code) : undefined;
  if (!row) throw new ReportError('not_found', `no report ${code}`, field);
  const path = row.areaId === null ? null : ((await areaPaths(db, [row.areaId])).get(row.areaId) ?? null);
  const denial = reportWriteDenial({ role: user.role, scopeAreaId: user.scopeAreaId }, path);
  if (denial === 'forbidden') throw new ReportError('forbidden', 'your role may not act on reports', field);
  if (denial === 'out_of_scope') throw new ReportError('out_of_scope', `report ${code} is outside your scope`, field);
  return row;
}

async function reread(db: Db, code: string): Promise<CitizenReport> {
  const row = await findReport(db, code);
  if (!row) throw new Error(`report ${code} vanished`);
  const [view] = await officerViews(db, [row]);
  if (!view) throw new Error(`report ${code} vanished`);
  return view;
}

/** A new status, a public note, or both. */
export async function patchReport(
  db: Db,
  user: User,
  code: string,
  patch: ReportPatch,
  now: Date,
): Promise<CitizenReport> {
  const row = await writableReport(db, user, code);
  const notes =
    patch.statusNotes === undefined ? undefined : text(patch.statusNotes ?? '', 'statusNotes', maxNoteLength);
  await updateReport(db, row.id, {
    ...(patch.status !== undefined ? { status: patch.status, mergedInto: null } : {}),
    ...(notes !== undefined ? { statusNotes: notes } : {}),
    updatedAt: now,
  });
  return reread(db, code);
}

/** Marks a report as a duplicate of another, which keeps going. */
export async function mergeReport(
  db: Db,
  user: User,
  code: string,
  body: MergeBody,
  now: Date,
): Promise<CitizenReport> {
  const row = await writableReport(db, user, code);
  if (body.into === code) throw invalid('into', 'a report cannot be merged into itself');
  const target = await writableReport(db, user, body.into, 'into');
  if (target.status === 'merged') {
    throw new ReportError('conflict', `report ${body.into} is itself merged into ${target.mergedInto}`, 'into');
  }
  await updateReport(db, row.id, { status: 'merged', mergedInto: target.id, updatedAt: now });
  return reread(db, code);
}

/**
 * Turns a report into an incident at its point, citizen-reported: source `citizen-report`, the report's code as
 * its external id (so a second attempt finds it). The report links to it and is in progress.
 */
export async function reportToIncident(
  db: Db,
  locator: Locator,
  user: User,
  code: string,
  body: ReportIncidentBody,
  now: Date,
): Promise<CitizenReport> {
  const row = await writableReport(db, user, code);
  if (row.incidentId !== null) {
    throw new ReportError('conflict', `report ${code} is already incident ${row.incidentId}`, 'code');
  }
  if (row.status === 'merged' || row.status === 'rejected') {
    throw new ReportError('conflict', `report ${code} is ${row.status}`, 'code');
  }
  if (row.lat === null || row.lon === null) {
    throw new ReportError('conflict', `report ${code} has no place to put an incident at`, 'code');
  }
  const occurredAt = new Date(body.occurredAt);
  if (Number.isNaN(occurredAt.getTime())) throw invalid('occurredAt', 'not an instant');
  if (occurredAt > row.requestedAt) throw invalid('occurredAt', 'after the report was made');
  const place = locator({ lat: row.lat, lon: row.lon });
  if (!place) throw new ReportError('conflict', `report ${code} lies in no known area any more`, 'code');
  const incident: NewIncident = {
    category: body.category,
    occurredAt,
    reportedAt: row.requestedAt,
    lat: row.lat,
    lon: row.lon,
    status: 'recorded',
    solvedAt: null,
    provenance: 'citizen_report',
    source: 'citizen-report',
    externalId: row.code,
    synthetic: false,
  };
  const [id] = await writeBatch(db, { incidents: [{ record: incident, place }], calls: [] });
  if (id === undefined) throw new Error('no incident id');
  await updateReport(db, row.id, { incidentId: id, status: 'in_progress', mergedInto: null, updatedAt: now });
  return reread(db, code);
}
