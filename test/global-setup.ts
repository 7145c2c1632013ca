import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { rootDir } from '../src/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder of this run's: the seeded databases test files copy (see test/db.ts). */
    testRunDir: string;
  }
}

/**
 * Builds dist/ when a source is newer (the CLI tests run the built `istibaq`, the browser tests serve the built web
 * app), gives the run a folder for its seeded databases, and removes them (and the PostgreSQL template) afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  execFileSync(process.execPath, [join(rootDir, 'scripts', 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
  const dir = await mkdtemp(join(tmpdir(), 'istibaq-test-run-'));
  project.provide('testRunDir', dir);
  return async () => {
    const templateFile = join(dir, 'postgres-template');
    if (existsSync(templateFile)) {
      const { dropPostgresDatabase } = await import('./db.js');
      await dropPostgresDatabase(await readFile(templateFile, 'utf8'), true);
    }
    await rm(dir, { recursive: true, force: true });
  };
}
