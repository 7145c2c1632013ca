import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forecast } from '../../src/contract/forecast.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { formatters } from '../../web/src/i18n/format.js';
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The forecast page in Chromium over the small demo: Casablanca's flagged cells for a day after 30 September
 * 2026 on the map and counted in the panel as the API gives them, the provenance note in Arabic, a change of
 * model kept in the address and followed by the panel, then the page in French.
 */

const casablanca = '06.141.01.0';
const settings = 'horizon=day&asOf=2026-09-30';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** What the page's own session gets from the API (same cookie, same scope). */
function fetchJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u, { headers: { accept: 'application/json' } })).json() as T, url);
}

const figures = (page: Page, model: string) => page.locator(`.forecast-figures[data-model="${model}"]`);

describe('the forecast page in Chromium', () => {
  it('maps and counts the flagged cells in Arabic with the provenance note, follows a change of model, and speaks French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');

      // The navigation's Forecast entry leads to the user's own area (the country for the director-general).
      await page.locator('.shell-nav').getByRole('link', { name: ar['forecast.nav'] }).click();
      await page.locator('.forecast[data-area="MA"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/forecast/MA');

      await page.goto(`${harness.origin}/forecast/${casablanca}?${settings}`);
      await figures(page, 'etas').waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      const etas = await fetchJson<Forecast>(page, `/api/forecast?area=${casablanca}&${settings}`);
      expect(etas.cells.length).toBeGreaterThan(1);
      expect(etas.etas).not.toBeNull();

      // The map was given every flagged cell that scores above zero and drew them; the panel counts the flagged
      // cells and the cells inside.
      const drawn = (f: Forecast) => f.cells.filter((c) => c.score > 0).length;
      expect(drawn(etas)).toBeGreaterThan(1);
      const canvas = page.locator('.forecast .area-map-canvas');
      await page.locator(`.forecast .area-map-canvas[data-forecast="${drawn(etas)}"]`).waitFor();
      await expect.poll(() => canvas.getAttribute('data-map-state')).toBe('idle');
      await expect(figures(page, 'etas').getAttribute('data-flagged')).resolves.toBe(String(etas.cells.length));
      const arabic = formatters('ar');
      await expect(page.locator('[data-testid=forecast-cells]').textContent()).resolves.toBe(
        ar['forecast.cellsFlagged']
          .replace('{{flagged}}', arabic.count(etas.cells.length))
          .replace('{{inside}}', arabic.count(etas.cellsInside))
          .replace('{{size}}', arabic.metres(etas.cellSizeM)),
      );
      await expect(page.locator('[data-testid=forecast-expected]').textContent()).resolves.toBe(
        arabic.decimal(etas.total),
      );
      await expect(page.locator('[data-testid=forecast-theta]').textContent()).resolves.toBe(
        arabic.share(etas.etas?.theta ?? NaN),
      );
      await expect(page.locator('[data-testid=forecast-provenance]').textContent()).resolves.toContain(
        ar['forecast.provenance.citizen'],
      );
      await expect(page.locator('[data-testid=synthetic-notice]').count()).resolves.toBe(1);
      await expect(page.locator('[data-testid=forecast-top] tbody tr').count()).resolves.toBe(
        Math.min(10, etas.cells.length),
      );
      await shoot(page, 'forecast-ar');

      // Another model: the address keeps it, the panel follows (a relative risk gives no expected count), and
      // ETAS's own figures leave.
      await page.locator('select[name=model]').selectOption('prospective');
      await expect.poll(() => new URL(page.url()).search).toBe('?horizon=day&model=prospective&asOf=2026-09-30');
      await figures(page, 'prospective').waitFor();
      const prospective = await fetchJson<Forecast>(
        page,
        `/api/forecast?area=${casablanca}&${settings}&model=prospective`,
      );
      expect(prospective.etas).toBeNull();
      await expect(page.locator('[data-testid=forecast-expected]').textContent()).resolves.toBe(
        ar['forecast.expectedRelative'].replace('{{model}}', ar['forecast.modelName.prospective']),
      );
      await expect(page.locator('[data-testid=forecast-theta]').count()).resolves.toBe(0);
      await page.locator(`.forecast .area-map-canvas[data-forecast="${drawn(prospective)}"]`).waitFor();

      // French: left to right, the provenance note in French, the same count.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect
        .poll(() => page.locator('[data-testid=forecast-provenance]').textContent())
        .toContain(fr['forecast.provenance.citizen']);
      const french = formatters('fr');
      await expect(page.locator('[data-testid=forecast-cells]').textContent()).resolves.toContain(
        french.count(prospective.cellsInside),
      );
      await expect.poll(() => canvas.getAttribute('data-map-state')).toBe('idle');
      await shoot(page, 'forecast-fr');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
