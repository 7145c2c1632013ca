import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanDay } from '../../src/analysis/monitoring.js';
import { addDays } from '../../src/domain/time.js';
import { locate } from '../../src/ingest/locate.js';
import { loadAreaDirectory } from '../../src/store/areas.js';
import { writeBatch } from '../../src/store/records.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { makeIncident } from '../factories.js';
import { testUntil } from '../fixtures.js';
import { html, openSession, shoot, signIn as signInAt, startHarness, type Harness } from './harness.js';

/**
 * The Alerts page in Chromium: a wali subscribes to the region, a spike of thefts in Anfa is scanned on the server,
 * and the alert arrives in the open page over the live stream, then stays in the list; in Arabic and in French.
 */

let harness: Harness;
const spikeDay = '2026-11-10';

beforeAll(async () => {
  harness = await startHarness();
  // Ten weeks of 3 to 5 thefts a day in Anfa, then 40 on the spike day, on top of the demo's.
  const db = harness.db.db;
  const directory = await loadAreaDirectory(db);
  const place = locate(directory, makeIncident());
  if (!place) throw new Error('the fixture point is in no area');
  const incidents = [];
  for (let d = 70; d >= 0; d--) {
    const day = addDays(spikeDay, -d);
    const n = d === 0 ? 40 : 3 + (d % 3);
    for (let i = 0; i < n; i++) {
      const occurredAt = new Date(`${day}T12:00:00Z`);
      incidents.push({ record: makeIncident({ category: 'theft', occurredAt, reportedAt: occurredAt }), place });
    }
  }
  await writeBatch(db, { incidents, calls: [] });
});

afterAll(async () => {
  await harness?.close();
});

const signIn = (page: Page, username: string) => signInAt(page, harness.origin, username);

describe('the Alerts page in Chromium', () => {
  it('pushes a new alert to a wali subscribed to the region, in Arabic, and lists it in French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, 'wali.casablanca');
      await page.locator('.shell-nav a', { hasText: ar['alerts.nav'] }).click();
      await page.waitForURL(/\/alerts$/);
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await page.locator('.alerts-stream[data-status=open]').waitFor();

      await page.locator('.alerts-subscribe button[type=submit]').click();
      await expect.poll(() => page.locator('.alerts-subscription-list li').count(), { timeout: 20_000 }).toBe(1);

      const scan = await scanDay(harness.db.db, { day: spikeDay, now: testUntil }, harness.alerts);
      expect(scan.raised.length).toBeGreaterThan(0);
      const notice = page.locator('[data-testid=alert-notice]');
      await notice.first().waitFor({ timeout: 20_000 });
      // Only the region's own alert reaches a subscriber to the region.
      await expect(notice.count()).resolves.toBe(1);
      await expect(notice.first().textContent()).resolves.toContain('الدار البيضاء-سطات');
      await shoot(page, 'alerts-ar');

      await page.locator('.language-switch button', { hasText: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect(page.locator('h1').first().textContent()).resolves.toContain(fr['alerts.title']);
      await expect.poll(() => page.locator('.alerts-grid').textContent()).toContain('Casablanca');
      await shoot(page, 'alerts-fr');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
