import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Value } from 'typebox/value';
import { Mapping, type ImportSummary, type RowError } from '../../contract/import.js';
import type { AreaRecord } from '../../domain/area.js';
import type { NewCall } from '../../domain/call.js';
import type { NewIncident } from '../../domain/incident.js';
import { AreaDirectory, type DirectoryArea } from '../../geo/area-directory.js';
import { findAreaByCode, insertAreas, isWithin, listAreaShapes } from '../../store/areas.js';
import type { Db } from '../../store/db.js';
import { countNewRows, upsertBatch, type ImportKind, type ImportRow } from '../../store/imports.js';
import type { Place } from '../../store/records.js';
import type { Scope } from '../../store/scope.js';
import { readAreaFile } from '../import-areas.js';
import { h3CellsOf } from '../locate.js';
import { openSource, SourceReadError } from '../readers/index.js';
import type { OpenOptions, SourceRecord } from '../readers/types.js';
import { normalize, type Normalized } from './normalize.js';
import { presetNamed, type Preset } from './presets.js';

/** The import cannot start: a bad preset, mapping or option. */
export class ImportSetupError extends Error {}

export { SourceReadError };

export interface ImportOptions extends OpenOptions {
  preset?: string;
  mapping?: unknown;
  kind?: ImportKind;
  source?: string;
  dryRun?: boolean;
  update?: boolean;
  strict?: boolean;
  /** Rows outside this scope are rejected (imports made through the API by a scoped user). */
  scope?: Scope;
  batchSize?: number;
  /** The name reported for the file (an upload's original name); default: the path's base name. */
  fileName?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Every rejected row, as it is found (the summary keeps only the first 10,000). */
  onError?: (error: RowError) => void;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
  inserted: number;
  duplicates: number;
  updated: number;
  rejected: number;
}

const keptErrors = 10_000;

/** The mapping an import uses: a preset's, or a mapping document checked against the schema. */
export function resolveMapping(options: Pick<ImportOptions, 'preset' | 'mapping' | 'kind'>): {
  mapping: Mapping;
  preset: Preset | null;
} {
  if (options.preset !== undefined && options.mapping !== undefined) {
    throw new ImportSetupError('give a preset or a mapping, not both');
  }
  let mapping: Mapping;
  let preset: Preset | null = null;
  if (options.preset !== undefined) {
    preset = presetNamed(options.preset) ?? null;
    if (!preset) throw new ImportSetupError(`no preset named ${options.preset}`);
    mapping = preset.mapping;
  } else if (options.mapping !== undefined) {
    if (!Value.Check(Mapping, options.mapping)) {
      const problems = [...Value.Errors(Mapping, options.mapping)]
        .slice(0, 8)
        .map((e) => `${e.instancePath || '(mapping)'}: ${e.message}`);
      throw new ImportSetupError(`the mapping does not follow the schema:\n  ${problems.join('\n  ')}`);
    }
    mapping = options.mapping;
  } else {
    throw new ImportSetupError('give a preset (--preset NAME) or a mapping (--mapping FILE)');
  }
  if (options.kind !== undefined && options.kind !== mapping.kind) {
    throw new ImportSetupError(`--kind ${options.kind} does not match the mapping, which reads ${mapping.kind}`);
  }
  return { mapping, preset };
}

/**
 * The areas a preset brings: its root (created on first use) and the boundaries found beside the data file.
 * In a dry run they are only read, and the directory gets them with provisional ids.
 */
async function presetAreas(
  db: Db,
  preset: Preset | null,
  dataPath: string,
  dryRun: boolean,
): Promise<{ created: AreaRecord[]; notes: string[] }> {
  const notes: string[] = [];
  if (!preset?.root) return { created: [], notes };
  const records: AreaRecord[] = [];
  const root = preset.root;
  if (!(await findAreaByCode(db, root.code))) {
    records.push({
      code: root.code,
      level: root.level,
      kind: 'imported',
      parentCode: null,
      nameAr: root.nameAr,
      nameFr: root.nameFr,
      nameEn: root.nameEn,
      population: root.population,
      isoCode: null,
      synthetic: false,
      boundarySource: 'none',
      centroid: null,
      geometry: null,
    });
  }
  const boundaries = preset.boundaries;
  if (boundaries) {
    const haveChildren = (await listAreaShapes(db)).some((a) => a.code.startsWith(boundaries.prefix));
    const file = join(dirname(dataPath), boundaries.file);
    if (!haveChildren && existsSync(file)) {
      const read = await readAreaFile(file, {
        level: boundaries.level,
        parentCode: root.code,
        codeField: boundaries.codeField,
        prefix: boundaries.prefix,
        pad: boundaries.pad,
        nameField: boundaries.nameField,
      });
      records.push(...read.areas);
      notes.push(`boundaries: ${read.areas.length} areas from ${boundaries.file}`);
    } else if (!haveChildren) {
      notes.push(`boundaries: ${boundaries.file} not found beside the data file; records are assigned to ${root.code}`);
    }
  }
  if (!dryRun && records.length > 0) await insertAreas(db, records, root.timeZone);
  return { created: records, notes };
}

