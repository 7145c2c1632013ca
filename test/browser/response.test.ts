import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EquityReport } from '../../src/contract/equity.js';
import type { ClearanceReport, ResponseReport } from '../../src/contract/response.js';
import type { Health } from '../../src/contract/system.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { areaName, formatters } from '../../web/src/i18n/format.js';
import { html, openSession, paintedShare, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The response dashboard and the equity map in Chromium over the small demo, for the director-general: in Arabic
 * (right to left) with the figures the API gives, the period kept in the address; the equity map drawn with the
 * provinces ranked worst first over the demo's three years (the remote province it was generated with on top);
 * the overview's line on the disparity of arrival times; and each page once in French.
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

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const arabic = formatters('ar');
const minutesAr = (seconds: number | null) =>
  seconds === null ? '–' : ar['response.minutes'].replace('{{value}}', arabic.tenths(seconds / 60));
const figure = (page: Page, key: string) => page.locator(`[data-testid=response-key-figures] [data-key=${key}] dd`);

describe('the response dashboard and the equity map in Chromium', () => {
  it('shows the country’s response times and clearance in Arabic as the API gives them, the period in the address', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      await page.goto(`${harness.origin}/response`);
      await page.locator('[data-testid=response-page] [data-testid=response-key-figures]').waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(new URL(page.url()).pathname).toBe('/response/MA');
      await page.locator('[data-testid=synthetic-notice]').waitFor();

      // By default the 365 days to the last day with data.
      const health = await fetchJson<Health>(page, '/api/health');
      const to = health.dataUntil ?? '';
      const from = addDays(to, -364);
      const response = await fetchJson<ResponseReport>(page, `/api/response?area=MA&from=${from}&to=${to}`);
      const s = response.summary;
      expect(s.calls).toBeGreaterThan(100);
      await expect(figure(page, 'calls').textContent()).resolves.toBe(arabic.count(s.calls));
      await expect(figure(page, 'arrivalMedian').textContent()).resolves.toBe(minutesAr(s.toArrival.medianSeconds));
      await expect(figure(page, 'arrivalP90').textContent()).resolves.toBe(minutesAr(s.toArrival.p90Seconds));
      await expect(figure(page, 'withinStandard').textContent()).resolves.toBe(
        arabic.share((s.withinStandardPct ?? 0) / 100),
      );
      // Calls never dispatched or never reached are shown, not dropped.
      expect(s.neverDispatched + s.neverArrived).toBeGreaterThan(0);
      await expect(figure(page, 'neverDispatched').textContent()).resolves.toBe(arabic.count(s.neverDispatched));
      await expect(figure(page, 'neverArrived').textContent()).resolves.toBe(arabic.count(s.neverArrived));
      const priorities = page.locator('[data-testid=response-priorities] tbody tr');
      await expect(priorities.count()).resolves.toBe(4);
      await expect(
        priorities.evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[0]?.textContent ?? '')),
      ).resolves.toEqual(response.standards.map((p) => minutesAr(p.minutes * 60)));
      await expect(page.locator('.response-hours svg').first().locator('rect').count()).resolves.toBe(24);
      await expect(page.locator('.response-weeks svg').first().locator('circle').count()).resolves.toBe(
        response.byWeek.filter((w) => w.toArrival.medianSeconds !== null).length,
      );
      const clearance = await fetchJson<ClearanceReport>(page, `/api/clearance?area=MA&from=${from}&to=${to}`);
      await expect(
        page.locator('[data-testid=clearance-headline] [data-key=overall] dd').first().textContent(),
      ).resolves.toBe(arabic.share((clearance.headline.overall.solvedPct ?? 0) / 100));
      await expect(page.locator('[data-testid=clearance-categories] tbody tr').count()).resolves.toBe(
        clearance.byCategory.length,
      );
      await shoot(page, 'response-ar');

      // Another period: kept in the address, and the figures follow.
      await page.locator('.period-form input[name=from]').fill('2026-01-01');
      await expect.poll(() => new URL(page.url()).search).toBe('?from=2026-01-01');
      const year = await fetchJson<ResponseReport>(page, `/api/response?area=MA&from=2026-01-01&to=${to}`);
      await expect.poll(() => figure(page, 'calls').textContent()).toBe(arabic.count(year.summary.calls));

      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect.poll(() => page.locator('h1').textContent()).toContain(fr['response.title']);
      await expect(figure(page, 'calls').textContent()).resolves.toBe(formatters('fr').count(year.summary.calls));
      await shoot(page, 'response-fr');
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('maps the provinces against the national standard in Arabic, worst first, with the disparity and its trend', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      // The overview's line: the disparity of arrival times across provinces over the last 365 days.
      const health = await fetchJson<Health>(page, '/api/health');
      const to = health.dataUntil ?? '';
      const lastYear = await fetchJson<EquityReport>(
        page,
        `/api/equity?area=MA&level=province&measure=arrivalMedian&from=${addDays(to, -364)}&to=${to}`,
      );
      const line = page.locator('[data-testid=overview-equity]');
      await line.waitFor();
      const arrival = lastYear.measures.find((m) => m.measure === 'arrivalMedian');
      const gini = arrival?.disparity.gini ?? null;
      expect(gini).not.toBeNull();
      await expect(line.textContent()).resolves.toContain(arabic.significant(Number(gini?.toPrecision(2))));

      // From the overview to the equity map, then the demo's three years, when enough calls reach each province.
      await line.locator('a').click();
      await page.locator('[data-testid=equity-ranking]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/equity/MA');
      const search = '?from=2023-11-21&to=2026-11-20&minN=5';
      await page.goto(`${harness.origin}/equity/MA${search}`);
      await page.locator('[data-testid=equity-ranking] tbody tr').first().waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(new URL(page.url()).search).toBe(search);
      await page.locator('[data-testid=synthetic-notice]').waitFor();
      const equity = await fetchJson<EquityReport>(page, `/api/equity?area=MA&level=province&${search.slice(1)}`);
      const rows = page.locator('[data-testid=equity-ranking] tbody tr');
      await expect.poll(() => rows.count()).toBe(equity.areas.length);
      await expect(rows.evaluateAll((r) => r.map((row) => row.getAttribute('data-code')))).resolves.toEqual(
        equity.areas.map((a) => a.area.code),
      );
      const worst = equity.areas[0];
      expect(worst?.figures.arrivalMedian.rank).toBe(1);
      expect(worst?.area.nameFr).toBe('Laâyoune');
      await expect(rows.first().locator('th').textContent()).resolves.toBe(worst ? areaName(worst.area, 'ar') : '');
      await expect(page.locator('[data-testid=equity-value]').allTextContents()).resolves.toEqual(
        equity.areas.map((a) => minutesAr(a.figures.arrivalMedian.value)),
      );
      await expect(page.locator('[data-testid=equity-rank]').allTextContents()).resolves.toEqual(
        equity.areas.map((a) =>
          a.figures.arrivalMedian.rank === null ? '–' : arabic.count(a.figures.arrivalMedian.rank),
        ),
      );
      const summary = equity.measures.find((m) => m.measure === 'arrivalMedian');
      await expect(
        page.locator('[data-testid=equity-disparity] [data-key=gini] dd').first().textContent(),
      ).resolves.toBe(arabic.significant(Number(summary?.disparity.gini?.toPrecision(2))));
      await expect(page.locator('[data-testid=equity-measures] tbody tr').count()).resolves.toBe(6);
      await expect(page.locator('.equity-spark svg').count()).resolves.toBe(3);
      const map = page.locator('.equity-map .map-frame');
      await expect
        .poll(() => map.locator('[data-map-state]').getAttribute('data-map-state'), { timeout: 60_000 })
        .toBe('idle');
      expect(await paintedShare(map)).toBeGreaterThan(0.05);
      await shoot(page, 'equity-ar');

      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect.poll(() => page.locator('h1').textContent()).toContain(fr['equity.title']);
      await expect(rows.first().locator('th').textContent()).resolves.toBe(worst ? areaName(worst.area, 'fr') : '');
      await shoot(page, 'equity-fr');
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
