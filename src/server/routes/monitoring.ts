import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AlertFeed, type AlertEvent } from '../../analysis/alert-feed.js';
import {
  alertJson,
  alertsOfArea,
  dailyIndicatorSeries,
  defaultLastDay,
  maxSeriesDays,
  thresholdReport,
} from '../../analysis/monitoring.js';
import { ErrorBody } from '../../contract/common.js';
import {
  Alert,
  AlertList,
  AlertParams,
  AlertQuery,
  DailyQuery,
  DailySeries,
  SubscriptionBody,
  SubscriptionDeleteQuery,
  SubscriptionList,
  ThresholdQuery,
  ThresholdReport,
} from '../../contract/monitoring.js';
import { isCategoryCode } from '../../domain/category.js';
import { addDays, daysBetween } from '../../domain/time.js';
import { findAreaById, isWithin, listAreas } from '../../store/areas.js';
import {
  acknowledgeAlert,
  addSubscription,
  alertAreaId,
  listAlerts,
  listSubscriptions,
  removeSubscription,
} from '../../store/monitoring.js';
import { areaInScope, areaSummary, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';
import { parseDay } from '../params.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** A known category code, or a 400 naming the field; 'total' too where `total` is allowed. */
function checkCategory(value: string, field: string, total: boolean): string {
  if (isCategoryCode(value) || (total && value === 'total')) return value;
  throw badRequest(field, `${field}: not a category code${total ? ' or "total"' : ''}: ${value}`);
}

/** Keep-alive comments on an open alert stream, so that proxies do not close an idle connection. */
const keepAliveMs = 25_000;

/**
 * Daily indicators and alerts (docs/compstat.md, "Daily indicators and alerts"): the control chart and the
 * threshold report under /compstat, stored alerts, their live stream and the user's subscriptions.
 */
export const monitoringRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  const feed = deps.alerts ?? new AlertFeed();

  app.get(
    '/compstat/daily',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Control chart of daily counts: each day’s count, its expected value (same weekday over 8 weeks × a ' +
          'seasonal factor) and 3σ quasi-Poisson limits',
        querystring: DailyQuery,
        response: { 200: DailySeries, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const q = request.query;
      const area = await requestedArea(db, q.area, scope, deps.defaultArea);
      const category = checkCategory(q.category, 'category', true);
      const to = q.to === undefined ? await defaultLastDay(db, area, deps.now()) : parseDay(q.to, 'to');
      const from = q.from === undefined ? addDays(to, -27) : parseDay(q.from, 'from');
      if (from > to) throw badRequest('from', 'from: after to');
      if (daysBetween(from, to) + 1 > maxSeriesDays) {
        throw badRequest('to', `to: at most ${maxSeriesDays} days from from`);
      }
      return dailyIndicatorSeries(
        db,
        scope,
        { area, category: category === 'total' ? null : category, from, to },
        areaSummary,
      );
    },
  );

  app.get(
    '/compstat/thresholds',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Threshold report: incidents of the last 7 and 28 days by category against the same windows in prior ' +
          'years, flagged above their mean + 2 SD',
        querystring: ThresholdQuery,
        response: { 200: ThresholdReport, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const area = await requestedArea(db, request.query.area, scope, deps.defaultArea);
      const { asOf } = request.query;
      return thresholdReport(
        db,
        scope,
        { area, now: deps.now(), ...(asOf === undefined ? {} : { asOf: parseDay(asOf, 'asOf') }) },
        areaSummary,
      );
    },
  );

  app.get(
    '/alerts',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Stored alerts of an area and the areas inside it, the latest day first',
        querystring: AlertQuery,
        response: { 200: AlertList, ...errors },
      },
    },
    async (request) => {
      const scope = scopeOf(requireUser(request));
      const q = request.query;
      const area = await requestedArea(db, q.area, scope, deps.defaultArea);
      const from = q.from === undefined ? undefined : parseDay(q.from, 'from');
      const to = q.to === undefined ? undefined : parseDay(q.to, 'to');
      if (from !== undefined && to !== undefined && from > to) throw badRequest('from', 'from: after to');
      const limit = q.limit ?? 100;
      const items = await alertsOfArea(db, scope, {
        areaId: area.id,
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(q.category === undefined ? {} : { category: checkCategory(q.category, 'category', false) }),
        limit: limit + 1,
      });
      return { items: items.slice(0, limit), truncated: items.length > limit };
    },
  );

  app.post(
    '/alerts/:id/acknowledge',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Marks an alert acknowledged by the signed-in user (the first acknowledgement stays)',
        params: AlertParams,
        response: { 200: Alert, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const scope = scopeOf(user);
      const { id } = request.params;
      const areaId = await alertAreaId(db, id);
      if (areaId === undefined) throw new AppError('NOT_FOUND', 404, `no alert ${id}`, 'id');
      if (scope.area !== null && !(await isWithin(db, areaId, scope.area.id))) {
        throw new AppError('OUT_OF_SCOPE', 403, `alert ${id} is outside your scope`, 'id');
      }
      await acknowledgeAlert(db, id, user.id, deps.now());
      const [row] = await listAlerts(db, scope, { ids: [id], limit: 1 });
      if (!row) throw new AppError('NOT_FOUND', 404, `no alert ${id}`, 'id');
      return alertJson(row);
    },
  );

  const subscriptionsOf = async (userId: number) => {
    const rows = await listSubscriptions(db, userId);
    const areas = new Map((await listAreas(db, { ids: rows.map((r) => r.areaId) })).map((a) => [a.id, a]));
    const items = [];
    for (const r of rows) {
      const area = areas.get(r.areaId) ?? (await findAreaById(db, r.areaId));
      if (area) items.push({ area: areaSummary(area), category: r.category, createdAt: r.createdAt.toISOString() });
    }
    return { items };
  };

  app.get(
    '/subscriptions',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'The signed-in user’s alert subscriptions',
        response: { 200: SubscriptionList, 401: ErrorBody },
      },
    },
    async (request) => subscriptionsOf(requireUser(request).id),
  );

  app.post(
    '/subscriptions',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Subscribes to the alerts of an area (one category, or all when none is given); idempotent',
        body: SubscriptionBody,
        response: { 200: SubscriptionList, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const area = await areaInScope(db, request.body.area, scopeOf(user));
      const category = request.body.category ?? null;
      await addSubscription(db, {
        userId: user.id,
        areaId: area.id,
        category: category === null ? null : checkCategory(category, 'category', false),
      });
      return subscriptionsOf(user.id);
    },
  );

  app.delete(
    '/subscriptions',
    {
      config: { access: 'stats.read' },
      schema: {
        summary: 'Removes a subscription (the all-categories one when no category is given)',
        querystring: SubscriptionDeleteQuery,
        response: { 200: SubscriptionList, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const area = await areaInScope(db, request.query.area, scopeOf(user));
      const category = request.query.category ?? null;
      await removeSubscription(db, { userId: user.id, areaId: area.id, category });
      return subscriptionsOf(user.id);
    },
  );

  /** Open streams, ended when the server closes (an open stream would keep it waiting). */
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  app.get(
    '/alerts/stream',
    {
      config: { access: 'stats.read' },
      schema: {
        summary:
          'Server-Sent Events: each new alert of an area and category the user subscribed to (inside their ' +
          'scope) as an `alert` event with the alert as JSON; a comment every 25 s keeps the connection open',
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const scope = scopeOf(user);
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      out.write('retry: 5000\n: connected\n\n');

      // Batches are handled one after another, so that events keep the order they were published in.
      let pending: Promise<void> = Promise.resolve();
      const deliver = async (events: readonly AlertEvent[]) => {
        const subscriptions = await listSubscriptions(db, user.id);
        for (const { areaId, alert } of events) {
          const wanted = subscriptions.some(
            (s) => s.areaId === areaId && (s.category === null || s.category === alert.category),
          );
          if (!wanted) continue;
          if (scope.area !== null && !(await isWithin(db, areaId, scope.area.id))) continue;
          if (!out.writableEnded) out.write(`event: alert\nid: ${alert.id}\ndata: ${JSON.stringify(alert)}\n\n`);
        }
      };
      const unsubscribe = feed.subscribe((events) => {
        pending = pending.then(() => deliver(events)).catch((error: unknown) => request.log.error({ err: error }));
      });
      const keepAlive = setInterval(() => out.write(': keep-alive\n\n'), keepAliveMs);
      const end = () => {
        clearInterval(keepAlive);
        unsubscribe();
        streams.delete(end);
        if (!out.writableEnded) out.end();
      };
      streams.add(end);
      request.raw.on('close', end);
    },
  );
};
