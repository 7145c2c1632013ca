// Builds what `npm start` serves: the server and CLI (esbuild, into dist/) and the web app (Vite, into dist/web).
// With --if-stale, does nothing when dist/ is newer than every source file (so `npm start` stays quick).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist', '.build-stamp');
const inputs = ['src', 'web', 'geo', 'package.json', 'package-lock.json', 'vite.config.ts', 'scripts/build.mjs'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const ifStale = process.argv.includes('--if-stale');
const sourcesChanged = Math.max(...inputs.map((p) => newest(join(root, p))));
if (ifStale && existsSync(stamp) && statSync(stamp).mtimeMs >= sourcesChanged) process.exit(0);

const started = performance.now();
const esbuild = await import('esbuild');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', 'demo-worker': 'src/ingest/demo-worker.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

const { build } = await import('vite');
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

writeFileSync(stamp, new Date().toISOString());
console.log(
  `built dist/ (server and web app) in ${((performance.now() - started) / 1000).toFixed(1)} s → ${relative(process.cwd(), join(root, 'dist')) || '.'}`,
);
