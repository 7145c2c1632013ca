import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AlertFeed } from '../../src/analysis/alert-feed.js';
import { countryCode } from '../../src/geo/morocco.js';
import { rootDir } from '../../src/paths.js';
import { buildApp, type App } from '../../src/server/app.js';
import { ImportRunner } from '../../src/server/import-runner.js';
import { version } from '../../src/version.js';
import { freshDb, type TestDb } from '../db.js';
import { mapBackground } from '../../web/src/map/style.js';
import { seedSmallDemo, testUntil } from '../fixtures.js';

/**
 * The web app in a real browser: Debian's Chromium, headless, drawing MapLibre's WebGL through SwiftShader.
 * The server is the real one over an in-memory PGlite holding a small synthetic demo; the app is the built one
 * in dist/web (`npm test` builds it first through `pretest`).
 */

const webDir = join(rootDir, 'dist', 'web');
const screenshotDir = join(rootDir, 'test-results', 'screenshots');
export const password = 'istibaq-demo';
const chromiumPath = '/usr/bin/chromium';
/** Flags that give headless Chromium a software WebGL 2 (SwiftShader) and keep it off the network. */
const chromiumArgs = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Harness {
  db: TestDb;
  app: App;
  /** Runs uploaded imports, as `istibaq serve` does. */
  imports: ImportRunner;
  /** The feed the alert streams read; a test's scan publishes to it, as the server's own scans do. */
  alerts: AlertFeed;
  browser: Browser;
  /** The server's address, `http://127.0.0.1:PORT`. */
  origin: string;
  close(): Promise<void>;
}

/** Seeds the demo, starts the server on a free port and launches Chromium. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(webDir, 'index.html'))) {
    throw new Error(
      `${join(webDir, 'index.html')} is missing: build the web app first with \`npm run build\` ` +
        '(`npm test` does it through its pretest script)',
    );
  }
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium package`);
  mkdirSync(screenshotDir, { recursive: true });
  const db = await freshDb('pglite');
  await seedSmallDemo(db.db);
  const imports = new ImportRunner(db.db);
  const alerts = new AlertFeed();
  const app = await buildApp(
    {
      db: db.db,
      version,
      demo: true,
      tileUrl: null,
      sessionHours: 1,
      secureCookies: false,
      now: () => testUntil,
      defaultArea: countryCode,
      imports,
      alerts,
    },
    { webDir },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  const origin = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  return {
    db,
    app,
    imports,
    alerts,
    browser,
    origin,
    async close() {
      await browser.close();
      await imports.idle();
      await app.close();
      await db.drop();
    },
  };
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send anywhere but the app's own server (all refused). */
  outside: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/** A fresh browser profile (no saved language, no cookie) whose page may only reach the app's server. */
export async function openSession({ browser, origin }: Pick<Harness, 'browser' | 'origin'>): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, outside, errors };
}

/** Signs in through the form and waits for the first page: the overview, or `landing` for a role without one. */
export async function signIn(
  page: Page,
  origin: string,
  username: string,
  landing = '.overview[data-area]',
): Promise<void> {
  await page.goto(`${origin}/`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.locator(landing).waitFor();
}

/** The document's language and direction, as the app set them on `<html>`. */
export const html = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

/** A full-page screenshot in test-results/screenshots/NAME.png. */
export const shoot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });

/**
 * The share of a map's canvas pixels that differ from the map's background colour, read from a screenshot (the
 * WebGL buffer itself is cleared after each frame). Polygons drawn by WebGL make it large; a map that failed to
 * render leaves only the background and the small controls. `map` is the element holding the MapLibre canvas.
 */
export async function paintedShare(map: Locator): Promise<number> {
  const png = await map.locator('canvas').first().screenshot();
  const background = [1, 3, 5].map((i) => parseInt(mapBackground.slice(i, i + 2), 16));
  return map.page().evaluate(
    async ([base64, [red = 0, green = 0, blue = 0]]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2D context');
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let painted = 0;
      for (let i = 0; i < data.length; i += 4) {
        const distance =
          Math.abs((data[i] ?? 0) - red) + Math.abs((data[i + 1] ?? 0) - green) + Math.abs((data[i + 2] ?? 0) - blue);
        if (distance > 24) painted++;
      }
      return painted / (bitmap.width * bitmap.height);
    },
    [png.toString('base64'), background] as const,
  );
}
