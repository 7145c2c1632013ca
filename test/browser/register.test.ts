import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/store/audit.js';
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The register page in Chromium over the small demo: a judicial police officer sees nothing until stating a
 * purpose, which the server records with the read; then the demo's live entries, badged synthetic, and one entry's
 * linked cases. The link to the page is in the navigation of the judicial police only.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const reads = () => listAudit(harness.db.db, { action: 'register.read', limit: 100 });
const purpose = 'Procédure 2026/118 : vérification avant audition';

describe('the register page in Chromium', () => {
  it('asks for a purpose before listing anything, then lists the live demo entries and opens one', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'opj.casablanca');
      await page.locator('nav a[href="/register"]').click();
      const form = page.locator('[data-testid=register-purpose-form]');
      await form.waitFor();
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      expect(await page.locator('[data-testid=register-list]').count()).toBe(0);
      await expect(form.locator('button[type=submit]').isDisabled()).resolves.toBe(true);
      expect(await reads()).toHaveLength(0);

      await form.locator('textarea[name=purpose]').fill(purpose);
      await form.locator('button[type=submit]').click();
      const rows = page.locator('[data-testid=register-list] tbody tr');
      await expect.poll(() => rows.count()).toBe(5);
      expect(await rows.locator('.register-synthetic').count()).toBe(5);
      const [read] = await reads();
      expect(read).toMatchObject({ actorName: 'opj.casablanca', details: { purpose, count: 5 } });

      await rows.first().locator('button').click();
      const entry = page.locator('[data-testid=register-entry]');
      await entry.locator('tbody tr').first().waitFor();
      expect(await entry.locator('h2 bdi').textContent()).toBe(
        await rows.first().locator('th bdi').first().textContent(),
      );
      expect((await reads())[0]).toMatchObject({ targetKind: 'register_entry', details: { purpose, count: 1 } });
      await shoot(page, 'register-ar');
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows no link to the register to the director-general', async () => {
    const { context, page } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'dg');
      await page.locator('nav a').first().waitFor();
      expect(await page.locator('nav a[href="/register"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
