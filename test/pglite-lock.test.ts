import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineOf, openDb } from '../src/store/db.js';

describe('the lock on a PGlite folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'istibaq-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps a folder another live process holds closed, naming that process', async () => {
    // The test runner's parent process is alive for as long as this test runs.
    writeFileSync(join(dir, 'istibaq.lock'), String(process.ppid));
    await expect(openDb(dir)).rejects.toThrow(`in use by process ${process.ppid}`);
    expect(readFileSync(join(dir, 'istibaq.lock'), 'utf8')).toBe(String(process.ppid));
  });

  it('takes over a lock left by a process that has ended, and releases it on close', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    writeFileSync(join(dir, 'istibaq.lock'), String(ended));
    const db = await openDb(dir);
    try {
      expect(engineOf(db)).toBe('pglite');
      expect(readFileSync(join(dir, 'istibaq.lock'), 'utf8')).toBe(String(process.pid));
    } finally {
      await db.destroy();
    }
    expect(existsSync(join(dir, 'istibaq.lock'))).toBe(false);
  });
});
