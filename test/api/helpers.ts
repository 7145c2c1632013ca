import { areaLevels } from '../../src/domain/area.js';
import type { ThrottlePolicy } from '../../src/domain/sign-in-throttle.js';
import { countryCode } from '../../src/geo/morocco.js';
import { demoPassword } from '../../src/ingest/demo.js';
import { buildApp, type App } from '../../src/server/app.js';
import { sessionCookie } from '../../src/server/auth.js';
import { findAreaByCode, listAreasWithin } from '../../src/store/areas.js';
import type { Db } from '../../src/store/db.js';
import { testUntil } from '../fixtures.js';

/** The API over a test database, as `serve` builds it but without the web app, its clock stopped at `testUntil`. */
export function testApp(db: Db, options: { demo?: boolean; signInThrottle?: ThrottlePolicy } = {}): Promise<App> {
  return buildApp(
    {
      db,
      version: 'test',
      demo: options.demo ?? true,
      tileUrl: null,
      sessionHours: 12,
      secureCookies: false,
      now: () => testUntil,
      defaultArea: countryCode,
      ...(options.signInThrottle ? { signInThrottle: options.signInThrottle } : {}),
    },
    { webDir: null },
  );
}

/** Signs in through the API and returns the Cookie header that carries the session. */
export async function signIn(app: App, username: string, password = demoPassword): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const cookie = response.cookies.find((c) => c.name === sessionCookie);
  if (response.statusCode !== 200 || !cookie) {
    throw new Error(`signing in as ${username} failed: ${response.statusCode} ${response.body}`);
  }
  return `${cookie.name}=${cookie.value}`;
}

export interface Reply<T> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** A GET through `app.inject`, with the session cookie when one is given, and its JSON body. */
export async function get<T = Record<string, unknown>>(app: App, url: string, cookie?: string): Promise<Reply<T>> {
  const response = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  return { status: response.statusCode, body: response.json<T>(), headers: response.headers };
}

/** The codes of an area and of every area inside it, read from the store. */
export async function codesWithin(db: Db, code: string): Promise<Set<string>> {
  const area = await findAreaByCode(db, code);
  if (!area) throw new Error(`no area ${code}`);
  const codes = new Set<string>();
  for (const level of areaLevels) {
    for (const inside of await listAreasWithin(db, area.id, level)) codes.add(inside.code);
  }
  return codes;
}

export interface ErrorReply {
  code: string;
  message: string;
  field?: string;
}

/** Every item of a paged list, following `nextCursor` from page to page. */
export async function allPages<T>(app: App, url: string, cookie: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page++) {
    const separator = url.includes('?') ? '&' : '?';
    const reply: Reply<{ items: T[]; nextCursor: string | null }> = await get(
      app,
      cursor === null ? url : `${url}${separator}cursor=${cursor}`,
      cookie,
    );
    if (reply.status !== 200) throw new Error(`${url}: ${reply.status} ${JSON.stringify(reply.body)}`);
    items.push(...reply.body.items);
    cursor = reply.body.nextCursor;
    if (cursor === null) return items;
  }
  throw new Error(`${url}: more than 1000 pages`);
}
