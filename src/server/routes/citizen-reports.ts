import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  mergeReport,
  patchReport,
  ReportError,
  reportQueue,
  reportToIncident,
} from '../../analysis/citizen-reports.js';
import { areaSummaryOf } from '../../analysis/plans.js';
import { perceptionSummary } from '../../analytics/perception.js';
import {
  CitizenReport,
  MergeBody,
  PerceptionBody,
  PerceptionQuery,
  PerceptionRecorded,
  PerceptionResult,
  ReportCodeParams,
  ReportIncidentBody,
  ReportPatch,
  ReportQueue,
  ReportQueueQuery,
} from '../../contract/citizen-reports.js';
import { ErrorBody } from '../../contract/common.js';
import { zonedDay } from '../../domain/time.js';
import { findAreaByCode, listAreas } from '../../store/areas.js';
import { insertPerception, perceptionCounts } from '../../store/citizen-reports.js';
import { requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import type { LocatorCache } from '../locator.js';
import { AppError, areaNotFound, badRequest } from '../errors.js';
import { decodeCursor, encodeCursor, parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 429: ErrorBody };

/** Perception results are withheld below this many answers. */
export const perceptionMinResponses = 10;
const perceptionRateLimit = { max: 5, timeWindow: '10 minutes' };

export const perceptionQuestion = 'Do you feel safe in your neighbourhood? (1 not at all … 5 completely)';

function httpError(error: ReportError): AppError {
  switch (error.failure) {
    case 'invalid':
      return new AppError('VALIDATION_FAILED', 400, error.message, error.field);
    case 'not_found':
      return new AppError('REPORT_NOT_FOUND', 404, error.message, error.field);
    case 'forbidden':
      return new AppError('FORBIDDEN', 403, error.message, error.field);
    case 'out_of_scope':
      return new AppError('OUT_OF_SCOPE', 403, error.message, error.field);
    case 'conflict':
      return new AppError('REPORT_CONFLICT', 409, error.message, error.field);
  }
}

async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof ReportError ? httpError(error) : error;
  }
}

/**
 * The triage queue of citizen reports for signed-in officers, and the perception survey (README: Citizen reports).
 */
export const citizenReportRoutes: FastifyPluginAsyncTypebox<{ deps: Deps; locators: LocatorCache }> = async (
  app,
  { deps, locators },
) => {
  const { db } = deps;

  app.get(
    '/citizen-reports',
    {
      config: { access: 'citizen_reports.read' },
      schema: {
        summary: 'Citizen reports in an area, newest first, with contact details (signed-in officers)',
        querystring: ReportQueueQuery,
        response: { 200: ReportQueue, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const q = request.query;
      const area = await requestedArea(db, q.area, scopeOf(user), deps.defaultArea);
      const limit = q.limit ?? 50;
      const page = await reportQueue(db, area, { status: q.status, after: decodeCursor(q.cursor), limit });
      return {
        items: page.items,
        nextCursor: page.more && page.last ? encodeCursor(page.last.requestedAt, page.last.id) : null,
      };
    },
  );

  app.patch(
    '/citizen-reports/:code',
    {
      config: { access: 'citizen_reports.triage' },
      bodyLimit: 16_384,
      schema: {
        summary: 'Set a report’s status or its public note (director-general; a wali in the region; a district chief)',
        params: ReportCodeParams,
        body: ReportPatch,
        response: { 200: CitizenReport, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return answer(() => patchReport(db, user, request.params.code, request.body, deps.now()));
    },
  );

  app.post(
    '/citizen-reports/:code/merge',
    {
      config: { access: 'citizen_reports.triage' },
      schema: {
        summary: 'Mark a report as a duplicate of another',
        params: ReportCodeParams,
        body: MergeBody,
        response: { 200: CitizenReport, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return answer(() => mergeReport(db, user, request.params.code, request.body, deps.now()));
    },
  );

  app.post(
    '/citizen-reports/:code/incident',
    {
      config: { access: 'citizen_reports.triage' },
      schema: {
        summary: 'Turn a report into a citizen-reported incident at its point; the report is then in progress',
        params: ReportCodeParams,
        body: ReportIncidentBody,
        response: { 201: CitizenReport, ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const locator = await locators.get();
      const report = await answer(() =>
        reportToIncident(db, locator, user, request.params.code, request.body, deps.now()),
      );
      return reply.code(201).send(report);
    },
  );

  app.post(
    '/public/perception',
    {
      bodyLimit: 1024,
      config: { access: 'public', rateLimit: perceptionRateLimit },
      schema: {
        summary: 'Public: answer "do you feel safe in your neighbourhood?" (1–5) for an area or a point; no sign-in',
        body: PerceptionBody,
        response: { 201: PerceptionRecorded, ...publicErrors },
      },
    },
    async (request, reply) => {
      const { area: code, lat, lon, answer: value } = request.body;
      const locator = await locators.get();
      let place;
      if (code !== undefined) {
        if (lat !== undefined || lon !== undefined) throw badRequest('area', 'area: give an area or a point, not both');
        const area = await findAreaByCode(db, code);
        if (!area) throw areaNotFound(code);
        place = locator({ lat: null, lon: null }, area.id);
      } else {
        if (lat === undefined || lon === undefined) {
          throw badRequest(lat === undefined ? 'lat' : 'lon', 'give an area, or lat and lon together');
        }
        place = locator({ lat, lon });
        if (!place) throw badRequest('lat', `lat: ${lat},${lon} is not inside Morocco's areas`);
      }
      if (!place) throw badRequest('area', 'area: not a known area');
      const now = deps.now();
      const day = zonedDay(now);
      await insertPerception(db, { place, answer: value, day, at: now });
      const [row] = await listAreas(db, { ids: [place.areaId] });
      if (!row) throw new Error(`area ${place.areaId} vanished`);
      return reply.code(201).send({ area: areaSummaryOf(row), day });
    },
  );

  app.get(
    '/perception',
    {
      config: { access: 'citizen_reports.read' },
      schema: {
        summary: 'Answers to the perception survey in an area over local days, withheld below 10 answers',
        querystring: PerceptionQuery,
        response: { 200: PerceptionResult, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { from, to } = request.query;
      parseDay(from, 'from');
      parseDay(to, 'to');
      if (to < from) throw badRequest('to', 'to: before from');
      const area = await requestedArea(db, request.query.area, scopeOf(user), deps.defaultArea);
      const summary = perceptionSummary(await perceptionCounts(db, area.id, from, to), perceptionMinResponses);
      return {
        area: areaSummaryOf(area),
        from,
        to,
        question: perceptionQuestion,
        minResponses: perceptionMinResponses,
        ...summary,
      };
    },
  );
};
