import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreaList } from '../../src/contract/areas.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { html, openSession, paintedShare, shoot, signIn as signInAt, startHarness, type Harness } from './harness.js';

/** The overview in Chromium: sign-in, the national map and table, a drill-down, French, and a wali's scope. */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const signIn = (page: Page, username: string) => signInAt(page, harness.origin, username);

const tableNames = (page: Page) => page.locator('[data-testid=area-table] tbody th a').allTextContents();

async function areaNames(path: string, language: 'nameAr' | 'nameFr'): Promise<string[]> {
  const response = await harness.app.inject(`/api/areas?${path}`);
  return response
    .json<AreaList>()
    .items.map((a) => a[language])
    .sort();
}

/** Waits until the map has drawn the given number of area polygons and gone idle. */
async function mapDrawn(page: Page, areas: number): Promise<void> {
  await page.locator(`.area-map-canvas[data-area-count="${areas}"][data-map-state="idle"]`).waitFor();
}

describe('the web app in Chromium', () => {
  it('opens in Arabic for the director-general, drills down from the country to a region, and speaks French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await page.goto(`${harness.origin}/`);
      await page.locator('input[name=username]').waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('label', { hasText: ar['auth.username'] }).count()).resolves.toBe(1);
      await shoot(page, '01-sign-in-ar');

      // A wrong password is refused in Arabic, with the code the server gave and not its English message.
      await page.locator('input[name=username]').fill('dg');
      await page.locator('input[name=password]').fill('not-the-password');
      await page.locator('form button[type=submit]').click();
      await expect(page.locator('.form-error').textContent()).resolves.toBe(ar['error.INVALID_CREDENTIALS']);

      await signIn(page, 'dg');
      expect(new URL(page.url()).pathname).toBe('/area/MA');
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('[data-testid=current-user]').textContent()).resolves.toContain(
        ar['role.director_general'],
      );
      await expect(page.locator('[data-testid=synthetic-notice]').textContent()).resolves.toContain(
        ar['synthetic.title'],
      );

      // The country: its 12 regions in Arabic, on the map and in the table.
      expect((await tableNames(page)).sort()).toEqual(await areaNames('level=region', 'nameAr'));
      await mapDrawn(page, 12);
      expect(await paintedShare(page.locator('.area-map-canvas'))).toBeGreaterThan(0.15);
      await shoot(page, '02-national-ar');

      // Sorting from the keyboard: focus the name column's button and press Enter.
      await page.locator('[data-testid=area-table] thead th').first().locator('button').focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('[data-testid=area-table] thead th').first().getAttribute('aria-sort')).resolves.toBe(
        'ascending',
      );

      // Down to Marrakech-Safi: its prefecture and provinces.
      await page.locator('[data-testid=area-table] tbody a', { hasText: 'مراكش-آسفي' }).click();
      await page.locator('.overview[data-area="07"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/area/07');
      const provinces = await areaNames('parent=07', 'nameAr');
      expect((await tableNames(page)).sort()).toEqual(provinces);
      await mapDrawn(page, provinces.length);
      expect(await paintedShare(page.locator('.area-map-canvas'))).toBeGreaterThan(0.15);
      await shoot(page, '03-region-07-ar');

      // Back up by the breadcrumb, then forward again with the browser's history.
      await page.locator('.breadcrumb a', { hasText: 'المغرب' }).click();
      await page.locator('.overview[data-area="MA"]').waitFor();
      await page.goBack();
      await page.locator('.overview[data-area="07"]').waitFor();
      expect((await tableNames(page)).sort()).toEqual(provinces);

      // French: left to right, French names, and the choice survives a reload.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      const french = await areaNames('parent=07', 'nameFr');
      await expect.poll(async () => (await tableNames(page)).sort()).toEqual(french);
      await expect(page.locator('[data-testid=synthetic-notice]').textContent()).resolves.toContain(
        fr['synthetic.title'],
      );
      await page.reload();
      await page.locator('.overview[data-area="07"]').waitFor();
      expect(await html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await mapDrawn(page, provinces.length);
      await shoot(page, '04-region-07-fr');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('lands a wali on his region and keeps him out of another one', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, 'wali.marrakech');
      expect(new URL(page.url()).pathname).toBe('/area/07');
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect((await tableNames(page)).sort()).toEqual(await areaNames('parent=07', 'nameAr'));
      // The country is shown above his region for context, but not as a link.
      await expect(page.locator('.breadcrumb a').count()).resolves.toBe(0);

      await page.goto(`${harness.origin}/area/06`);
      const alert = page.locator('[role=alert]');
      await alert.waitFor();
      await expect(alert.locator('h2').textContent()).resolves.toBe(ar['overview.outOfScopeTitle']);
      await expect(alert.textContent()).resolves.toContain(ar['error.OUT_OF_SCOPE']);
      await expect(page.locator('[data-testid=area-table]').count()).resolves.toBe(0);
      await shoot(page, '05-wali-out-of-scope-ar');

      // The way back leads to his own region.
      await alert.getByRole('link', { name: ar['overview.backHome'] }).click();
      await page.locator('.overview[data-area="07"]').waitFor();

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
