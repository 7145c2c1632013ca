// @ts-check
import tseslint from 'typescript-eslint';

const boundary = (patterns, message) => ['error', { patterns: patterns.map((group) => ({ group, message })) }];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-results/', 'bench/results/', 'geo/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Fastify plugins and Kysely's driver interface are async by contract, awaiting or not.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Imports flow one way: domain ← analytics ← geo/synthetic ← store ← analysis/ingest ← server/cli; web only sees domain and contract.
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': boundary(
        [
          ['../*', '!../domain/*'],
          ['kysely', 'fastify', 'node:*'],
        ],
        'domain/ imports nothing from the rest of src/ and no I/O',
      ),
    },
  },
  {
    files: ['src/analytics/**'],
    rules: {
      'no-restricted-imports': boundary(
        [
          ['../store/*', '../server/*', '../ingest/*', '../cli/*', '../geo/*', '../synthetic/*'],
          ['kysely', 'fastify', 'node:fs', 'node:fs/*', 'pg', '@electric-sql/*'],
        ],
        'analytics/ is pure: data in, results out',
      ),
    },
  },
  {
    files: ['src/geo/**', 'src/synthetic/**'],
    rules: {
      'no-restricted-imports': boundary(
        [
          ['../store/*', '../server/*', '../ingest/*', '../cli/*'],
          ['kysely', 'fastify', 'node:fs', 'node:fs/*', 'pg', '@electric-sql/*'],
        ],
        'geo/ and synthetic/ are pure: no database, no files',
      ),
    },
  },
  {
    files: ['src/store/**'],
    rules: {
      'no-restricted-imports': boundary(
        [['../server/*', '../ingest/*', '../cli/*'], ['fastify']],
        'store/ knows nothing of HTTP or the CLI',
      ),
    },
  },
  {
    files: ['src/analysis/**'],
    rules: {
      'no-restricted-imports': boundary(
        [['../server/*', '../ingest/*', '../cli/*'], ['fastify']],
        'analysis/ reads through the store and computes with analytics; it knows nothing of HTTP or the CLI',
      ),
    },
  },
  {
    files: ['src/report/**'],
    rules: {
      'no-restricted-imports': boundary(
        [
          ['../store/*', '../analysis/*', '../server/*', '../ingest/*', '../cli/*'],
          ['kysely', 'fastify'],
        ],
        'report/ renders documents from contract data; it reads no database and knows nothing of HTTP or the CLI',
      ),
    },
  },
  {
    files: ['src/contract/**'],
    rules: {
      'no-restricted-imports': boundary(
        [
          ['../store/*', '../server/*', '../ingest/*', '../cli/*'],
          ['kysely', 'fastify'],
        ],
        'contract/ holds schemas only',
      ),
    },
  },
  {
    files: ['web/src/**'],
    rules: {
      'no-restricted-imports': boundary(
        [
          ['**/src/store/*', '**/src/server/*', '**/src/ingest/*', '**/src/cli/*', '**/src/geo/*'],
          ['kysely', 'fastify', 'pg', '@electric-sql/*', 'node:*'],
        ],
        'the web app sees only src/domain and src/contract',
      ),
    },
  },
);
