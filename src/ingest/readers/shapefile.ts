/**
 * ESRI shapefiles, streamed with the shapefile package: the .shp gives each feature's geometry (polygons sorted into
 * outer rings and holes by winding), the .dbf beside it (same name; `.dbf`, `.DBF` or gzipped) its attributes. A
 * shapefile has no lines: a record's `line` is its 1-based record number in the file.
 *
 * The attributes' encoding is the option's, else the one the .cpg file names, else sniffed from the .dbf's records.
 * Attribute values: text trimmed (blank → null), numbers as numbers, logicals as booleans, dates as YYYY-MM-DD.
 *
 * Odd input: a null shape comes with geometry null; a missing .dbf, or a .shp the package cannot parse (a shape type
 * it does not know), stops the file.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { open as openShapefile } from 'shapefile';
import { detectEncoding } from './detect.js';
import { checkGeometry } from './geometry.js';
import { type OpenedBytes, SourceReadError, openBytes } from './open-file.js';
import type { FieldValue, ReaderItem, SourceEncoding } from './types.js';

export interface ShapefileSource {
  encoding: SourceEncoding;
  totalBytes: number;
  bytesRead: () => number;
  items: AsyncGenerator<ReaderItem>;
  close: () => void;
}

/** Opens a shapefile whose .shp is already open as `shp`, finding its .dbf (and .cpg) beside it. */
export async function openShapefileSource(shp: OpenedBytes, encoding?: SourceEncoding): Promise<ShapefileSource> {
  const base = shp.path.replace(/\.gz$/i, '').replace(/\.shp$/i, '');
  const dbfPath = [`${base}.dbf`, `${base}.DBF`, `${base}.dbf.gz`].find((candidate) => existsSync(candidate));
  if (!dbfPath) throw new SourceReadError(shp.path, `has no ${base}.dbf beside it (the attributes are in it)`);
  const dbf = await openBytes(dbfPath, 64 * 1024);
  try {
    const chosen = encoding ?? (await cpgEncoding(base)) ?? detectEncoding(dbfRecords(dbf.head), dbf.complete);
    const source = await openShapefile(
      Readable.from(shp.content, { objectMode: false }),
      Readable.from(dbf.content, { objectMode: false }),
      { encoding: decoderLabel(chosen) },
    ).catch((error: unknown) => {
      throw new SourceReadError(shp.path, `is not a shapefile that can be read (${(error as Error).message})`, {
        cause: error,
      });
    });
    return {
      encoding: chosen,
      totalBytes: shp.totalBytes + dbf.totalBytes,
      bytesRead: () => shp.bytesRead() + dbf.bytesRead(),
      items: features(shp.path, source),
      close: () => dbf.close(),
    };
  } catch (error) {
    dbf.close();
    throw error;
  }
}

async function* features(path: string, source: Awaited<ReturnType<typeof openShapefile>>): AsyncGenerator<ReaderItem> {
  for (let line = 1; ; line++) {
    let result;
    try {
      result = await source.read();
    } catch (error) {
      throw new SourceReadError(path, `breaks off at record ${line} (${(error as Error).message})`, { cause: error });
    }
    if (result.done) return;
    const { properties, geometry } = result.value;
    const fields: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(properties ?? {})) fields[name] = attributeValue(value);
    if (geometry === null) {
      yield { kind: 'record', record: { line, fields, geometry: null } };
      continue;
    }
    const checked = checkGeometry(geometry);
    yield checked.ok
      ? { kind: 'record', record: { line, fields, geometry: checked.geometry } }
      : { kind: 'error', line, column: 'geometry', reason: `the geometry ${checked.reason}` };
  }
}

function attributeValue(value: unknown): FieldValue {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // The package builds dates at local midnight; local getters give the day back whatever the time zone.
    const month = String(value.getMonth() + 1).padStart(2, '0');
    const day = String(value.getDate()).padStart(2, '0');
    return `${value.getFullYear()}-${month}-${day}`;
  }
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  return JSON.stringify(value) ?? null;
}

/** The encoding a .cpg file names (ArcGIS writes "UTF-8", "1252", "ANSI 1256"…), or null when none is there. */
async function cpgEncoding(base: string): Promise<SourceEncoding | null> {
  const path = [`${base}.cpg`, `${base}.CPG`].find((candidate) => existsSync(candidate));
  if (!path) return null;
  const name = (await readFile(path, 'latin1')).trim().toLowerCase();
  if (/utf-?8/.test(name)) return 'utf-8';
  if (/1256/.test(name)) return 'windows-1256';
  if (/1252|8859-?1\b|latin/.test(name)) return 'latin1';
  return null;
}

/** The records part of a .dbf sample, past the header whose length is at bytes 8–9 (little-endian). */
function dbfRecords(head: Buffer): Buffer {
  const headerLength = head.length >= 10 ? head.readUInt16LE(8) : head.length;
  return head.subarray(Math.min(headerLength, head.length));
}

/** The WHATWG label the package's TextDecoder takes; Latin-1 is Windows-1252 there too. */
function decoderLabel(encoding: SourceEncoding): string {
  return encoding === 'latin1' ? 'windows-1252' : encoding;
}
