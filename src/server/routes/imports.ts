import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { ErrorBody } from '../../contract/common.js';
import { ImportJob, ImportJobList, ImportQuery, PresetList } from '../../contract/import.js';
import { ImportSetupError, presetOutsideScope, resolveMapping } from '../../ingest/import/run-import.js';
import { presets } from '../../ingest/import/presets.js';
import { audit, userActor } from '../../store/audit.js';
import { createImportJob, findImportJob, listImportJobs, type ImportJob as StoredJob } from '../../store/imports.js';
import type { User } from '../../store/users.js';
import { requirePermission, requireUser, scopeOf } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';

/** Who may import: a role with imports.run (the director-general, and analysts within their scope). */
function requireImporter(user: User): void {
  requirePermission(user, 'imports.run');
}

function jobOut(job: StoredJob) {
  return {
    id: job.id,
    kind: job.kind,
    preset: job.preset,
    source: job.source,
    fileName: job.fileName,
    status: job.status,
    bytesTotal: job.bytesTotal,
    bytesRead: Number(job.bytesRead),
    rowsRead: job.rowsRead,
    inserted: job.inserted,
    updated: job.updated,
    duplicates: job.duplicates,
    rejected: job.rejected,
    error: job.error,
    summary: (job.summary ?? null) as never,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** Uploads the body to a temporary file, refusing more than `limit` bytes. */
async function receive(body: Readable, limit: number): Promise<{ path: string; bytes: number }> {
  const dir = join(tmpdir(), 'istibaq-uploads');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${Date.now()}-${randomBytes(6).toString('hex')}`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limit) done(new AppError('PAYLOAD_TOO_LARGE', 413, `the file is larger than ${limit} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { path, bytes };
}

export const importRoutes: FastifyPluginAsyncTypebox<{ deps: Deps }> = async (app, { deps }) => {
  const { db } = deps;
  // Uploads arrive as they are (CSV, gzip, GeoJSON…): the body is handed over as a stream, never parsed here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  app.get(
    '/imports/presets',
    {
      config: { access: 'imports.run' },
      schema: { summary: 'The ready-made mappings', response: { 200: PresetList, 401: ErrorBody } },
    },
    async (request) => {
      requireUser(request);
      return { items: presets.map((p) => ({ name: p.name, kind: p.mapping.kind, description: p.description })) };
    },
  );

  app.post(
    '/imports',
    {
      config: { access: 'imports.run' },
      schema: {
        summary: 'Upload a file to import (the raw file as the body); answers with the import job',
        querystring: ImportQuery,
        response: { 202: ImportJob, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: ErrorBody },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireImporter(user);
      const q = request.query;
      let mappingDocument: unknown;
      if (q.mapping !== undefined) {
        try {
          mappingDocument = JSON.parse(q.mapping);
        } catch {
          throw new AppError('VALIDATION_FAILED', 400, 'mapping: not JSON', 'mapping');
        }
      }
      let resolved;
      try {
        resolved = resolveMapping({
          ...(q.preset === undefined ? {} : { preset: q.preset }),
          ...(mappingDocument === undefined ? {} : { mapping: mappingDocument }),
          ...(q.kind === undefined ? {} : { kind: q.kind }),
        });
      } catch (error) {
        if (error instanceof ImportSetupError) {
          throw new AppError('VALIDATION_FAILED', 400, error.message, q.preset !== undefined ? 'preset' : 'mapping');
        }
        throw error;
      }
      const outside = await presetOutsideScope(db, resolved.preset, scopeOf(user));
      if (outside !== null) throw new AppError('OUT_OF_SCOPE', 403, outside, 'preset');
      const body = request.body as Readable | undefined;
      if (!body || typeof body.pipe !== 'function') {
        throw new AppError('VALIDATION_FAILED', 400, 'send the file as the body', 'body');
      }
      const upload = await receive(body, deps.importMaxBytes ?? 2 * 1024 ** 3);
      if (upload.bytes === 0) {
        await rm(upload.path, { force: true });
        throw new AppError('VALIDATION_FAILED', 400, 'the file is empty', 'body');
      }
      const source = q.source ?? resolved.mapping.source ?? 'upload';
      const fileName = q.fileName ?? 'upload';
      const id = await createImportJob(db, {
        userId: user.id,
        kind: resolved.mapping.kind,
        preset: resolved.preset?.name ?? null,
        source,
        fileName,
        bytesTotal: upload.bytes,
      });
      const runner = deps.imports;
      if (!runner) throw new AppError('INTERNAL', 500, 'imports are not running in this server');
      await audit(db, {
        actor: userActor(user),
        action: 'import.submit',
        target: { kind: 'import', id },
        details: {
          fileName,
          kind: resolved.mapping.kind,
          preset: resolved.preset?.name ?? null,
          source,
          bytes: upload.bytes,
        },
      });
      runner.submit(
        id,
        upload.path,
        {
          ...(q.preset === undefined ? {} : { preset: q.preset }),
          ...(mappingDocument === undefined ? {} : { mapping: mappingDocument }),
          source,
          fileName,
          ...(q.format === undefined ? {} : { format: q.format }),
          ...(q.encoding === undefined ? {} : { encoding: q.encoding }),
          ...(q.delimiter === undefined ? {} : { delimiter: q.delimiter }),
          update: q.update ?? false,
          strict: q.strict ?? false,
          dryRun: q.dryRun ?? false,
          scope: scopeOf(user),
        },
        userActor(user),
      );
      const job = await findImportJob(db, id);
      return reply.status(202).send(jobOut(job as StoredJob));
    },
  );

  app.get(
    '/imports',
    {
      config: { access: 'imports.run' },
      schema: {
        summary: 'Recent imports (all for the director-general, one’s own otherwise)',
        response: { 200: ImportJobList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireImporter(user);
      const jobs = await listImportJobs(db, user.role === 'director_general' ? null : user.id);
      return { items: jobs.map(jobOut) };
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { access: 'imports.run' },
      schema: {
        summary: 'One import job: its progress, then its summary',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: ImportJob, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireImporter(user);
      const job = await findImportJob(db, request.params.id);
      if (!job || (user.role !== 'director_general' && job.userId !== user.id)) {
        throw new AppError('IMPORT_NOT_FOUND', 404, `no import ${request.params.id}`, 'id');
      }
      return jobOut(job);
    },
  );
};
