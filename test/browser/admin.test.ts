import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../../web/src/i18n/ar.json' with { type: 'json' };
import { html, openSession, shoot, signIn, startHarness, type Harness } from './harness.js';

/**
 * The accounts page in Chromium, in Arabic: the administrator lands on it, adds an account, sees it locked after
 * failed sign-ins and unlocks it; the roles table lists every role. Another role is not shown the page. The auditor
 * searches the audit trail.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('the accounts page in Chromium', () => {
  it('lets the administrator add an account, see its lock-out and lift it, in Arabic', async () => {
    const { context, page, outside, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'admin', '[data-testid=accounts]');
      expect(new URL(page.url()).pathname).toBe('/admin/users');
      expect(await html(page)).toEqual({ lang: 'ar', dir: 'rtl' });
      await expect(page.locator('h1').textContent()).resolves.toBe(ar['admin.title']);
      await expect(page.locator('[data-testid=roles] tbody tr').count()).resolves.toBe(8);

      const form = page.locator('[data-testid=add-account]');
      await form.locator('input').nth(0).fill('browser.analyst');
      await form.locator('input').nth(1).fill('محلل تجريبي');
      await form.locator('input[type=password]').fill('browser analyst password');
      await form.locator('select').selectOption('analyst');
      await form.locator('input').nth(3).fill('06');
      await form.locator('button[type=submit]').click();
      const row = page.locator('tr[data-username="browser.analyst"]');
      await row.waitFor();
      await expect(row.locator('[data-testid=account-state]').textContent()).resolves.toBe(ar['admin.active']);

      // Five wrong passwords lock the name.
      const statuses = await page.evaluate(async () => {
        const codes: number[] = [];
        for (let i = 0; i < 5; i++) {
          const response = await fetch('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: 'browser.analyst', password: `wrong ${i}` }),
          });
          codes.push(response.status);
        }
        return codes;
      });
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      await page.reload();
      await row.locator('.admin-locked').waitFor();
      await shoot(page, 'admin-ar');
      await row.getByRole('button', { name: ar['admin.unlock'] }).click();
      await expect.poll(() => row.locator('.admin-locked').count()).toBe(0);
      expect(outside).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the auditor search the audit trail by action and see their own sign-in', async () => {
    const { context, page, errors } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'auditor');
      await page.locator('nav a[href="/audit"]').click();
      await page.locator('[data-testid=audit-entries]').waitFor();
      await expect(page.locator('h1').textContent()).resolves.toBe(ar['audit.title']);
      await page.locator('[data-testid=audit-search] select').selectOption('auth.login');
      await page.locator('[data-testid=audit-search] button[type=submit]').click();
      await expect
        .poll(
          async () =>
            new Set(
              await page
                .locator('[data-testid=audit-entries] tbody tr')
                .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
            ),
        )
        .toEqual(new Set(['auth.login']));
      await expect(
        page.locator('[data-testid=audit-entries] tbody tr').first().locator('td').nth(1).textContent(),
      ).resolves.toBe('auditor');
      await shoot(page, 'audit-ar');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('does not show the accounts page to a wali', async () => {
    const { context, page } = await openSession(harness);
    try {
      await signIn(page, harness.origin, 'wali.casablanca');
      await expect(page.locator(`nav a[href="/admin/users"]`).count()).resolves.toBe(0);
      await page.goto(`${harness.origin}/admin/users`);
      await page.locator('[role=alert]').first().waitFor();
      await expect(page.locator('[data-testid=accounts]').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  it('signs a user out of every device at once', async () => {
    const first = await openSession(harness);
    const second = await openSession(harness);
    try {
      await signIn(first.page, harness.origin, 'wali.marrakech');
      await signIn(second.page, harness.origin, 'wali.marrakech');
      const me = (page: typeof first.page) => page.evaluate(async () => (await fetch('/api/auth/me')).status);
      await expect(me(second.page)).resolves.toBe(200);
      await first.page.locator('[data-testid=sign-out-everywhere]').click();
      await first.page.locator('input[name=username]').waitFor();
      await expect(me(second.page)).resolves.toBe(401);
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });
});
