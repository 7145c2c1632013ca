import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts } from '../src/ingest/demo.js';
import { command } from './cli-run.js';
import { rootDir } from '../src/paths.js';
import { openDb } from '../src/store/db.js';
import { findUserByUsername, verifyCredentials } from '../src/store/users.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let dataDir: string;

/** Runs `istibaq …` (the built CLI) on the test's own embedded database, with `input` on standard input. */
function istibaq(args: string[], env: Record<string, string> = {}, input = ''): Promise<Run> {
  const [program, ...prefix] = command;
  return new Promise((resolve) => {
    const child = execFile(
      program,
      [...prefix, ...args],
      {
        cwd: rootDir,
        env: { ...process.env, ISTIBAQ_DATA: dataDir, DATABASE_URL: '', ISTIBAQ_PASSWORD: '', ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

const password = 'correct horse battery staple';

describe('the istibaq command', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'istibaq-cli-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('generates a small demo and prints its summary as JSON', { timeout: 180_000 }, async () => {
    const run = await istibaq(['demo', '--scale', '0.002', '--seed', '1', '--until', '2026-11-20', '--json']);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const info = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ seed: 1, scale: 0.002, years: 3, from: '2023-11-21', cities: 242, unlocated: 0 });
    // A day given to --until means its last instant in Casablanca (UTC+1 in November).
    expect(info.until).toBe('2026-11-20T22:59:59.999Z');
    expect(info.incidents).toBeGreaterThan(3000);
    expect(info.calls).toBeGreaterThan(1000);
  });

  it('adds a wali scoped to a region, with the password from ISTIBAQ_PASSWORD', { timeout: 120_000 }, async () => {
    const run = await istibaq(
      ['users', 'add', 'ops.marrakech', '--role', 'wali', '--scope', '07', '--name', 'Ops Marrakech', '--json'],
      { ISTIBAQ_PASSWORD: password },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      username: 'ops.marrakech',
      displayName: 'Ops Marrakech',
      role: 'wali',
      scopeAreaCode: '07',
      scopeAreaLevel: 'region',
      demo: false,
      disabled: false,
    });
    expect(run.stdout).not.toContain(password);
    expect(run.stdout).not.toMatch(/argon2|passwordHash/);
  });

  it('reads the password from standard input when ISTIBAQ_PASSWORD is not set', { timeout: 120_000 }, async () => {
    const run = await istibaq(
      ['users', 'add', 'analyst.agadir', '--role', 'analyst', '--scope', '09.001.01.01', '--json'],
      {},
      `${password} from stdin\n`,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ role: 'analyst', scopeAreaCode: '09.001.01.01' });
  });

  it('lists the demo accounts and the new one as JSON', { timeout: 120_000 }, async () => {
    const run = await istibaq(['users', 'list', '--json']);
    expect(run.code).toBe(0);
    const users = JSON.parse(run.stdout) as {
      username: string;
      role: string;
      scopeAreaCode: string | null;
      demo: boolean;
    }[];
    expect(users.map((u) => u.username).sort()).toEqual(
      [...demoAccounts.map((a) => a.username), 'analyst.agadir', 'ops.marrakech'].sort(),
    );
    expect(users.find((u) => u.username === 'chief.anfa')).toMatchObject({
      role: 'district_chief',
      scopeAreaCode: '06.141.01.01',
      demo: true,
    });
    expect(users.find((u) => u.username === 'dg')).toMatchObject({ role: 'director_general', scopeAreaCode: null });
  });

  it('adds a partner with the body it speaks for, and prints the roles table', { timeout: 120_000 }, async () => {
    const run = await istibaq(
      [
        'users',
        'add',
        'parquet.marrakech',
        '--role',
        'partner',
        '--scope',
        '07',
        '--partner-kind',
        'prosecutor',
        '--json',
      ],
      { ISTIBAQ_PASSWORD: password },
    );
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ role: 'partner', partnerKind: 'prosecutor', scopeAreaCode: '07' });
    const roles = JSON.parse((await istibaq(['users', 'roles', '--json'])).stdout) as {
      role: string;
      permissions: string[];
    }[];
    expect(roles.find((r) => r.role === 'partner')?.permissions).toEqual(['partner.read']);
    expect(roles.filter((r) => r.permissions.includes('register.read')).map((r) => r.role)).toEqual([
      'judicial_police',
    ]);
  });

  it('ends an account’s sessions and lifts a lock-out, saying what it did', { timeout: 120_000 }, async () => {
    const revoke = await istibaq(['users', 'revoke', 'parquet.marrakech']);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toBe('Ended 0 session(s) of parquet.marrakech\n');
    const unlock = await istibaq(['users', 'unlock', 'parquet.marrakech']);
    expect(unlock.stdout).toBe('parquet.marrakech was not locked; failures cleared\n');
    const sessions = JSON.parse((await istibaq(['users', 'sessions', '--json'])).stdout) as { locked: unknown[] };
    expect(sessions.locked).toEqual([]);
  });

  it('refuses an unknown role with exit code 2 and names the roles', async () => {
    const run = await istibaq(['users', 'add', 'someone', '--role', 'admin', '--scope', '07'], {
      ISTIBAQ_PASSWORD: password,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'istibaq: --role: expected one of director_general, wali, district_chief, analyst, judicial_police, partner, auditor, administrator\n',
    );
    expect(run.stdout).toBe('');
  });

  it('refuses a scope the role cannot hold with exit code 2', { timeout: 120_000 }, async () => {
    const run = await istibaq(['users', 'add', 'someone', '--role', 'wali', '--scope', '06.141.01.01'], {
      ISTIBAQ_PASSWORD: password,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('istibaq: --scope: wali cannot be scoped to a district (allowed: region)\n');
  });

  it('refuses a partner without a partner kind, naming the option', { timeout: 120_000 }, async () => {
    const run = await istibaq(['users', 'add', 'someone', '--role', 'partner', '--scope', '07'], {
      ISTIBAQ_PASSWORD: password,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^istibaq: --partner-kind: a partner needs a partner kind/);
  });

  it('refuses a password shorter than 8 characters from ISTIBAQ_PASSWORD too', { timeout: 120_000 }, async () => {
    const run = await istibaq(['users', 'add', 'someone', '--role', 'analyst', '--scope', '07'], {
      ISTIBAQ_PASSWORD: 'short',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('istibaq: the password must have at least 8 characters\n');
  });

  it('refuses a demo scale out of range with exit code 2', async () => {
    const run = await istibaq(['demo', '--scale', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('istibaq: --scale: expected a number in (0, 10], got 0\n');
  });

  it('prints its commands and settings with --help', async () => {
    const run = await istibaq(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: istibaq/);
    for (const text of ['serve', 'demo', 'users', 'DATABASE_URL', 'ISTIBAQ_DATA', 'ISTIBAQ_DEMO']) {
      expect(run.stdout).toContain(text);
    }
  });

  it('stores passwords the accounts can sign in with, and no other', { timeout: 120_000 }, async () => {
    const db = await openDb(dataDir);
    try {
      expect((await verifyCredentials(db, 'ops.marrakech', password))?.role).toBe('wali');
      expect((await verifyCredentials(db, 'analyst.agadir', `${password} from stdin`))?.role).toBe('analyst');
      expect(await verifyCredentials(db, 'ops.marrakech', `${password} from stdin`)).toBeNull();
      expect(await findUserByUsername(db, 'someone')).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  it('exits with code 1 and usage for an unknown command', async () => {
    const run = await istibaq(['frobnicate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });
});
