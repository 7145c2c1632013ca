import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { webDistDir } from '../paths.js';
import { authPlugin } from './auth.js';
import type { Deps } from './deps.js';
import { AppError, handleError } from './errors.js';
import { LocatorCache } from './locator.js';
import { areaRoutes } from './routes/areas.js';
import { userRoutes } from './routes/users.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { citizenReportRoutes } from './routes/citizen-reports.js';
import { compstatRoutes } from './routes/compstat.js';
import { equityRoutes } from './routes/equity.js';
import { forecastRoutes } from './routes/forecast.js';
import { hotspotRoutes } from './routes/hotspots.js';
import { importRoutes } from './routes/imports.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { open311Routes } from './routes/open311.js';
import { partnerRoutes } from './routes/partner.js';
import { patrolRoutes } from './routes/patrols.js';
import { planRoutes } from './routes/plans.js';
import { publicRoutes } from './routes/public.js';
import { recordRoutes } from './routes/records.js';
import { registerRoutes } from './routes/register.js';
import { reportRoutes } from './routes/reports.js';
import { responseRoutes } from './routes/response.js';
import { statsRoutes } from './routes/stats.js';
import { systemRoutes } from './routes/system.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** The built web app; omitted, the API is served alone. */
  webDir?: string | null;
}

/** The HTTP application: the API under /api and the web app around it. Opens nothing and listens nowhere. */
export async function buildApp(deps: Deps, options: AppOptions = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } },
    bodyLimit: 1_048_576,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(handleError);
  await app.register(fastifyCompress, { threshold: 1024 });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Istibaq API',
        version: deps.version,
        description: 'Proactive public security: geography, incidents, calls for service and their statistics.',
      },
    },
  });
  await app.register(authPlugin, { db: deps.db, demo: deps.demo });

  await app.register(
    async (api) => {
      await api.register(systemRoutes, { deps });
      await api.register(publicRoutes, { deps });
      await api.register(authRoutes, { prefix: '/auth', deps });
      await api.register(areaRoutes, { deps });
      await api.register(recordRoutes, { deps });
      await api.register(statsRoutes, { deps });
      await api.register(compstatRoutes, { deps });
      await api.register(importRoutes, { deps });
      await api.register(hotspotRoutes, { deps });
      await api.register(reportRoutes, { deps });
      await api.register(planRoutes, { deps });
      await api.register(partnerRoutes, { deps });
      await api.register(patrolRoutes, { deps });
      await api.register(forecastRoutes, { deps });
      await api.register(monitoringRoutes, { deps });
      await api.register(auditRoutes, { deps });
      await api.register(userRoutes, { deps });
      await api.register(responseRoutes, { deps });
      await api.register(equityRoutes, { deps });
      await api.register(registerRoutes, { deps });
      const locators = new LocatorCache(deps.db);
      await api.register(open311Routes, { prefix: '/open311/v2', deps, locators });
      await api.register(citizenReportRoutes, { deps, locators });
      api.get('/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  const webDir = options.webDir === undefined ? webDistDir : options.webDir;
  const hasWeb = webDir !== null && existsSync(join(webDir, 'index.html'));
  if (hasWeb) {
    // Hashed assets never change; index.html must be fetched again to find the current ones.
    await app.register(fastifyStatic, {
      root: webDir,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply, path) => {
        void reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // Other paths belong to the web app, which routes them itself; a missing file stays a 404. Area codes hold
    // dots (/area/06.141.01.0, sectors end in .S01), so only the extension of a file the web app ships marks a file.
    const isFile = /\.(js|mjs|css|map|html|json|webmanifest|txt|png|jpe?g|gif|webp|svg|ico|woff2?|ttf)$/i.test(path);
    const isPage = !path.startsWith('/api/') && !path.startsWith('/assets/') && !isFile;
    if (hasWeb && request.method === 'GET' && isPage) return reply.code(200).sendFile('index.html');
    throw new AppError('NOT_FOUND', 404, `no route ${request.method} ${path}`);
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
