import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import fr from '../../web/src/i18n/fr.json' with { type: 'json' };
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The import page in Chromium: a native-format file with broken rows uploaded by the director-general and
 * followed to its summary, in Arabic then French; a long file followed live; a wali kept out.
 */

const broken = join(import.meta.dirname, '..', 'fixtures', 'native', 'broken.csv');

let harness: Harness;
let scratch: string;

beforeAll(async () => {
  harness = await startHarness();
  scratch = mkdtempSync(join(tmpdir(), 'istibaq-browser-import-'));
});

afterAll(async () => {
  await harness?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Opens the import page from the navigation, as a user would. */
async function openImports(page: Page, label: string): Promise<void> {
  await page.locator('.shell-nav').getByRole('link', { name: label }).click();
  await page.locator('.import-form select[name=preset]').waitFor();
  expect(new URL(page.url()).pathname).toBe('/imports');
}

/** Chooses a file and a preset and sends them; resolves with the job's id once the page follows it. */
async function upload(page: Page, file: string, preset: string, options: { dryRun?: boolean } = {}): Promise<number> {
  await page.locator('.import-form select[name=preset]').selectOption(preset);
  await page.locator('.import-form input[type=file]').setInputFiles(file);
  if (options.dryRun) await page.locator('.import-form input[name=dryRun]').check();
  await page.locator('.import-form button[type=submit]').click();
  await page.waitForURL(/\/imports\/\d+$/);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

const countOf = (page: Page, key: string) =>
  page.locator(`[data-testid=import-summary] [data-count=${key}] dd`).textContent();

describe('the import page in Chromium', () => {
  it('imports a file with broken rows for the director-general, lists what it rejected, and speaks French', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      await openImports(page, ar['nav.imports']);
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toBe(ar['import.title']);
      await expect(page.locator('[data-testid=recent-imports]').count()).resolves.toBe(0);

      // The native preset, described in Arabic; the file as a user picks it.
      await page.locator('.import-form select[name=preset]').selectOption('istibaq');
      await expect(page.locator('[data-testid=preset-description]').textContent()).resolves.toContain(
        ar['import.presetInfo.istibaq'],
      );
      const id = await upload(page, broken, 'istibaq');

      // broken.csv (test/fixtures/native/README.md): ten rows, five broken; the unknown category is kept as
      // "other" since the import is not strict.
      const job = page.locator(`[data-testid=import-job][data-job-id="${id}"]`);
      const done = page.locator(`[data-testid=import-job][data-job-id="${id}"][data-status=done]`);
      await done.waitFor();
      await expect(job.locator('h2').textContent()).resolves.toBe(ar['import.job.title.done']);
      await expect(countOf(page, 'rows')).resolves.toBe('10');
      await expect(countOf(page, 'inserted')).resolves.toBe('5');
      await expect(countOf(page, 'rejected')).resolves.toBe('5');
      await expect(countOf(page, 'duplicates')).resolves.toBe('0');

      const rejected = page.locator('[data-testid=rejected-rows]');
      await expect(
        rejected.locator('td[data-line]').evaluateAll((cells) => cells.map((c) => c.dataset.line)),
      ).resolves.toEqual(['3', '4', '5', '6', '11']);
      await expect(page.locator('.import-rejected h3').textContent()).resolves.toBe(
        ar['import.rejected.caption_few'].replace('{{value}}', '5'),
      );
      await expect(rejected.locator('th').allTextContents()).resolves.toEqual([
        ar['import.rejected.line'],
        ar['import.rejected.column'],
        ar['import.rejected.reason'],
      ]);
      // The reasons are the server's English, set left to right inside the Arabic page.
      const reasons = rejected.locator('td.reason');
      await expect(reasons.evaluateAll((cells) => cells.map((c) => c.getAttribute('dir')))).resolves.toEqual(
        Array(5).fill('ltr'),
      );
      await expect(reasons.nth(0).textContent()).resolves.toMatch(/30th of February/);
      await expect(reasons.nth(4).textContent()).resolves.toMatch(/no location and no area/);
      const unmapped = page.locator('[data-testid=unmapped-categories]');
      await expect(unmapped.locator('tbody tr').allTextContents()).resolves.toEqual(['arson1']);
      await expect(unmapped.locator('p').textContent()).resolves.toContain('جرائم أخرى');

      // The page reads right to left: the form on the right, the job on its left.
      const form = await page.locator('.import-form').boundingBox();
      const panel = await job.boundingBox();
      expect(form && panel && form.x > panel.x).toBe(true);

      // The recent imports list it, done.
      const row = page.locator(`[data-testid=recent-imports] tr[data-job-id="${id}"]`);
      await expect(row.locator('[data-status]').getAttribute('data-status')).resolves.toBe('done');
      await shoot(page, '06-import-ar');

      // French: left to right, every label translated, the server's reasons unchanged.
      await page.getByRole('button', { name: 'Français' }).click();
      await expect.poll(() => html(page)).toEqual({ lang: 'fr', dir: 'ltr' });
      await expect(page.locator('h1').textContent()).resolves.toBe(fr['import.title']);
      await expect(job.locator('h2').textContent()).resolves.toBe(fr['import.job.title.done']);
      await expect(page.locator('.import-rejected h3').textContent()).resolves.toBe(
        fr['import.rejected.caption_other'].replace('{{value}}', '5'),
      );
      await expect(rejected.locator('th').allTextContents()).resolves.toEqual([
        fr['import.rejected.line'],
        fr['import.rejected.column'],
        fr['import.rejected.reason'],
      ]);
      await expect(page.locator('[data-testid=import-summary] [data-count=inserted] dt').textContent()).resolves.toBe(
        fr['import.count.inserted'],
      );
      await expect(unmapped.locator('p').textContent()).resolves.toContain('Autres infractions');
      await expect(reasons.nth(0).textContent()).resolves.toMatch(/30th of February/);
      await shoot(page, '07-import-fr');

      // Closed, then opened again from the list; a reload keeps it (the address names the job).
      await job.getByRole('link', { name: fr['import.job.close'] }).click();
      await page.locator('.import-help').waitFor();
      await row.getByRole('link').click();
      await done.waitFor();
      await page.reload();
      await expect(countOf(page, 'rejected')).resolves.toBe('5');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('follows a long file live, with a progress bar and rows per second, until the trial run ends', async () => {
    // 200,000 incidents in Casablanca: long enough to be watched running for a few seconds.
    const file = join(scratch, 'casablanca.csv');
    const lines = ['id,category,occurred_at,lat,lon'];
    for (let i = 0; i < 200_000; i++) {
      const lat = (33.55 + (i % 997) * 0.00005).toFixed(5);
      const lon = (-7.65 + (i % 991) * 0.00005).toFixed(5);
      lines.push(`C-${i},theft,2026-10-${String(1 + (i % 28)).padStart(2, '0')}T21:00:00+01:00,${lat},${lon}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);

    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      await openImports(page, ar['nav.imports']);
      const id = await upload(page, file, 'istibaq', { dryRun: true });
      const job = page.locator(`[data-testid=import-job][data-job-id="${id}"]`);

      // Caught running, part of the file read and a rate known.
      const bar = job.locator('[role=progressbar]');
      const perSecond = ar['import.rate'].replace('{{value}}', '').trim();
      await expect
        .poll(
          async () => ({
            status: await job.getAttribute('data-status'),
            read: Number((await bar.getAttribute('aria-valuenow')) ?? 0) > 0,
            rate: (await job.locator('.progress-line').textContent())?.includes(perSecond) ?? false,
          }),
          { timeout: 30_000, interval: 100 },
        )
        .toEqual({ status: 'running', read: true, rate: true });
      await shoot(page, '08-import-running-ar');

      await page
        .locator(`[data-testid=import-job][data-job-id="${id}"][data-status=done]`)
        .waitFor({ timeout: 120_000 });
      await expect(job.locator('.status-dry-run').count()).resolves.toBe(1);
      await expect(countOf(page, 'rows')).resolves.toBe('200.000');
      await expect(countOf(page, 'rejected')).resolves.toBe('0');
      await expect(page.locator('.import-none-rejected').textContent()).resolves.toBe(ar['import.rejected.none']);

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows a wali no import link, and tells him in Arabic that importing is not his', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'wali.marrakech');
      await expect(page.locator('.shell-nav a[href="/imports"]').count()).resolves.toBe(0);

      await page.goto(`${harness.origin}/imports`);
      const alert = page.locator('[data-testid=import-forbidden]');
      await alert.waitFor();
      await expect(alert.locator('h1').textContent()).resolves.toBe(ar['import.forbiddenTitle']);
      await expect(alert.textContent()).resolves.toContain(ar['error.FORBIDDEN']);
      await expect(page.locator('.import-form').count()).resolves.toBe(0);
      await shoot(page, '09-import-forbidden-ar');

      // The server agrees: the page only says what it would answer.
      const answer = await page.request.get(`${harness.origin}/api/imports`);
      expect(answer.status()).toBe(403);
      expect(((await answer.json()) as { code: string }).code).toBe('FORBIDDEN');

      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
