import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { fileReport, open311View, ReportError, serviceNotice } from '../../analysis/citizen-reports.js';
import {
  Open311Created,
  Open311Errors,
  Open311RequestBody,
  Open311RequestList,
  Open311ServiceDefinition,
  Open311ServiceList,
  RequestQuery,
  RequestsQuery,
  ServicesQuery,
} from '../../contract/citizen-reports.js';
import { findService, isReportCode, services, type Locale } from '../../domain/citizen-report.js';
import { countReportsSince, findReport, findReports } from '../../store/citizen-reports.js';
import type { Deps } from '../deps.js';
import type { LocatorCache } from '../locator.js';

/** The largest body a new report may have: a 2,000-character description in Arabic is about 4 kB. */
export const open311BodyLimit = 16_384;
/** New reports per client (by address) and window; every attempt counts, refused ones too. */
export const reportsPerClient = { max: 5, timeWindow: '10 minutes' };
/** Reports stored per 10 minutes from everyone together, beyond which new ones wait. */
export const globalReportCap = 500;
const readRateLimit = { max: 60, timeWindow: '1 minute' };

const FileParams = Type.Object({ file: Type.String({ maxLength: 80 }) });

const errors = { 400: Open311Errors, 404: Open311Errors, 413: Open311Errors, 415: Open311Errors, 429: Open311Errors };

class Open311Error extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** The field a schema failure is about, named as the client sent it. */
function fieldOf(issue: ValidationIssue | undefined): string {
  const params = issue?.params ?? {};
  const named = params.missingProperty ?? params.additionalProperty;
  const path = (issue?.instancePath ?? '').split('/').filter(Boolean);
  if (typeof named === 'string') path.push(named);
  return path.join('.') || 'request';
}

/** Every failure in Open311's shape: `[{code, description}]`, the code being the HTTP status. */
function open311ErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let status: number;
  let description: string;
  if (error instanceof ReportError) {
    status = error.failure === 'not_found' ? 404 : 400;
    description = error.message;
  } else if (error instanceof Open311Error) {
    status = error.status;
    description = error.message;
  } else if ('validation' in error && Array.isArray(error.validation)) {
    const issue = error.validation[0] as ValidationIssue | undefined;
    status = 400;
    description = `${fieldOf(issue)}: ${issue?.message ?? 'is invalid'}`;
  } else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500) {
    status = error.statusCode;
    description =
      status === 413
        ? `request body larger than ${open311BodyLimit} bytes`
        : status === 429
          ? 'too many requests from this client; try again later'
          : error.message;
  } else {
    request.log.error({ err: error }, 'request failed');
    status = 500;
    description = 'internal error';
  }
  void reply.status(status).send([{ code: status, description }]);
}

const locale = (value: Locale | undefined): Locale => value ?? 'ar';

/** `theft.json` → `theft`; anything else is not a resource here. */
function jsonResource(file: string): string {
  if (!file.endsWith('.json')) throw new Open311Error(404, 'only the .json format is served');
  return file.slice(0, -'.json'.length);
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): the services a citizen may report to, filing a report
 * or tip without an account (an `api_key` is accepted and not required) and following it by its code.
 */
