import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Compstat, CompstatPatterns, CompstatTrends } from '../../src/contract/compstat.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import { formatters } from '../../web/src/i18n/format.js';
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The CompStat page in Chromium over the small demo: Casablanca's table against the API's figures, its weekly
 * trend charts and its hour × weekday heatmap, in Arabic and in French; the as-of day and baseline year set
 * through the page's pickers, kept in the address.
 */

const casablanca = '06.141.01.0';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** What the page's own session gets from the API, asked from inside the page (same cookie, same scope). */
function fetchJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u, { headers: { accept: 'application/json' } })).json() as T, url);
}

const cell = (page: Page, category: string, col: string) =>
  page.locator(`[data-testid=compstat-table] tr[data-category="${category}"] td[data-col="${col}"]`);

/** Changes the sheet marks ▲/▼: significant, with counts that differ. */
function significantCount(report: Compstat): number {
  let n = 0;
  for (const row of [...report.rows, report.total]) {
    const ytd = row.yearToDate;
    const pairs = [
      ...(['weekToDate', 'days28', 'yearToDate'] as const).map((p) => [row[p].incidents, row[p].lastYear] as const),
      [ytd.incidents, ytd.twoYearsAgo] as const,
      ...(ytd.baseline ? [[ytd.incidents, ytd.baseline] as const] : []),
    ];
    for (const [current, change] of pairs) if (change.significant && current !== change.incidents) n++;
  }
  return n;
}

describe('the CompStat page in Chromium', () => {
  it('shows Casablanca’s table, trends and hours as the API gives them, in Arabic and in French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');

      // From the country's overview to its CompStat, then straight to Casablanca's.
      await page.locator('.overview-links').getByRole('link', { name: ar['compstat.open'] }).click();
      await page.locator('.compstat[data-area="MA"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/compstat/MA');
      await page.goto(`${harness.origin}/compstat/${casablanca}`);
      await page.locator(`.compstat[data-area="${casablanca}"] [data-testid=compstat-table]`).waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toContain('الدار البيضاء');
      await expect(page.locator('[data-testid=synthetic-notice]').textContent()).resolves.toContain(
        ar['synthetic.title'],
      );

      // The table holds the API's counts, written the Moroccan Arabic way (Latin digits, dots between thousands).
      const report = await fetchJson<Compstat>(page, `/api/compstat?area=${casablanca}`);
      expect(report.total.yearToDate.incidents).toBeGreaterThan(0);
      await expect(page.locator('.compstat').getAttribute('data-as-of')).resolves.toBe(report.asOf);
      const arabic = formatters('ar');
      for (const [col, value] of [
        ['days28.current', report.total.days28.incidents],
        ['days28.lastYear', report.total.days28.lastYear.incidents],
        ['yearToDate.current', report.total.yearToDate.incidents],
        ['weekToDate.current', report.total.weekToDate.incidents],
      ] as const) {
        await expect(cell(page, 'total', col).getAttribute('data-value')).resolves.toBe(String(value));
        await expect(cell(page, 'total', col).textContent()).resolves.toBe(arabic.count(value));
      }
      const first = report.rows[0];
      if (first) {
        await expect(cell(page, first.category, 'yearToDate.current').getAttribute('data-value')).resolves.toBe(
          String(first.yearToDate.incidents),
        );
      }
      await expect(page.locator('[data-testid=compstat-table] tbody tr').count()).resolves.toBe(report.rows.length + 1);
      await expect(page.locator('[data-testid=compstat-table] td[data-significant]').count()).resolves.toBe(
        significantCount(report),
      );
      await expect(page.locator('[data-testid=compstat-legend]').textContent()).resolves.toContain(
        ar['compstat.note.smallBase'],
      );

      // One small chart for the total and each offence, each with a drawn line this year and a year earlier.
      const trends = await fetchJson<CompstatTrends>(
        page,
        `/api/compstat/trends?area=${casablanca}&asOf=${report.asOf}`,
      );
      const charts = page.locator('[data-testid=trend-charts] figure');
      await expect.poll(() => charts.count()).toBe(trends.rows.length + 1);
      for (const line of ['trend-current', 'trend-last-year']) {
        const d = await charts.first().locator(`path.${line}:not(.trend-partial)`).getAttribute('d');
        expect(d).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+){5,}$/);
      }
      await expect(charts.first().locator('svg title').textContent()).resolves.toBe(
        ar['compstat.trends.chartTitle'].replace('{{category}}', ar['compstat.total']),
      );

      // The heatmap: 7 × 24 cells holding the placed incidents, some coloured, and the unplaced ones said.
      const patterns = await fetchJson<CompstatPatterns>(page, `/api/compstat/patterns?area=${casablanca}`);
      expect(patterns.to).toBe(report.asOf);
      const cells = page.locator('[data-testid=heatmap] td.heatmap-cell');
      await expect.poll(() => cells.count()).toBe(168);
      const values = await cells.evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
      expect(values.reduce((a, b) => a + b, 0)).toBe(patterns.placed);
      expect(patterns.placed).toBeGreaterThan(0);
      await expect(page.locator('[data-testid=heatmap] td.heatmap-cell:not(.heat-0)').count()).resolves.toBeGreaterThan(
        0,
      );
      await expect(page.locator('[data-testid=heatmap-unplaced]').getAttribute('data-unplaced')).resolves.toBe(
        String(patterns.unplaced.total),
      );
      await expect(page.locator('[data-testid=heatmap-legend] li').count()).resolves.toBeGreaterThan(1);
      await shoot(page, 'compstat-ar');

      // French: left to right, French headings and French number formats, the same figures.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect
        .poll(() => page.locator('[data-testid=compstat-table] thead th').nth(2).textContent())
        .toBe(fr['compstat.period.days28']);
      const french = formatters('fr');
      await expect(cell(page, 'total', 'days28.current').textContent()).resolves.toBe(
        french.count(report.total.days28.incidents),
      );
      await expect(cell(page, 'total', 'yearToDate.current').textContent()).resolves.toBe(
        french.count(report.total.yearToDate.incidents),
      );
      await expect(page.locator('[data-testid=trend-charts] figure').count()).resolves.toBe(trends.rows.length + 1);
      await shoot(page, 'compstat-fr');

      // The pickers: an earlier as-of day and another baseline year, kept in the address, the table following.
      await page.locator('input[name=asOf]').fill('2026-06-30');
      await expect.poll(() => page.locator('.compstat').getAttribute('data-as-of')).toBe('2026-06-30');
      await page.locator('select[name=baselineYear]').selectOption('2024');
      await expect.poll(() => new URL(page.url()).search).toBe('?asOf=2026-06-30&baselineYear=2024');
      const earlier = await fetchJson<Compstat>(
        page,
        `/api/compstat?area=${casablanca}&asOf=2026-06-30&baselineYear=2024`,
      );
      await expect
        .poll(() => cell(page, 'total', 'yearToDate.current').getAttribute('data-value'))
        .toBe(String(earlier.total.yearToDate.incidents));
      await expect(page.locator('[data-testid=compstat-table] thead').textContent()).resolves.toContain(
        fr['compstat.column.versusBaseline'].replace('{{year}}', '2024'),
      );

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
