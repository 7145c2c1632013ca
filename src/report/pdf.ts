import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Chromium is: ISTIBAQ_CHROMIUM, else Debian's package. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.ISTIBAQ_CHROMIUM ?? '/usr/bin/chromium';
}

/** Printing needs Chromium and it is not there. */
export class ChromiumMissingError extends Error {}

/**
 * Prints an HTML document to PDF (A4) with headless Chromium, so Arabic is shaped by a real text engine. The page
 * waits for its fonts before printing. Nothing is fetched: the document must be self-contained.
 */
export async function htmlToPdf(html: string, executablePath = chromiumPath()): Promise<Buffer> {
  if (!existsSync(executablePath)) {
    throw new ChromiumMissingError(
      `printing to PDF needs Chromium at ${executablePath} (apt-get install chromium, or set ISTIBAQ_CHROMIUM)`,
    );
  }
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(async () => {
      await document.fonts.ready;
    });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}
