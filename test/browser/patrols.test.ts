import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FairnessReport, PatrolPlan } from '../../src/contract/patrols.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { areaName, formatters } from '../../web/src/i18n/format.js';
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The patrols page in Chromium over the small demo: the fairness table of Casablanca's districts over the 28 days
 * to 19 November 2026 and a plan for that day's morning shift, as the API gives them, in Arabic and in French; and
 * the link to the same area's forecast.
 */

const casablanca = '06.141.01.0';
const period = { from: '2026-10-23', to: '2026-11-19' };
const shift = '2026-11-19:morning';
const units = 6;

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

const fairnessRows = (page: Page) => page.locator('[data-testid=patrols-fairness] tbody tr');
const planRows = (page: Page) => page.locator('[data-testid=patrols-plan] tbody tr');

describe('the patrols page in Chromium', () => {
  it('shows the fairness table and a shift plan as the API gives them, in Arabic and in French, and links to the forecast', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      await page.goto(`${harness.origin}/patrols/${casablanca}`);
      await page.locator(`.patrols[data-area="${casablanca}"] [data-testid=patrols-fairness]`).waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });

      // The period's days through the pickers; the table follows with a row per district, named in Arabic.
      await page.locator('.patrols-form input[type=date]').nth(0).fill(period.from);
      await page.locator('.patrols-form input[type=date]').nth(1).fill(period.to);
      const fairness = await fetchJson<FairnessReport>(
        page,
        `/api/patrols/fairness?area=${casablanca}&from=${period.from}&to=${period.to}`,
      );
      expect(fairness.districts.length).toBeGreaterThan(1);
      expect(fairness.incidents).toBeGreaterThan(0);
      const arabic = formatters('ar');
      const incidentsColumn = async () =>
        fairnessRows(page).evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? ''));
      await expect.poll(incidentsColumn).toEqual(fairness.districts.map((d) => arabic.count(d.incidents)));
      await expect(fairnessRows(page).locator('th').allTextContents()).resolves.toEqual(
        fairness.districts.map((d) => areaName(d.district, 'ar')),
      );
      await expect(page.locator('[data-testid=patrols-fairness] caption').textContent()).resolves.toBe(
        ar['patrols.ratioNote'],
      );

      // A plan for the morning shift: one row per assignment, each unit's district named as in the fairness table.
      await page.locator('#patrols-plan ~ form input[type=date]').fill(shift.slice(0, 10));
      await page.locator('#patrols-plan ~ form select').first().selectOption('morning');
      // The risk: the ETAS forecast of the shift by default, as the API's default.
      await expect(page.locator('#patrols-plan ~ form select').nth(1).inputValue()).resolves.toBe('etas');
      await page.locator('#patrols-plan ~ form input[type=number]').fill(String(units));
      await page.locator('#patrols-plan ~ form button[type=submit]').click();
      await page.locator('[data-testid=patrols-plan] table').waitFor();
      const plan = await fetchJson<PatrolPlan>(
        page,
        `/api/patrols/plan?area=${casablanca}&shift=${shift}&units=${units}`,
      );
      expect(plan.assignments.length).toBeGreaterThan(0);
      await expect(planRows(page).count()).resolves.toBe(plan.assignments.length);
      const names = new Map(fairness.districts.map((d) => [d.district.code, areaName(d.district, 'ar')]));
      await expect(
        planRows(page).evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? '')),
      ).resolves.toEqual(plan.assignments.map((a) => names.get(a.district) ?? a.district));
      await expect(planRows(page).first().locator('td').nth(1).textContent()).resolves.toBe(plan.assignments[0]?.cell);
      await shoot(page, 'patrols-ar');

      // French: left to right, French headings and numbers, the same rows.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect(page.locator('[data-testid=patrols-fairness] thead th').first().textContent()).resolves.toBe(
        fr['patrols.district'],
      );
      const french = formatters('fr');
      await expect.poll(incidentsColumn).toEqual(fairness.districts.map((d) => french.count(d.incidents)));
      await expect(planRows(page).count()).resolves.toBe(plan.assignments.length);
      await shoot(page, 'patrols-fr');

      // The forecast of the same area, one click away.
      await page.getByRole('link', { name: fr['patrols.toForecast'] }).click();
      await page.locator(`.forecast[data-area="${casablanca}"]`).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/forecast/${casablanca}`);

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
