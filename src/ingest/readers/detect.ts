/**
 * Sniffing a file's format, text encoding and CSV delimiter from its name and first bytes, for when the import was not
 * told them.
 */
import { extname } from 'node:path';
import chardet from 'chardet';
import type { SourceEncoding, SourceFormat } from './types.js';

const formatsByExtension: Record<string, SourceFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.tab': 'csv',
  '.txt': 'csv',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.geojson': 'geojson',
  '.json': 'geojson',
  '.kml': 'kml',
  '.shp': 'shapefile',
};

/** The format a file name implies (`.gz` looked through), or null when the name says nothing. */
export function formatFromName(path: string): SourceFormat | null {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  return formatsByExtension[extname(name)] ?? null;
}

const geojsonTypes: ReadonlySet<unknown> = new Set([
  'FeatureCollection',
  'Feature',
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/**
 * The format the first bytes show: a shapefile's file code, XML for KML, a GeoJSON object, lines of JSON objects,
 * else CSV. `text` is the decoded start of the file; `bytes` the raw one.
 */
export function formatFromContent(text: string, bytes: Uint8Array): SourceFormat {
  if (isShapefile(bytes)) return 'shapefile';
  const start = text.trimStart();
  if (start.startsWith('<')) return 'kml';
  if (!start.startsWith('{')) return 'csv';
  const firstLine = start.split('\n', 1)[0] ?? '';
  const object = parseObject(firstLine);
  if (object === null) {
    // A JSON document spread over several lines (pretty-printed GeoJSON) or a first line longer than the sample.
    return 'geojson';
  }
  const type = object.type;
  const rest = start.slice(firstLine.length).trim();
  if (geojsonTypes.has(type) && (type === 'FeatureCollection' || rest === '')) return 'geojson';
  return 'jsonl';
}

function parseObject(line: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A shapefile's main file starts with the file code 9994, big-endian (ESRI Shapefile Technical Description, 1998). */
function isShapefile(bytes: Uint8Array): boolean {
  return bytes.length >= 100 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x27 && bytes[3] === 0x0a;
}

/**
 * Why these bytes are not text the readers take, or null when they may be: a zip archive (a spreadsheet or a zipped
 * shapefile), UTF-16 (which Excel calls "Unicode text"), or anything holding NUL bytes.
 */
export function unreadableReason(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return 'is a zip archive (an Excel workbook or a zipped shapefile?): unzip it, or save the sheet as CSV';
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return 'is UTF-16 text, which is not read: save it as UTF-8 (Excel: "CSV UTF-8")';
  }
  if (bytes.subarray(0, 8192).includes(0)) return 'is binary, not text in a format that can be imported';
  return null;
}

/**
 * The encoding of a sample of text: UTF-8 when the sample is valid UTF-8 (plain ASCII included), else Windows-1256
 * when it reads as Arabic, else Latin-1. `complete` says whether the sample is the whole file, so that a character
 * cut at the sample's end does not count against UTF-8.
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): SourceEncoding {
  if (isUtf8(sample, complete)) return 'utf-8';
  if (arabicShare(sample) >= 0.5 || chardet.analyse(sample)[0]?.lang === 'ar') return 'windows-1256';
  return 'latin1';
}

function isUtf8(sample: Uint8Array, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Bytes that are Arabic letters in Windows-1256: ء…ض, ط…غ, ـ…ك, ل, م…و, ى, ي. */
function isArabicLetter(byte: number): boolean {
  return (
    (byte >= 0xc1 && byte <= 0xd6) ||
    (byte >= 0xd8 && byte <= 0xdf) ||
    byte === 0xe1 ||
    (byte >= 0xe3 && byte <= 0xe6) ||
    byte === 0xec ||
    byte === 0xed
  );
}

/**
 * The share of bytes ≥ 0x80 that are Windows-1256 Arabic letters next to another such byte. Arabic words are runs of
 * these; French in Latin-1 has its accented letters one at a time between ASCII ones, capitals (É, À: Arabic letters
 * in Windows-1256) included, so it scores near 0. chardet alone misses short Arabic samples.
 */
export function arabicShare(sample: Uint8Array): number {
  let high = 0;
  let arabic = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] ?? 0;
    if (byte < 0x80) continue;
    high++;
    if (!isArabicLetter(byte)) continue;
    if ((sample[i - 1] ?? 0) >= 0x80 || (sample[i + 1] ?? 0) >= 0x80) arabic++;
  }
  return high === 0 ? 0 : arabic / high;
}

export const delimiterCandidates = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV sample: among `,` `;` tab `|`, the one found (outside quotes) in the header and as many times
 * in most of the following lines, the more the better. A `;`-separated file with decimal commas (`6,2572`) has its
 * commas in the data lines only, so `;` wins. Comma when nothing is found.
 */
export function sniffDelimiter(sample: string, complete: boolean): string {
  const lines = firstLines(sample, complete, 50);
  let best: { delimiter: string; consistent: number; count: number } | null = null;
  for (const delimiter of delimiterCandidates) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const count = counts[0] ?? 0;
    if (count === 0) continue;
    const consistent = counts.filter((c) => c === count).length;
    if (best === null || consistent > best.consistent || (consistent === best.consistent && count > best.count)) {
      best = { delimiter, consistent, count };
    }
  }
  return best?.delimiter ?? ',';
}

/** Up to `max` non-empty records of a sample, split at line ends outside quotes; a record cut by the sample's end is left out. */
function firstLines(sample: string, complete: boolean, max: number): string[] {
  const lines: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < sample.length && lines.length < max; i++) {
    const char = sample[i];
    if (char === '"') quoted = !quoted;
    else if ((char === '\n' || char === '\r') && !quoted) {
      const line = sample.slice(start, i);
      if (line.trim() !== '') lines.push(line);
      start = i + 1;
    }
  }
  const last = sample.slice(start);
  if (complete && lines.length < max && last.trim() !== '') lines.push(last);
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}
