import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '../../contract/common.js';
import { CategoryList, Health } from '../../contract/system.js';
import { categories, iccsSections, sectionOf } from '../../domain/category.js';
import { findAreaByCode } from '../../store/areas.js';
import { engineOf } from '../../store/db.js';
import { lastDayWithData } from '../../store/stats.js';
import { demoInfo } from '../../ingest/demo.js';
import type { Deps } from '../deps.js';

export const systemRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { summary: 'Whether the server is up, and on which engine', response: { 200: Health, 500: ErrorBody } },
    },
    async () => {
      const country = await findAreaByCode(db, deps.defaultArea);
      return {
        status: 'ok' as const,
        engine: engineOf(db),
        version: deps.version,
        demo: deps.demo,
        synthetic: (await demoInfo(db)) !== undefined,
        dataUntil: country ? await lastDayWithData(db, country.id) : null,
        tileUrl: deps.tileUrl,
        tileAttribution: deps.tileAttribution ?? null,
      };
    },
  );

  app.get(
    '/categories',
    {
      config: { access: 'public' },
      schema: { summary: 'Offence categories with their ICCS codes and labels', response: { 200: CategoryList } },
    },
    async () => ({
      items: categories.map((c) => {
        const section = sectionOf(c.code);
        return {
          code: c.code,
          iccs: c.iccs,
          violent: c.violent,
          labels: c.labels,
          section: { code: section, labels: iccsSections[section] },
        };
      }),
    }),
  );
};
