import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanList, SubmissionWeek } from '../../src/contract/plans.js';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { formatters } from '../../web/src/i18n/format.js';
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The plans page in Chromium over the small demo: the wali of Casablanca-Settat finds the demo's emergency plan
 * with its objectives' progress as the API gives it, the late action flagged, marks it done, saves the region's
 * submission for the week, and reads it all again in French.
 */

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

describe('the plans page in Chromium', () => {
  it('shows the demo plan’s progress in Arabic, marks a late action done, saves the week’s submission, and speaks French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'wali.casablanca');
      await page.locator('.shell-nav').getByRole('link', { name: ar['plans.nav'] }).click();
      await page.locator('.plans[data-area="06"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/plans/06');
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });

      const list = await fetchJson<PlanList>(page, '/api/plans?area=06');
      const demo = list.items.find((p) => p.synthetic);
      expect(demo).toBeDefined();
      if (!demo) return;
      expect(list.asOf).toBe('2026-11-20');
      const card = page.locator(`.plan[data-plan="${demo.id}"]`);
      await expect(card.locator('h2').textContent()).resolves.toBe(demo.title);
      await expect(card.locator('.plan-synthetic').textContent()).resolves.toBe(ar['plans.synthetic']);

      // Each objective shows the API's status and figures, formatted in Arabic, with its bar.
      const format = formatters('ar');
      const objectives = card.locator('.objective');
      await expect(objectives.count()).resolves.toBe(2);
      for (const [i, objective] of demo.objectives.entries()) {
        const progress = objective.progress;
        expect(progress?.status).toMatch(/^(on_track|off_track)$/);
        if (!progress || progress.currentValue === null || progress.baselineValue === null) continue;
        const item = objectives.nth(i);
        await expect(item.getAttribute('data-status')).resolves.toBe(progress.status);
        await expect(item.locator('.objective-status').textContent()).resolves.toBe(
          ar[`plans.objectiveStatus.${progress.status}` as keyof typeof ar],
        );
        const value = objective.measure === 'rate' ? format.significant : format.tenths;
        await expect(item.locator('dd[data-value=current]').textContent()).resolves.toBe(value(progress.currentValue));
        await expect(item.locator('dd[data-value=baseline]').textContent()).resolves.toBe(
          value(progress.baselineValue),
        );
        await expect(item.locator('.objective-bar .mark').count()).resolves.toBe(4);
      }

      // The actions: one late (due ten days before the demo's last day), flagged.
      const late = demo.actions.filter((a) => a.late);
      expect(late.map((a) => a.daysLate)).toEqual([10]);
      const lateRow = card.locator(`tr[data-action="${late[0]?.id ?? 0}"]`);
      await expect(lateRow.getAttribute('data-late')).resolves.toBe('true');
      await expect(lateRow.locator('.action-late-badge').textContent()).resolves.toBe(ar['plans.action.late']);
      await expect(card.locator('tr[data-late=true]').count()).resolves.toBe(1);

      // The region's submission for the week: the demo's text, in a form the wali may change.
      const week = await fetchJson<SubmissionWeek>(page, '/api/submissions?area=06');
      expect(week).toMatchObject({ week: '2026-W47', open: true, canWrite: true });
      const efforts = page.locator('[data-testid=submission] textarea[name=efforts]');
      await expect(efforts.inputValue()).resolves.toBe(week.submission?.efforts ?? '');
      await shoot(page, 'plans-06-ar');

      // Marked done: done today (the demo's last day), late no more.
      await lateRow.getByRole('button', { name: ar['plans.action.markDone'] }).click();
      await expect.poll(() => lateRow.getAttribute('data-late')).toBe('false');
      await expect(lateRow.locator('.action-done').textContent()).resolves.toBe(
        ar['plans.action.done'].replace('{{day}}', format.day('2026-11-20')),
      );
      await expect(card.locator('tr[data-late=true]').count()).resolves.toBe(0);

      await efforts.fill('دوريات إضافية في أنفا');
      await page.locator('[data-testid=submission] button[type=submit]').click();
      await page.locator('[data-testid=submission] [role=status]').waitFor();
      const saved = await fetchJson<SubmissionWeek>(page, '/api/submissions?area=06');
      expect(saved.submission).toMatchObject({
        efforts: 'دوريات إضافية في أنفا',
        submittedBy: 'والي أمن الدار البيضاء-سطات',
      });

      // French: left to right, the same plan, the action still done after a reload.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await page.reload();
      await page.locator('.plans[data-area="06"]').waitFor();
      await expect(page.locator('.plans-header h1').textContent()).resolves.toContain(fr['plans.title']);
      await expect(card.locator('tr[data-late=true]').count()).resolves.toBe(0);
      await expect(card.locator('.objective').first().locator('.objective-status').textContent()).resolves.toBe(
        fr[`plans.objectiveStatus.${demo.objectives[0]?.progress?.status ?? 'on_track'}` as keyof typeof fr],
      );
      await shoot(page, 'plans-06-fr');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
