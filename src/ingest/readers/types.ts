/**
 * What every reader (CSV/TSV, JSON lines, GeoJSON, KML, shapefile) hands to an import: records with the line they
 * start on, or a reason a piece of the file could not be read. Readers stream; nothing holds a whole file.
 */

export type FieldValue = string | number | boolean | null;

/** A GeoJSON geometry as read from a file (points for records, polygons for boundaries). */
export type SourceGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: SourceGeometry[] };

export interface SourceRecord {
  /** 1-based line of the file where the record starts (for a CSV row with quoted newlines, its first line). */
  line: number;
  /** Column or property name → value; CSV values are strings exactly as written (after unquoting). */
  fields: Record<string, FieldValue>;
  /** The feature's geometry for GeoJSON, KML and shapefiles; null for tabular formats. */
  geometry: SourceGeometry | null;
}

export type ReaderItem =
  { kind: 'record'; record: SourceRecord } | { kind: 'error'; line: number; column?: string; reason: string };

export const sourceFormats = ['csv', 'jsonl', 'geojson', 'kml', 'shapefile'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

export const sourceEncodings = ['utf-8', 'windows-1256', 'latin1'] as const;
export type SourceEncoding = (typeof sourceEncodings)[number];

export interface OpenOptions {
  /** Default: from the file name, then from the first bytes. */
  format?: SourceFormat;
  /** Default: detected (UTF-8 when the bytes are valid UTF-8, else Windows-1256 or Latin-1). */
  encoding?: SourceEncoding;
  /** CSV only. Default: sniffed among `,` `;` tab `|`. */
  delimiter?: string;
}

export interface OpenedSource {
  format: SourceFormat;
  encoding: SourceEncoding;
  /** The CSV delimiter used, when the format is CSV. */
  delimiter: string | null;
  /** Whether the file was gzip-compressed (decompressed transparently). */
  gzip: boolean;
  /** Size of the file on disk, in bytes. */
  totalBytes: number;
  /** Bytes of the file consumed so far (compressed bytes for a gzip file), for progress. */
  bytesRead(): number;
  /** The header row's column names, for CSV (known once the source is open). */
  columns: readonly string[] | null;
  items: AsyncIterable<ReaderItem>;
  /** Stops reading and releases the file. */
  close(): Promise<void>;
}
