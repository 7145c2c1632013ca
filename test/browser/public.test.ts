import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicHeadlines, PublicStats } from '../../src/contract/public.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import { areaName, formatters } from '../../web/src/i18n/format.js';
import { html, openSession, paintedShare, shoot, startHarness, type Harness } from './harness.js';

/**
 * The public figures page in Chromium over the small demo, signed out: in Arabic, the provinces of October 2026
 * as the public API gives them, withheld counts shown as such and never a number below k; the map drawn; the
 * region and category pickers kept in the address; the open-data links.
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

const rows = (page: Page) => page.locator('.public-table tbody tr');

describe('the public figures page in Chromium', () => {
  it('shows a month’s figures to a visitor who is not signed in, in Arabic, withholding counts below k', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await page.goto(`${harness.origin}/public?month=2026-10`);
      await page.locator('[data-testid=public-page] .public-table table').waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toBe(ar['public.title']);
      await page.locator('[data-testid=synthetic-notice]').waitFor();

      const stats = await fetchJson<PublicStats>(page, '/api/public/stats?level=province&month=2026-10');
      const arabic = formatters('ar');
      const withheld = ar['public.withheld'].replace('{{k}}', arabic.count(stats.k));
      await expect.poll(() => rows(page).count()).toBe(stats.areas.length);
      await expect(rows(page).locator('th').allTextContents()).resolves.toEqual(
        stats.areas.map((a) => areaName(a.area, 'ar')),
      );
      const shown = await page.locator('[data-testid=public-count]').allTextContents();
      expect(shown).toEqual(stats.areas.map((a) => (a.total.withheld ? withheld : arabic.count(a.total.count ?? 0))));
      expect(shown.some((s) => s === withheld)).toBe(true);
      expect(stats.areas.every((a) => a.total.withheld || (a.total.count ?? 0) >= stats.k)).toBe(true);
      // The map paints once the outlines have loaded: wait for it rather than look once.
      await expect
        .poll(() => paintedShare(page.locator('.public-map .map-frame')), { timeout: 30_000 })
        .toBeGreaterThan(0.05);

      // The national headlines as the public API gives them, withheld ones marked as such.
      const headlines = await fetchJson<PublicHeadlines>(page, '/api/public/headlines?area=MA&month=2026-10');
      const figures = await page.locator('[data-testid=public-headlines] dd').allTextContents();
      expect(figures).toHaveLength(4);
      expect(figures[0]).toBe(
        headlines.clearance.solvedPct === null ? withheld : arabic.percent(headlines.clearance.solvedPct),
      );
      expect(figures[2]).toBe(
        headlines.response.arrivalMedianMinutes === null
          ? withheld
          : ar['public.minutes'].replace('{{value}}', arabic.tenths(headlines.response.arrivalMedianMinutes)),
      );
      await shoot(page, 'public-ar');

      // One region's cities for one category: the address keeps the choice, the table follows the API.
      await page.locator('.public-controls select').nth(0).selectOption('city');
      await page.locator('.public-controls select').nth(1).selectOption('06');
      await page.locator('.public-controls select').nth(2).selectOption('theft');
      await expect.poll(() => new URL(page.url()).search).toBe('?level=city&region=06&month=2026-10&category=theft');
      const cities = await fetchJson<PublicStats>(page, '/api/public/stats?level=city&parent=06&month=2026-10');
      await expect.poll(() => rows(page).count()).toBe(cities.areas.length);
      const theft = cities.areas.map((a) => a.categories.find((c) => c.category === 'theft'));
      await expect(page.locator('[data-testid=public-count]').allTextContents()).resolves.toEqual(
        theft.map((f) => (!f || f.withheld ? withheld : arabic.count(f.count ?? 0))),
      );
      const csv = await page.locator('.public-downloads a').first().getAttribute('href');
      expect(csv).toBe('/api/public/stats.csv?level=city&parent=06&from=2025-11&to=2026-10');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
