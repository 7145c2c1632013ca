import { rm } from 'node:fs/promises';
import type { ImportSummary } from '../contract/import.js';
import { importFile, type ImportOptions } from '../ingest/import/run-import.js';
import { audit, importRecord, inTransaction, systemActor, type AuditActor } from '../store/audit.js';
import type { Db } from '../store/db.js';
import { updateImportJob } from '../store/imports.js';

/**
 * Runs uploaded imports one after another in the server process, writing each job's progress to the database
 * (at most once a second) so that any request — or any other process on the same PostgreSQL — can follow it.
 */
export class ImportRunner {
  readonly #db: Db;
  readonly #queue: { id: number; path: string; options: ImportOptions; actor: AuditActor }[] = [];
  #running: Promise<void> | null = null;

  readonly #afterImport: (() => Promise<unknown>) | undefined;

  /** `afterImport` runs after each job that wrote records (the alert scan of the days it may have changed). */
  constructor(db: Db, options: { afterImport?: () => Promise<unknown> } = {}) {
    this.#db = db;
    this.#afterImport = options.afterImport;
  }

  /** Queues an uploaded file; the runner deletes it when the job ends and records it in the audit trail as `actor`'s. */
  submit(id: number, path: string, options: ImportOptions, actor: AuditActor = systemActor): void {
    this.#queue.push({ id, path, options, actor });
    this.#running ??= this.#drain().finally(() => {
      this.#running = null;
    });
  }

  /** Resolves once every queued job has ended. */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async #drain(): Promise<void> {
    for (let job = this.#queue.shift(); job; job = this.#queue.shift()) await this.#run(job);
  }

  async #run({ id, path, options, actor }: { id: number; path: string; options: ImportOptions; actor: AuditActor }) {
    const db = this.#db;
    await updateImportJob(db, id, { status: 'running', startedAt: new Date() });
    let last = 0;
    let pending: Promise<void> = Promise.resolve();
    try {
      const summary: ImportSummary = await importFile(db, path, {
        ...options,
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < 1000) return;
          last = now;
          pending = pending.then(() =>
            updateImportJob(db, id, {
              bytesRead: p.bytesRead,
              rowsRead: p.rows,
              inserted: p.inserted,
              updated: p.updated,
              duplicates: p.duplicates,
              rejected: p.rejected,
            }),
          );
        },
      });
      await pending;
      await inTransaction(db, async (trx) => {
        await updateImportJob(trx, id, {
          status: 'done',
          finishedAt: new Date(),
          rowsRead: summary.rows,
          inserted: summary.inserted,
          updated: summary.updated,
          duplicates: summary.duplicates,
          rejected: summary.rejected,
          summary,
        });
        if (!summary.dryRun) {
          const details = importRecord(summary);
          await audit(trx, { actor, action: 'import.run', target: { kind: 'import', id }, details });
        }
      });
      // The job is done whatever follows; the scan reports its own failures.
      if (summary.inserted + summary.updated > 0) await this.#afterImport?.().catch(() => undefined);
    } catch (error) {
      await pending.catch(() => undefined);
      // The upload's name, never the server's temporary path, is what the user knows the file by.
      const message = (error instanceof Error ? error.message : String(error)).replaceAll(
        path,
        options.fileName ?? 'upload',
      );
      await inTransaction(db, async (trx) => {
        await updateImportJob(trx, id, { status: 'failed', finishedAt: new Date(), error: message });
        // Batches written before the failure stay written: the trail says the import ran, and how it ended.
        const details = { file: options.fileName ?? 'upload', failed: message };
        if (!options.dryRun) await audit(trx, { actor, action: 'import.run', target: { kind: 'import', id }, details });
      });
    } finally {
      await rm(path, { force: true });
    }
  }
}
