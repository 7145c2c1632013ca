import type { RowError } from '../contract/import.js';
import type { AreaGeometry, AreaLevel, AreaRecord, PolygonCoordinates, Position } from '../domain/area.js';
import { centroidOf, geometryOf } from '../geo/geometry.js';
import { findAreaByCode, insertAreas } from '../store/areas.js';
import type { Db } from '../store/db.js';
import { openSource } from './readers/index.js';
import type { FieldValue, SourceGeometry } from './readers/types.js';

/**
 * Boundaries from a GeoJSON, KML or shapefile, as areas under a parent: `istibaq areas import`, and the presets
 * that come with boundaries (Chicago's police districts). Features with the same code are one area (Chicago's
 * district 31 is drawn as three polygons).
 */
export interface AreaFileOptions {
  level: AreaLevel;
  /** The parent area's code; null for a new root. */
  parentCode: string | null;
  codeField: string;
  /** Prepended to every code ("chicago-"), after padding numeric values to `pad` digits. */
  prefix?: string;
  pad?: number;
  nameField: string;
  nameArField?: string;
  nameEnField?: string;
  populationField?: string;
}

function text(value: FieldValue | undefined): string {
  return value === null || value === undefined ? '' : String(value).trim();
}

/** The polygons of a geometry (points and lines are not boundaries), without altitudes. */
function polygonsIn(geometry: SourceGeometry | null): PolygonCoordinates[] {
  if (!geometry) return [];
  const ring = (coordinates: number[][]): Position[] => coordinates.map((c) => [c[0] as number, c[1] as number]);
  switch (geometry.type) {
    case 'Polygon':
      return [geometry.coordinates.map(ring)];
    case 'MultiPolygon':
      return geometry.coordinates.map((polygon) => polygon.map(ring));
    case 'GeometryCollection':
      return geometry.geometries.flatMap(polygonsIn);
    default:
      return [];
  }
}

export interface AreaFile {
  areas: AreaRecord[];
  errors: RowError[];
}

/** Reads a boundary file into area records (not yet stored). */
export async function readAreaFile(path: string, options: AreaFileOptions): Promise<AreaFile> {
  const source = await openSource(path);
  const byCode = new Map<
    string,
    { name: string; nameAr: string; nameEn: string | null; population: number | null; polygons: PolygonCoordinates[] }
  >();
  const errors: RowError[] = [];
  try {
    for await (const item of source.items) {
      if (item.kind === 'error') {
        errors.push({ line: item.line, ...(item.column ? { column: item.column } : {}), reason: item.reason });
        continue;
      }
      const { fields, geometry, line } = item.record;
      const raw = text(fields[options.codeField]);
      if (raw === '') {
        errors.push({ line, column: options.codeField, reason: 'no code' });
        continue;
      }
      const polygons = polygonsIn(geometry);
      if (polygons.length === 0) {
        errors.push({ line, column: 'geometry', reason: `no polygon for ${raw}` });
        continue;
      }
      const padded = options.pad !== undefined && /^\d+$/.test(raw) ? raw.padStart(options.pad, '0') : raw;
      const code = `${options.prefix ?? ''}${padded}`;
      const name = text(fields[options.nameField]) || code;
      const population = options.populationField ? Number(text(fields[options.populationField])) : NaN;
      const entry = byCode.get(code);
      if (entry) entry.polygons.push(...polygons);
      else {
        byCode.set(code, {
          name,
          nameAr: (options.nameArField && text(fields[options.nameArField])) || name,
          nameEn: (options.nameEnField && text(fields[options.nameEnField])) || null,
          population: Number.isInteger(population) && population >= 0 ? population : null,
          polygons,
        });
      }
    }
  } finally {
    await source.close();
  }
  const areas = [...byCode.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([code, entry]): AreaRecord => {
      const geometry = geometryOf(entry.polygons) as AreaGeometry;
      return {
        code,
        level: options.level,
        kind: 'imported',
        parentCode: options.parentCode,
        nameAr: entry.nameAr,
        nameFr: entry.name,
        nameEn: entry.nameEn,
        population: entry.population,
        isoCode: null,
        synthetic: false,
        boundarySource: 'imported',
        centroid: centroidOf(geometry),
        geometry,
      };
    });
  return { areas, errors };
}

export interface AreaImportResult {
  read: number;
  added: number;
  existing: number;
  errors: RowError[];
}

/** Reads a boundary file and stores its areas under the parent, in the parent's time zone. */
export async function importAreaFile(
  db: Db,
  path: string,
  options: AreaFileOptions,
  timeZone?: string,
): Promise<AreaImportResult> {
  const parent = options.parentCode === null ? undefined : await findAreaByCode(db, options.parentCode);
  if (options.parentCode !== null && !parent) throw new RangeError(`no parent area with code ${options.parentCode}`);
  const file = await readAreaFile(path, options);
  const added = await insertAreas(db, file.areas, timeZone ?? parent?.timeZone ?? 'Africa/Casablanca');
  return { read: file.areas.length, added, existing: file.areas.length - added, errors: file.errors };
}