export const open311Routes: FastifyPluginAsyncTypebox<{ deps: Deps; locators: LocatorCache }> = async (
  app,
  { deps, locators },
) => {
  const { db } = deps;
  // A keyed hash of the client's address: it tells reports from one client apart without keeping the address, and
  // without the key (in memory only) the 2^32 IPv4 addresses cannot be tried against it.
  const fingerprintKey = randomBytes(32);
  const fingerprint = (request: FastifyRequest) =>
    createHmac('sha256', fingerprintKey).update(request.ip).digest('base64url');

  app.setErrorHandler(open311ErrorHandler);
  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send([{ code: 404, description: `no resource ${request.method} ${request.url.split('?')[0]}` }]);
  });
  // Open311 clients send form-encoded bodies; a repeated field becomes a list, which the schema then refuses.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: open311BodyLimit },
    (_request, body, done) => {
      const fields: Record<string, string | string[]> = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        const seen = fields[key];
        fields[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
      }
      done(null, fields);
    },
  );

  app.get(
    '/services.json',
    {
      config: { access: 'public', rateLimit: readRateLimit },
      schema: {
        summary: 'Open311: the services a citizen may report to, named in `locale` (ar, fr or en)',
        tags: ['open311'],
        querystring: ServicesQuery,
        response: { 200: Open311ServiceList, ...errors },
      },
    },
    async (request) => {
      const lang = locale(request.query.locale);
      return services.map((s) => ({
        service_code: s.code,
        service_name: s.name[lang],
        description: s.description[lang],
        metadata: false,
        type: 'realtime' as const,
        keywords: s.keywords.join(','),
        group: s.group,
      }));
    },
  );

  app.get(
    '/services/:file',
    {
      config: { access: 'public', rateLimit: readRateLimit },
      schema: {
        summary: 'Open311: a service definition; no service asks for extra attributes (metadata false)',
        tags: ['open311'],
        params: FileParams,
        querystring: ServicesQuery,
        response: { 200: Open311ServiceDefinition, ...errors },
      },
    },
    async (request) => {
      const code = jsonResource(request.params.file);
      if (!findService(code)) throw new Open311Error(404, `service_code: no service ${JSON.stringify(code)}`);
      return { service_code: code, attributes: [] };
    },
  );

  app.post(
    '/requests.json',
    {
      bodyLimit: open311BodyLimit,
      config: { access: 'public', rateLimit: reportsPerClient },
      schema: {
        summary: 'Open311: file a report or a tip, anonymously or with contact details (never shown publicly)',
        tags: ['open311'],
        querystring: RequestQuery,
        body: Open311RequestBody,
        response: { 201: Open311Created, ...errors },
      },
    },
    async (request, reply) => {
      const now = deps.now();
      if ((await countReportsSince(db, new Date(now.getTime() - 10 * 60_000))) >= globalReportCap) {
        throw new Open311Error(429, 'too many reports are arriving; try again later');
      }
      const row = await fileReport(db, await locators.get(), request.body, {
        now,
        clientHash: fingerprint(request),
      });
      return reply.code(201).send([
        {
          service_request_id: row.code,
          service_notice: serviceNotice[locale(request.query.locale)],
          account_id: null,
        },
      ]);
    },
  );

  app.get(
    '/requests.json',
    {
      config: { access: 'public', rateLimit: readRateLimit },
      schema: {
        summary: 'Open311: reports by their codes (service_request_id, comma-separated); no list without codes',
        tags: ['open311'],
        querystring: RequestsQuery,
        response: { 200: Open311RequestList, ...errors },
      },
    },
    async (request) => {
      const codes = request.query.service_request_id.split(',').map((c) => c.trim().toUpperCase());
      if (codes.length > 20) throw new Open311Error(400, 'service_request_id: at most 20 codes at a time');
      const rows = await findReports(db, codes.filter(isReportCode));
      return rows.map((r) => open311View(r, locale(request.query.locale)));
    },
  );

  app.get(
    '/requests/:file',
    {
      config: { access: 'public', rateLimit: readRateLimit },
      schema: {
        summary: 'Open311: one report by its code, as its author may follow it',
        tags: ['open311'],
        params: FileParams,
        querystring: RequestQuery,
        response: { 200: Open311RequestList, ...errors },
      },
    },
    async (request) => {
      const code = jsonResource(request.params.file).toUpperCase();
      const row = isReportCode(code) ? await findReport(db, code) : undefined;
      if (!row) throw new Open311Error(404, `service_request_id: no report ${code}`);
      return [open311View(row, locale(request.query.locale))];
    },
  );
};
