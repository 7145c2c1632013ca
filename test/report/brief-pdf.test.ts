/**
 * `istibaq report` prints the meeting brief to PDF with Debian's Chromium, and the PDF is read back with Debian's
 * poppler-utils: the Arabic area name is there as text (pdftotext), every font in it is embedded and is one of the
 * brief's own (pdffonts), and Chromium drew every character of the document with those fonts, none with a fallback
 * (the DevTools protocol's per-node platform fonts): no missing glyph.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli-run.js';
import { seededDb, type TestDb } from '../db.js';

/** Bidirectional controls pdftotext puts around runs of a different direction. */
const bidiControls = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const text = (pdf: string) => execFileSync('pdftotext', [pdf, '-']).toString('utf8').replace(bidiControls, '');

/** The fonts pdffonts lists: name, whether embedded. */
function pdfFonts(pdf: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [pdf]).toString('utf8').trim().split('\n').slice(2);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type… encoding emb sub uni object-id gen: "emb" is the fifth column from the end.
    return { name: columns[0] ?? '', embedded: columns[columns.length - 5] === 'yes' };
  });
}

describe('istibaq report', () => {
  let t: TestDb;
  let dir: string;
  const runs: Record<string, Awaited<ReturnType<typeof runCli>>> = {};
  beforeAll(async () => {
    t = await seededDb('pglite');
    await t.db.destroy(); // the command opens the folder itself
    dir = await mkdtemp(join(tmpdir(), 'istibaq-brief-'));
    for (const lang of ['ar', 'fr']) {
      const files = ['--pdf', join(dir, `brief-${lang}.pdf`), '--html', join(dir, `brief-${lang}.html`)];
      runs[lang] = await istibaq(['--area', '06', '--week', '2026-W47', '--lang', lang, ...files]);
    }
  }, 400_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t?.drop().catch(() => undefined);
  });
  const istibaq = (args: string[]) => runCli(['report', ...args], { ISTIBAQ_DATA: t.url });

  it(
    'writes an Arabic PDF holding the area name as text, in embedded Noto fonts only',
    { timeout: 180_000 },
    async () => {
      const pdf = join(dir, 'brief-ar.pdf');
      const run = await istibaq(['--area', '06', '--week', '2026-W47', '--lang', 'ar', '--pdf', pdf]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`written: ${pdf}`);
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      const content = text(pdf);
      expect(content).toContain('الدار البيضاء-سطات');
      expect(content).toContain('موجز اجتماع التتبع');
      expect(content).toContain('معطيات اصطناعية');
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) {
        expect(font.embedded, font.name).toBe(true);
        expect(font.name, 'a font that is not the brief’s own is a fallback').toMatch(
          /^[A-Z]{6}\+Noto(Sans|NaskhArabic)-/,
        );
      }
      expect(fonts.some((f) => f.name.includes('NotoNaskhArabic'))).toBe(true);
    },
  );

  it('writes the French brief too', { timeout: 180_000 }, async () => {
    const pdf = join(dir, 'brief-fr.pdf');
    expect(runs.fr?.code).toBe(0);
    const content = text(pdf);
    expect(content).toContain('Casablanca-Settat');
    expect(content).toContain('Note de réunion CompStat');
    expect(content).toContain('Tableau CompStat');
  });

  it(
    'draws every character of the document with the embedded fonts, none with a fallback',
    { timeout: 180_000 },
    async () => {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
      try {
        for (const lang of ['ar', 'fr']) {
          const file = join(dir, `brief-${lang}.html`);
          const run = await istibaq(['--area', '06', '--week', '2026-W47', '--lang', lang, '--html', file]);
          expect(run.code).toBe(0);
          const page = await browser.newPage();
          await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
          await page.evaluate(async () => {
            await document.fonts.ready;
          });
          const cdp = await page.context().newCDPSession(page);
          await cdp.send('DOM.enable');
          await cdp.send('CSS.enable');
          const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
          const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'body *' });
          const fallbacks = new Set<string>();
          let drawn = 0;
          for (const nodeId of nodeIds) {
            const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
            for (const font of fonts) {
              drawn += font.glyphCount;
              if (!font.isCustomFont) fallbacks.add(font.familyName);
            }
          }
          expect(drawn, lang).toBeGreaterThan(1000);
          expect([...fallbacks], lang).toEqual([]);
          await page.close();
        }
      } finally {
        await browser.close();
      }
    },
  );

  it(
    'refuses a missing area, an unknown language and a week that is no week, with exit code 2',
    { timeout: 120_000 },
    async () => {
      const noArea = await istibaq(['--week', '2026-W47']);
      expect(noArea.code).toBe(2);
      expect(noArea.stderr).toContain('--area');
      const lang = await istibaq(['--area', '06', '--lang', 'de']);
      expect(lang.code).toBe(2);
      expect(lang.stderr).toContain('--lang');
      const week = await istibaq(['--area', '06', '--week', '2026-W60']);
      expect(week.code).toBe(2);
      expect(week.stderr).toContain('--week');
    },
  );
});
