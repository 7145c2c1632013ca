import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import { html, openSession, shoot, signIn as signInAt, startHarness, type Harness } from './harness.js';

/** The meeting brief page in Chromium: the document in the page, its week and language, and the PDF. */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const signIn = (page: Page, username: string) => signInAt(page, harness.origin, username);
const frame = (page: Page) => page.frameLocator('[data-testid=brief-frame]');

describe('the meeting brief page in Chromium', () => {
  it('shows a wali the region’s brief in Arabic, then in French, steps back a week and downloads the PDF', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, 'wali.casablanca');
      await page.locator('.shell-nav a', { hasText: ar['brief.nav'] }).click();
      await page.waitForURL(/\/brief\/06(\?|$)/);
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });

      const doc = frame(page);
      await expect(doc.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await expect(doc.locator('header .sub strong').textContent()).resolves.toBe('الدار البيضاء-سطات');
      await expect(doc.locator('body').getAttribute('data-week')).resolves.toBe('2026-W47');
      await expect(page.locator('#brief-week').inputValue()).resolves.toBe('2026-W47');
      // The CompStat table, the trend charts and the plans are in the document.
      expect(await doc.locator('#compstat table tbody tr').count()).toBeGreaterThan(2);
      expect(await doc.locator('#trends svg polyline.this-year').count()).toBeGreaterThan(0);
      expect(await doc.locator('#plans article.plan').count()).toBeGreaterThan(0);
      await shoot(page, 'brief-ar');

      await page.locator('#brief-lang').selectOption('fr');
      await expect.poll(() => doc.locator('html').getAttribute('lang'), { timeout: 20_000 }).toBe('fr');
      await expect(doc.locator('header .sub strong').textContent()).resolves.toBe('Casablanca-Settat');
      expect(new URL(page.url()).searchParams.get('lang')).toBe('fr');
      await shoot(page, 'brief-fr');

      await page.locator('button', { hasText: ar['brief.previousWeek'] }).click();
      await expect.poll(() => doc.locator('body').getAttribute('data-week'), { timeout: 20_000 }).toBe('2026-W46');
      expect(new URL(page.url()).searchParams.get('week')).toBe('2026-W46');

      const href = await page.locator('[data-testid=brief-pdf]').getAttribute('href');
      expect(href).toBe('/api/reports/brief.pdf?area=06&lang=fr&week=2026-W46');
      const pdf = await context.request.get(`${harness.origin}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
