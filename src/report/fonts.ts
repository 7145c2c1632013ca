import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts the brief embeds: Noto Naskh Arabic for Arabic script (the book hand of official documents) and Noto
 * Sans for Latin, regular and bold, from the @fontsource packages (each package's own CSS gives a subset's file
 * and unicode range). Embedded as data URLs, so the document needs nothing from outside and every reader,
 * Chromium's PDF included, shapes Arabic with the same font.
 *
 * Where Debian's fonts-noto-core is installed, its Noto Naskh Arabic files are used for Arabic instead (over the
 * same unicode range): both shape the same, but text copied or extracted from a PDF printed with the packaged web
 * font comes out with spaces inside words (pdftotext gives "البي ض اء" for "البيضاء"), and from Debian's it does not.
 */
const wanted = [
  { pkg: 'noto-naskh-arabic', subsets: ['arabic'] },
  { pkg: 'noto-sans', subsets: ['latin', 'latin-ext'] },
] as const;
const weights = [400, 700] as const;
const debianNaskh: Record<(typeof weights)[number], string> = {
  400: '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf',
  700: '/usr/share/fonts/truetype/noto/NotoNaskhArabic-Bold.ttf',
};

export interface FontFace {
  family: string;
  weight: number;
  /** The unicode-range value, as the package declares it. */
  range: string;
  file: string;
}

/** The font faces the brief uses. */
export function briefFonts(): FontFace[] {
  const require = createRequire(import.meta.url);
  const useDebian = weights.every((w) => existsSync(debianNaskh[w]));
  const faces: FontFace[] = [];
  for (const { pkg, subsets } of wanted) {
    for (const weight of weights) {
      const cssPath = require.resolve(`@fontsource/${pkg}/${weight}.css`);
      const css = readFileSync(cssPath, 'utf8');
      for (const block of css.split('@font-face').slice(1)) {
        const family = /font-family:\s*'([^']+)'/.exec(block)?.[1];
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
        const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
        if (family === undefined || file === undefined || range === undefined) continue;
        if (!subsets.some((s) => file === `${pkg}-${s}-${weight}-normal.woff2`)) continue;
        const arabic = pkg === 'noto-naskh-arabic' && useDebian;
        faces.push({
          family,
          weight,
          range: range.trim(),
          file: arabic ? debianNaskh[weight] : join(dirname(cssPath), 'files', file),
        });
      }
    }
  }
  return faces;
}

let cached: string | null = null;

/** The @font-face rules of the brief's fonts with the files inlined, read once. */
export function briefFontFaces(): string {
  cached ??= briefFonts()
    .map((face) => {
      const format = face.file.endsWith('.ttf') ? ['font/ttf', 'truetype'] : ['font/woff2', 'woff2'];
      return (
        `@font-face{font-family:'${face.family}';font-style:normal;font-weight:${face.weight};` +
        `src:url(data:${format[0]};base64,${readFileSync(face.file).toString('base64')}) format('${format[1]}');` +
        `unicode-range:${face.range};}`
      );
    })
    .join('\n');
  return cached;
}
