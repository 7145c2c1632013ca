#!/usr/bin/env node
// The `istibaq` command: runs the built CLI (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('istibaq: the build is missing; run `npm run build` in the project folder first\n');
  process.exit(1);
}
await import(cli.href);
