import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlackSpotList, ClassifyResult, KnoxResult } from '../../src/contract/hotspots.js';
import { categories } from '../../src/domain/category.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { classKey, classLabels } from '../../web/src/map/hotspot-style.js';
import { html, openSession, paintedShare, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The black-spot page in Chromium: Casablanca over the small demo's three years with 500 m cells, set through
 * the page's controls; the density surface, the ranked spots and one spot's incidents; French; a wali kept out.
 */

const casablanca = '06.141.01.0';
const span = { from: '2023-11-21', to: '2026-11-19', cellSize: '500' };

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const map = (page: Page) => page.locator('.hotspot-map .area-map-canvas');
const spotRows = (page: Page) => page.locator('[data-testid=spot-table] tbody tr');
const incidentRows = (page: Page) => page.locator('[data-testid=spot-incidents] .incident-table tbody tr');

/** Waits until the map has drawn what it was last given. */
async function mapIdle(page: Page, extra = ''): Promise<void> {
  await page.locator(`.hotspot-map .area-map-canvas[data-map-state="idle"]${extra}`).waitFor();
}

/** What the page's own session gets from the API, asked from inside the page (same cookie, same scope). */
function fetchJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u, { headers: { accept: 'application/json' } })).json() as T, url);
}

describe('the black-spot page in Chromium', () => {
  it('shows Casablanca’s density and ranked black spots in Arabic, lists a spot’s incidents, and speaks French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');

      // Every signed-in user finds the page in the navigation; the director-general's own area is the country.
      await page.locator('.shell-nav').getByRole('link', { name: ar['nav.hotspots'] }).click();
      await page.locator('.hotspots[data-area="MA"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/hotspots/MA');

      // Down to Casablanca through the sub-areas (region, prefecture, city), then the window and the cell size
      // set through the controls.
      for (const code of ['06', '06.141', casablanca]) {
        await page.locator('.hotspots-links select[name=goTo]').selectOption(code);
        await page.locator(`.hotspots[data-area="${code}"]`).waitFor();
      }
      expect(new URL(page.url()).pathname).toBe(`/hotspots/${casablanca}`);
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toContain('الدار البيضاء');
      const controls = page.locator('.hotspot-controls');
      await controls.locator('input[name=from]').fill(span.from);
      await controls.locator('input[name=to]').fill(span.to);
      await controls.locator('select[name=cellSize]').selectOption(span.cellSize);
      await controls.locator('button[type=submit]').click();
      await expect
        .poll(() => new URL(page.url()).search)
        .toBe(`?from=${span.from}&to=${span.to}&cellSize=${span.cellSize}`);

      // The ranked spots, as the API gives them to the same session.
      const query = `area=${casablanca}&from=${span.from}&to=${span.to}&cellSize=${span.cellSize}`;
      const list = await fetchJson<BlackSpotList>(page, `/api/hotspots/black-spots?${query}&confidence=95`);
      expect(list.spots.length).toBeGreaterThan(0);
      await expect.poll(() => spotRows(page).count()).toBe(list.spots.length);
      const first = spotRows(page).first();
      await expect(first.getAttribute('data-rank')).resolves.toBe('1');
      const incidents = Number(await first.locator('td[data-incidents]').getAttribute('data-incidents'));
      expect(incidents).toBe(list.spots[0]?.incidents);
      await expect(first.locator('.spot-district > span').first().textContent()).resolves.toBe(
        list.spots[0]?.district?.nameAr,
      );
      await expect(page.locator('[data-testid=synthetic-notice]').textContent()).resolves.toContain(
        ar['synthetic.title'],
      );
      await expect(page.locator('[data-testid=map-synthetic]').textContent()).resolves.toBe(
        ar['hotspots.syntheticBadge'],
      );

      // The density surface: one pixel for each of the grid's cells inside the city, drawn under the spots.
      await mapIdle(page, `[data-spots="${list.spots.length}"][data-density]`);
      const inside = Number(await map(page).getAttribute('data-density'));
      expect(inside).toBe(list.grid.cellsInside);
      await expect(page.locator('[data-testid=hotspot-legend] figcaption').first().textContent()).resolves.toBe(
        ar['hotspots.legend.density'],
      );
      await expect(page.locator('.spot-marker').count()).resolves.toBe(list.spots.length);
      expect(await paintedShare(map(page))).toBeGreaterThan(0.15);
      await shoot(page, '10-hotspots-ar');

      // One click on the first spot: the map zooms to it and its incidents are listed, as many as its count.
      await first.click();
      await expect.poll(() => new URL(page.url()).searchParams.get('spot')).toBe('1');
      const panel = page.locator('[data-testid=spot-incidents]');
      await panel.locator('.incident-table').waitFor();
      const showAll = panel.locator('button.show-all');
      if ((await showAll.count()) > 0) await showAll.click();
      await expect.poll(() => incidentRows(page).count()).toBe(incidents);
      await expect(panel.locator('h2').textContent()).resolves.toBe(
        ar['hotspots.incidents.title'].replace('{{rank}}', '1'),
      );
      const arabicNames = new Set<string>(categories.map((c) => c.labels.ar));
      const shown = await incidentRows(page).locator('td:nth-child(2)').allTextContents();
      expect(shown.every((name) => arabicNames.has(name))).toBe(true);
      // Moroccan Arabic month names, to the minute (the newest incident of the spot first).
      const when = await incidentRows(page).first().locator('time').textContent();
      expect(when).toMatch(/^\d{1,2} [\u0600-\u06FF]+ \d{4}، \d{2}:\d{2}$/);
      await mapIdle(page, `[data-incidents="${incidents}"]`);
      await expect(page.locator('.spot-marker-selected').textContent()).resolves.toBe('1');
      await shoot(page, '11-hotspots-spot-ar');

      // French: left to right, the legend and the table in French, the same figures.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect
        .poll(() => page.locator('[data-testid=hotspot-legend] figcaption').first().textContent())
        .toBe(fr['hotspots.legend.density']);
      await expect(first.locator('.spot-district > span').first().textContent()).resolves.toBe(
        list.spots[0]?.district?.nameFr,
      );
      const frenchNames = new Set<string>(categories.map((c) => c.labels.fr));
      const shownFr = await incidentRows(page).locator('td:nth-child(2)').allTextContents();
      expect(shownFr.every((name) => frenchNames.has(name))).toBe(true);

      // Closing the spot goes back to the whole city; then the Gi* layer, hot and cold cells with their legend.
      await page
        .locator('[data-testid=spot-incidents]')
        .getByRole('button', { name: fr['hotspots.incidents.close'] })
        .click();
      await expect.poll(() => new URL(page.url()).searchParams.get('spot')).toBeNull();
      await mapIdle(page, '[data-incidents="0"]');
      await page.locator('.layer-switch label', { hasText: fr['hotspots.layer.gistar'] }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('layer')).toBe('gistar');
      await mapIdle(page, '[data-gistar]:not([data-gistar="0"])');
      await expect(page.locator('[data-testid=hotspot-legend] figcaption').first().textContent()).resolves.toBe(
        fr['hotspots.legend.gistar'],
      );
      await expect(page.locator('[data-testid=hotspot-legend] li').first().textContent()).resolves.toBe(
        fr['hotspots.bin.hot'].replace('{{confidence}}', '99\u00a0%'),
      );
      await shoot(page, '12-hotspots-fr');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('classifies Casablanca’s cells over time and gives the near-repeat table, in Arabic', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      const query = `area=${casablanca}&from=${span.from}&to=${span.to}&cellSize=${span.cellSize}`;
      await page.goto(`${harness.origin}/hotspots/${casablanca}?from=${span.from}&to=${span.to}&cellSize=500`);
      await page.locator(`.hotspots[data-area="${casablanca}"]`).waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });

      // The fourth layer: every cell with a pattern over the months, coloured by its class, as the API classifies it.
      await page.locator('.layer-switch label', { hasText: ar['hotspots.layer.classes'] }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('layer')).toBe('classes');
      const classified = await fetchJson<ClassifyResult>(
        page,
        `/api/hotspots/classify?${query}&period=month&scheme=sfhotspot`,
      );
      expect(classified.cells.length).toBeGreaterThan(0);
      await mapIdle(page, `[data-classes="${classified.cells.length}"]`);
      const legend = page.locator('[data-testid=hotspot-legend] figure', {
        hasText: ar['hotspots.legend.classes.sfhotspot'],
      });
      await expect(legend.locator('figcaption').textContent()).resolves.toBe(ar['hotspots.legend.classes.sfhotspot']);
      // One line for each class present, its Arabic name and its number of cells.
      const present = classLabels.filter((label) => (classified.classes[label] ?? 0) > 0);
      const lines = await legend.locator('li').allTextContents();
      expect(lines.length).toBe(present.length);
      const messages: Record<string, string> = ar;
      lines.forEach((line, index) => {
        const label = present[index] ?? '';
        expect(line).toContain(messages[classKey(label)]);
        expect(Number(line.replace(/\D/g, ''))).toBe(classified.classes[label]);
      });
      expect(await paintedShare(map(page))).toBeGreaterThan(0.02);
      await shoot(page, '13-hotspots-classes-ar');

      // Near repeats on demand: three distance bands and four time bands, each with "beyond", 49 permutations.
      const panel = page.locator('[data-testid=knox-panel]');
      await expect(panel.locator('h2').textContent()).resolves.toBe(ar['hotspots.knox.title']);
      await panel.locator('[data-testid=knox-open]').click();
      await panel.locator('[data-testid=knox-table]').waitFor();
      await panel.locator('input[name=spaceBands]').fill('100, 250, 500');
      await panel.locator('input[name=permutations]').fill('49');
      await panel.locator('button[type=submit]').click();
      const knox = await fetchJson<KnoxResult>(
        page,
        `/api/hotspots/knox?${query}&spaceBands=100,250,500&timeBands=7,14,21,28&permutations=49`,
      );
      expect(knox.observed.length).toBe(4);
      const cells = panel.locator('[data-testid=knox-table] tbody td');
      await expect.poll(() => cells.count()).toBe((3 + 1) * (4 + 1));
      const observed = await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-observed'))));
      expect(observed).toEqual(knox.observed.flat());
      const significant = knox.observed.flatMap((row, i) =>
        row.map((_, j) => (knox.ratio[i]?.[j] ?? 0) > 1 && (knox.p[i]?.[j] ?? 1) <= 0.05),
      );
      const highlighted = await cells.evaluateAll((tds) => tds.map((td) => td.classList.contains('knox-significant')));
      expect(highlighted).toEqual(significant);
      await expect(panel.locator('thead th').nth(1).textContent()).resolves.toBe(ar['hotspots.knox.metresApart']);
      await panel.scrollIntoViewIfNeeded();
      await shoot(page, '14-hotspots-knox-ar');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('refuses Casablanca to a wali of Marrakech-Safi, in Arabic, and leads him back to his own region', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'wali.marrakech');
      // Loaded afresh, as from a bookmark: the server gives the app for a path whose area code ends in ".0".
      await page.goto(`${harness.origin}/hotspots/${casablanca}?from=${span.from}&to=${span.to}`);
      const alert = page.locator('[role=alert]');
      await alert.waitFor();
      await expect(alert.locator('h2').textContent()).resolves.toBe(ar['overview.outOfScopeTitle']);
      await expect(alert.textContent()).resolves.toContain(ar['error.OUT_OF_SCOPE']);
      await expect(page.locator('[data-testid=spot-table]').count()).resolves.toBe(0);

      await alert.getByRole('link', { name: ar['hotspots.backHome'] }).click();
      await page.locator('.hotspots[data-area="07"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/hotspots/07');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