/** A directory of the stored areas plus, in a dry run, the ones the import would create (negative ids). */
async function directoryFor(db: Db, pending: readonly AreaRecord[]): Promise<AreaDirectory> {
  const stored = await listAreaShapes(db);
  const ids = new Map(stored.map((a) => [a.code, a.id]));
  const extra: DirectoryArea[] = [];
  pending.forEach((record, i) => {
    if (ids.has(record.code)) return;
    ids.set(record.code, -(i + 1));
  });
  for (const record of pending) {
    const id = ids.get(record.code) as number;
    if (id > 0) continue;
    extra.push({
      id,
      code: record.code,
      level: record.level,
      parentId: record.parentCode === null ? null : (ids.get(record.parentCode) ?? null),
      population: record.population,
      geometry: record.geometry,
    });
  }
  return new AreaDirectory([...stored, ...extra]);
}

/**
 * Why a scoped user may not import through a preset that brings its own areas (Chicago's, say: outside any
 * Moroccan scope, and created on first use), or null when the preset is theirs to use.
 */
export async function presetOutsideScope(
  db: Db,
  preset: Preset | null,
  scope: Scope | undefined,
): Promise<string | null> {
  const scopeArea = scope?.area ?? null;
  if (scopeArea === null || !preset?.root) return null;
  const root = await findAreaByCode(db, preset.root.code);
  if (root && (await isWithin(db, root.id, scopeArea.id))) return null;
  return `the preset ${preset.name} imports into ${preset.root.code}, outside your scope`;
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Reads a file through a mapping and writes its records idempotently; see docs/import.md. */
export async function importFile(db: Db, path: string, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { mapping, preset } = resolveMapping(options);
  const kind: ImportKind = mapping.kind;
  const source = options.source ?? mapping.source ?? basename(path).replace(/\.[^.]*(\.gz)?$/, '');
  const dryRun = options.dryRun ?? false;
  const update = options.update ?? false;
  const batchSize = options.batchSize ?? 10_000;

  // Opening the file first: a file that cannot be read fails before anything is created.
  const opened = await openSource(path, {
    ...(options.format ? { format: options.format } : {}),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
  }).catch((error: unknown) => {
    // A bad reading option is the command's fault, not the file's.
    throw error instanceof RangeError ? new ImportSetupError(error.message) : error;
  });
  const summary: ImportSummary = {
    file: options.fileName ?? basename(path),
    kind,
    preset: preset?.name ?? null,
    source,
    format: opened.format,
    encoding: opened.encoding,
    dryRun,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    updated: 0,
    rejected: 0,
    errors: [],
    errorsTruncated: false,
    unmappedCategories: {},
    seconds: 0,
    rowsPerSecond: 0,
  };
  let writing: Promise<void> = Promise.resolve();
  try {
    const scopeArea = options.scope?.area ?? null;
    const outside = await presetOutsideScope(db, preset, options.scope);
    if (outside !== null) throw new ImportSetupError(outside);
    const areas = await presetAreas(db, preset, path, dryRun);
    const directory = await directoryFor(db, dryRun ? areas.created : []);
    const withinScope = new Map<number, boolean>();
    const inScope = async (areaId: number) => {
      if (scopeArea === null) return true;
      let ok = withinScope.get(areaId);
      if (ok === undefined) {
        ok = areaId > 0 && (await isWithin(db, areaId, scopeArea.id));
        withinScope.set(areaId, ok);
      }
      return ok;
    };
    const reject = (error: RowError) => {
      summary.rejected++;
      if (summary.errors.length < keptErrors) summary.errors.push(error);
      else summary.errorsTruncated = true;
      options.onError?.(error);
    };
    const defaultAreaId = mapping.defaultArea === undefined ? undefined : directory.byCode(mapping.defaultArea)?.id;
    if (mapping.defaultArea !== undefined && defaultAreaId === undefined) {
      throw new ImportSetupError(`the mapping's default area ${mapping.defaultArea} does not exist`);
    }

    /** Where a record goes: its point's deepest boundary, else the area it names, else the default area. */
    const placeOf = (record: SourceRecord, value: Normalized<NewIncident | NewCall>): Place | RowError => {
      const { lat, lon } = value.record;
      const cells = h3CellsOf(lat, lon);
      if (lat !== null && lon !== null) {
        const found = directory.locate(lon, lat);
        if (found) return { ...found, ...cells };
      }
      if (value.areaCode !== null) {
        const named = directory.byCode(value.areaCode);
        if (named) return { ...directory.assignmentFor(named.id), ...cells };
        if (lat === null) return { line: record.line, reason: `area: no area with code ${value.areaCode}` };
      }
      if (defaultAreaId !== undefined) return { ...directory.assignmentFor(defaultAreaId), ...cells };
      return { line: record.line, reason: `location: the point (${lon}, ${lat}) falls in no known area` };
    };

    // Values the mapping sets for every row (a file of burglaries, another of robberies) are part of what makes
    // a row itself: identical raw rows in two such files are two records.
    const constants = JSON.stringify(
      Object.entries(mapping).flatMap(([field, spec]) =>
        typeof spec === 'object' && spec !== null && 'value' in spec
          ? [[field, (spec as { value: unknown }).value]]
          : [],
      ),
    );
    const occurrences = new Map<number, number>();
    let batch: ImportRow<NewIncident | NewCall>[] = [];
    const report = () =>
      options.onProgress?.({
        bytesRead: opened.bytesRead(),
        totalBytes: opened.totalBytes,
        rows: summary.rows,
        inserted: summary.inserted,
        duplicates: summary.duplicates,
        updated: summary.updated,
        rejected: summary.rejected,
      });
    // One batch is written while the next is read: on PostgreSQL the two overlap. A batch's failure surfaces at
    // the next flush or at the end, and nothing after it is written.
    const write = async (rows: typeof batch) => {
      if (dryRun) {
        // What a real run would find already stored counts as duplicates, as it would.
        const counts = await countNewRows(db, kind, rows);
        summary.inserted += counts.inserted;
        summary.duplicates += counts.duplicates;
      } else {
        const counts = await upsertBatch(db, kind, rows as never, { update });
        summary.inserted += counts.inserted;
        summary.updated += counts.updated;
        summary.duplicates += counts.duplicates;
      }
      report();
    };
    const flush = async () => {
      await writing;
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      writing = write(rows);
      // Kept from being reported as unhandled while it runs unawaited; awaited (and thrown) at the next flush.
      writing.catch(() => undefined);
    };

    for await (const item of opened.items) {
      summary.rows++;
      if (item.kind === 'error') {
        reject({ line: item.line, ...(item.column ? { column: item.column } : {}), reason: item.reason });
        continue;
      }
      const record = item.record;
      const result = normalize(record, mapping, { source, strict: options.strict ?? false });
      if (!result.ok) {
        // One reason per row: the first problem found, the others folded into it.
        const [first, ...rest] = result.errors;
        if (first) {
          reject(
            rest.length === 0
              ? first
              : { ...first, reason: `${first.reason} (and ${rest.map((e) => e.reason).join('; ')})` },
          );
        }
        continue;
      }
      const value = result.value as Normalized<NewIncident | NewCall>;
      const placed = placeOf(record, value);
      if ('reason' in placed) {
        reject(placed);
        continue;
      }
      if (!(await inScope(placed.areaId))) {
        reject({ line: record.line, reason: 'area: outside your scope' });
        continue;
      }
      if (value.unmappedCategory !== null) {
        summary.unmappedCategories[value.unmappedCategory] =
          (summary.unmappedCategories[value.unmappedCategory] ?? 0) + 1;
      }
      // The natural key: the source's id, else the content with its occurrence (identical rows stay distinct).
      let externalId: string;
      const idColumn = mapping.externalId?.column;
      const ownId = idColumn === undefined ? '' : String(record.fields[idColumn] ?? '').trim();
      if (ownId !== '') externalId = ownId;
      else {
        const content = sha1(
          constants + JSON.stringify(Object.entries(record.fields)) + JSON.stringify(record.geometry),
        ).slice(0, 24);
        // The occurrence count is kept per 52 bits of the hash: a number key costs far less memory than a string.
        const slot = parseInt(content.slice(0, 13), 16);
        const seen = (occurrences.get(slot) ?? 0) + 1;
        occurrences.set(slot, seen);
        externalId = `h:${content}:${seen}`;
      }
      const normalised = { ...value.record, externalId };
      batch.push({
        record: normalised,
        place: placed,
        externalId,
        rowHash: sha1(JSON.stringify(normalised) + value.precision + placed.areaId),
        precision: value.precision,
      });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await writing;
  } finally {
    // A batch still being written when reading failed ends before the import does.
    await writing.catch(() => undefined);
    await opened.close();
  }
  summary.seconds = Math.round((performance.now() - started) / 10) / 100;
  summary.rowsPerSecond = Math.round(summary.rows / Math.max(summary.seconds, 0.001));
  return summary;
}
