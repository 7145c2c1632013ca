import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import { formatters } from '../../web/src/i18n/format.js';
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * Citizen reports in Chromium: a citizen, not signed in, files a report in Arabic through the public form and
 * follows it by its code; the district chief of Anfa finds it in the triage queue and turns it into an incident.
 * The description carries markup, which must show as text and never run.
 */

/** A point in Anfa, Casablanca. */
const anfa = { lat: '33.5823', lon: '-7.6836' };
const description = 'سرقة هاتف قرب السوق <script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('citizen reports in Chromium', () => {
  it('lets a citizen report in Arabic and follow the report by its code, and an officer turn it into an incident', async () => {
    const citizen = await openSession(harness);
    const officer = await openSession(harness);
    try {
      const { page } = citizen;
      await page.goto(`${harness.origin}/report`);
      await page.locator('select[name=service] option[value=theft]').waitFor({ state: 'attached' });
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toBe(ar['citizen.title']);

      await page.locator('select[name=service]').selectOption('theft');
      await page.locator('textarea[name=description]').fill(description);
      await page.locator('input[name=lat]').fill(anfa.lat);
      await page.locator('input[name=lon]').fill(anfa.lon);
      await page.locator('[data-testid=report-point]').waitFor();
      await shoot(page, 'report-ar');
      await page.locator('.citizen-form button[type=submit]').click();
      const code = (await page.locator('[data-testid=report-code]').textContent()) ?? '';
      expect(code).toMatch(/^[A-HJKMNP-Z2-9]{10}$/);

      // Following it by its code, typed as a citizen might (in small letters), without signing in: open, the
      // description as text.
      await page.goto(`${harness.origin}/report`);
      await page.locator('.citizen-follow input[name=code]').fill(code.toLowerCase());
      await page.locator('.citizen-follow button[type=submit]').click();
      await page.waitForURL(`${harness.origin}/report/${code}`);
      await page.locator('[data-testid=report-status]').waitFor();
      await expect(page.locator('[data-testid=report-status-value]').textContent()).resolves.toBe(
        ar['citizen.statusValue.open'],
      );
      await expect(page.locator('.citizen-status .citizen-text').first().textContent()).resolves.toBe(description);

      // The district chief's queue: the report, its text shown as text, turned into an incident.
      await signIn(officer.page, harness.origin, 'chief.anfa');
      // The district's overview says how many answered the perception survey: none yet, so nothing is shown.
      const arabic = formatters('ar');
      await expect(officer.page.locator('[data-testid=overview-perception]').textContent()).resolves.toBe(
        ar['citizen.perceptionWithheld'].replace('{{n}}', arabic.count(0)).replace('{{min}}', arabic.count(10)),
      );
      await officer.page.goto(`${harness.origin}/triage`);
      const item = officer.page.locator(`.triage-item[data-code="${code}"]`);
      await item.waitFor();
      await expect(item.locator('[data-testid=triage-description]').textContent()).resolves.toBe(description);
      await expect(item.locator('script, img').count()).resolves.toBe(0);
      await item.locator('[data-testid=triage-incident] select[name=category]').selectOption('theft');
      await item.locator('[data-testid=triage-incident] button[type=submit]').click();
      await officer.page.locator(`.triage-item[data-code="${code}"][data-status=in_progress]`).waitFor();
      await shoot(officer.page, 'triage-ar');

      const incidents = await harness.db.db
        .selectFrom('incident')
        .select(['provenance', 'category'])
        .where('source', '=', 'citizen-report')
        .where('externalId', '=', code)
        .execute();
      expect(incidents).toEqual([{ provenance: 'citizen_report', category: 'theft' }]);

      // The citizen sees it in progress.
      await page.reload();
      await expect(page.locator('[data-testid=report-status-value]').textContent()).resolves.toBe(
        ar['citizen.statusValue.in_progress'],
      );

      // No markup from the report ran, on either side; nothing was fetched from outside; no page error.
      for (const session of [citizen, officer]) {
        expect(await session.page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
        expect(session.outside).toEqual([]);
        expect(session.errors).toEqual([]);
      }
    } finally {
      await citizen.context.close();
      await officer.context.close();
    }
  });
});
