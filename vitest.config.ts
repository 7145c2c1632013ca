import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Deterministic runs: one time zone everywhere; store and API tests run against PGlite and a real PostgreSQL.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest keeps a core free by default, which leaves one of two idle; seeded databases are made once a run (test/db.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ['test/global-setup.ts'],
    env: { TZ: 'UTC' },
  },
});
