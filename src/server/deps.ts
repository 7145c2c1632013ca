import type { AlertFeed } from '../analysis/alert-feed.js';
import type { ThrottlePolicy } from '../domain/sign-in-throttle.js';
import type { Db } from '../store/db.js';
import type { ImportRunner } from './import-runner.js';

/** What the routes need from outside: the store and a few settings. `now` is the clock, passed in for tests. */
export interface Deps {
  db: Db;
  version: string;
  demo: boolean;
  tileUrl: string | null;
  /** Credit line for those tiles, shown on the map. */
  tileAttribution?: string | null;
  sessionHours: number;
  secureCookies: boolean;
  now: () => Date;
  /** The area used when a request names none and the caller's scope is the whole country. */
  defaultArea: string;
  /** Runs uploaded imports; without it, uploads are refused. */
  imports?: ImportRunner;
  /** The largest upload accepted, in bytes (default 2 GiB). */
  importMaxBytes?: number;
  /** New alerts for the alert streams; without it, the routes keep a feed of their own (nothing publishes to it). */
  alerts?: AlertFeed;
  /** When failed sign-ins lock an account name (default 5 in 15 minutes, locked 15 minutes). */
  signInThrottle?: ThrottlePolicy;
  /** Public figures below this are withheld (default 10). */
  publicK?: number;
}
