import { seedDemo, type DemoSummary } from '../src/ingest/demo.js';
import type { Db } from '../src/store/db.js';

/** The instant every test's demo ends on, so that counts never depend on the day the tests run. */
export const testUntil = new Date('2026-11-20T12:00:00Z');

/** A small synthetic demo (about 4,500 incidents over three years) over Morocco's real geography. */
export function seedSmallDemo(db: Db, scale = 0.002, seed = 7): Promise<DemoSummary> {
  return seedDemo(db, { seed, scale, until: testUntil, years: 3 });
}
