import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { BriefWeekError, meetingBrief } from '../../analysis/brief.js';
import { Brief, BriefQuery, type BriefLanguage } from '../../contract/brief.js';
import { ErrorBody } from '../../contract/common.js';
import type { AuditAction } from '../../domain/audit.js';
import { demoInfo } from '../../ingest/demo.js';
import { briefHtml } from '../../report/brief-html.js';
import { briefFontFaces } from '../../report/fonts.js';
import { ChromiumMissingError, htmlToPdf } from '../../report/pdf.js';
import { audit, userActor } from '../../store/audit.js';
import type { User } from '../../store/users.js';
import { areaSummary, requestedArea } from '../area-access.js';
import { requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError, badRequest } from '../errors.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** The regional meeting brief (docs/compstat.md, "Meeting brief") as JSON, as an HTML document and as PDF. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;

  const build = async (user: Parameters<typeof scopeOf>[0], query: BriefQuery) => {
    const scope = scopeOf(user);
    const area = await requestedArea(db, query.area, scope, deps.defaultArea);
    try {
      return await meetingBrief(
        db,
        scope,
        { area, now: deps.now(), ...(query.week === undefined ? {} : { week: query.week }) },
        { summary: areaSummary, synthetic: (await demoInfo(db)) !== undefined },
      );
    } catch (error) {
      if (error instanceof BriefWeekError) throw badRequest('week', error.message);
      throw error;
    }
  };
  const language = (query: BriefQuery): BriefLanguage => query.lang ?? 'ar';
  /** A document leaving the system is recorded in the audit trail. */
  const recordExport = (user: User, action: AuditAction, areaCode: string, details: Record<string, unknown>) =>
    audit(db, { actor: userActor(user), action, target: { kind: 'area', id: areaCode }, details });

  app.get(
    '/reports/brief',
    {
      config: { access: 'reports.export' },
      schema: {
        summary: 'The meeting brief of an area for a week: CompStat, trends, alerts, plan follow-up, submissions',
        querystring: BriefQuery,
        response: { 200: Brief, ...errors },
      },
    },
    async (request) => build(requireUser(request), request.query),
  );

  app.get(
    '/reports/brief.html',
    {
      config: { access: 'reports.export' },
      schema: {
        summary: 'The meeting brief as one self-contained HTML document in the language asked (default Arabic)',
        querystring: BriefQuery,
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'text/html' }), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const brief = await build(user, request.query);
      const html = briefHtml(brief, language(request.query), briefFontFaces());
      await recordExport(user, 'export.brief_html', brief.area.code, {
        week: brief.week,
        lang: language(request.query),
      });
      return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').send(html);
    },
  );

  app.get(
    '/reports/brief.pdf',
    {
      config: { access: 'reports.export' },
      schema: {
        summary: 'The meeting brief printed to PDF by Chromium (A4), in the language asked (default Arabic)',
        querystring: BriefQuery,
        produces: ['application/pdf'],
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }),
          ...errors,
          503: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const brief = await build(user, request.query);
      const lang = language(request.query);
      let pdf: Buffer;
      try {
        pdf = await htmlToPdf(briefHtml(brief, lang, briefFontFaces()));
      } catch (error) {
        if (error instanceof ChromiumMissingError) throw new AppError('PDF_UNAVAILABLE', 503, error.message);
        throw error;
      }
      await recordExport(user, 'export.brief_pdf', brief.area.code, { week: brief.week, lang });
      const name = `brief-${brief.area.code}-${brief.week}-${lang}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
};
