import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addMonths, monthsBetween, partnerActions, partnerOverview } from '../../analysis/partner.js';
import { defaultPublicK } from '../../analysis/public-stats.js';
import { ErrorBody } from '../../contract/common.js';
import { PartnerActions, PartnerOverview, PartnerOverviewQuery } from '../../contract/partner.js';
import { demoInfo } from '../../ingest/demo.js';
import { findAreaById } from '../../store/areas.js';
import { areaInScope } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';
import { latestCompleteMonth } from './public.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The longest span of months one overview covers. */
const maxMonths = 36;

/**
 * The partner view (README: Partner access): a partner's territory in aggregate, and the plan actions shared with
 * the partner. Only the partner role holds `partner.read`.
 */
export const partnerRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  const k = deps.publicK ?? defaultPublicK;

  app.get(
    '/partner/overview',
    {
      config: { access: 'partner.read' },
      schema: {
        summary:
          'Partner: counts and rates by month and ICCS section, trend and generalised black spots of the territory',
        querystring: PartnerOverviewQuery,
        response: { 200: PartnerOverview, ...errors },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const territory = user.scopeAreaId === null ? undefined : await findAreaById(db, user.scopeAreaId);
      if (!territory) throw new AppError('OUT_OF_SCOPE', 403, 'your account has no territory');
      const q = request.query;
      const area = q.area === undefined ? territory : await areaInScope(db, q.area, scopeOf(user));
      const latest = latestCompleteMonth(deps.now());
      const to = q.to ?? latest;
      if (to > latest) throw badRequest('to', `to: ${to} is not over yet; the latest complete month is ${latest}`);
      const from = q.from ?? addMonths(to, -11);
      if (from > to) throw badRequest('from', `from: ${from} is after to ${to}`);
      if (monthsBetween(from, to).length > maxMonths) throw badRequest('from', `from: at most ${maxMonths} months`);
      const synthetic = (await demoInfo(db)) !== undefined;
      return partnerOverview(db, { territory, area, from, to, k, synthetic });
    },
  );

  app.get(
    '/partner/actions',
    {
      config: { access: 'partner.read' },
      schema: {
        summary: 'Partner: the actions shared with the partner, of the plans it takes part in',
        response: { 200: PartnerActions, ...errors },
      },
    },
    async (request) => partnerActions(db, requireUser(request), deps.now()),
  );
};
