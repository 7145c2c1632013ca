import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PartnerActions, PartnerOverview } from '../../src/contract/partner.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import { formatters } from '../../web/src/i18n/format.js';
import { html, openSession, password, shoot, startHarness, type Harness } from './harness.js';

/**
 * The partner page in Chromium over the small demo: the Casablanca commune signs in, lands on its partner page in
 * Arabic, and sees its territory's headlines and months as the API gives them (withheld below k) and the actions
 * of the demo plan shared with it — and no link to the pages it may not read.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

function fetchJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u, { headers: { accept: 'application/json' } })).json() as T, url);
}

describe('the partner page in Chromium', () => {
  it('shows the commune its territory in aggregate and the shared actions, in Arabic', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await page.goto(`${harness.origin}/`);
      await page.locator('input[name=username]').fill('commune.casablanca');
      await page.locator('input[name=password]').fill(password);
      await page.locator('form button[type=submit]').click();
      await page.locator('[data-testid=partner-headlines]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/partner');
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toBe(ar['partner.title']);
      await page.locator('[data-testid=synthetic-notice]').waitFor();
      const nav = await page.locator('.shell-nav a').allTextContents();
      expect(nav).toContain(ar['partner.nav']);
      expect(nav).not.toContain(ar['plans.nav']);

      const overview = await fetchJson<PartnerOverview>(page, '/api/partner/overview');
      const arabic = formatters('ar');
      const withheld = ar['public.withheld'].replace('{{k}}', arabic.count(overview.k));
      const own = overview.series[0];
      const totals = await page
        .locator('[data-testid=partner-months] tbody tr')
        .first()
        .locator('td')
        .allTextContents();
      expect(totals.slice(0, -1)).toEqual(
        (own?.months ?? []).map((m) => (m.total.withheld ? withheld : arabic.count(m.total.count ?? 0))),
      );

      const shared = await fetchJson<PartnerActions>(page, '/api/partner/actions');
      const actions = shared.plans.flatMap((p) => p.actions);
      expect(actions.length).toBeGreaterThan(0);
      const rows = page.locator('[data-testid=partner-action]');
      await expect.poll(() => rows.count()).toBe(actions.length);
      await expect(rows.locator('td:first-child').allTextContents()).resolves.toEqual(
        actions.map((a) => a.description),
      );
      await expect(page.locator('[data-testid=partner-action].late').count()).resolves.toBe(
        actions.filter((a) => a.late).length,
      );
      await shoot(page, 'partner-ar');
      expect(errors).toEqual([]);
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
