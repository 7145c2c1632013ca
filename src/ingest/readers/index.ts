/**
 * Opening an import file: its bytes (gzip or not), format, encoding and, for CSV, delimiter and header, then its
 * records streamed by the reader of its format. A file that cannot be read at all throws a `SourceReadError` naming
 * it, from `openSource` or, when the trouble lies further in, from iterating `items`; a bad row is an error item.
 */
import { openCsv } from './csv.js';
import { detectEncoding, formatFromContent, formatFromName, sniffDelimiter, unreadableReason } from './detect.js';
import { readGeojson } from './geojson.js';
import { readJsonLines } from './jsonl.js';
import { readKml } from './kml.js';
import { SourceReadError, decodeSample, decodeText, openBytes } from './open-file.js';
import { openShapefileSource } from './shapefile.js';
import { type OpenOptions, type OpenedSource, type ReaderItem, sourceEncodings, sourceFormats } from './types.js';

export { SourceReadError } from './open-file.js';

export async function openSource(path: string, options: OpenOptions = {}): Promise<OpenedSource> {
  checkOptions(options);
  if (!options.format && /\.(shx|dbf|prj|cpg)(\.gz)?$/i.test(path)) {
    throw new SourceReadError(path, 'is one of the files of a shapefile: give the .shp, with its .dbf beside it');
  }
  const bytes = await openBytes(path);
  try {
    const encoding = options.encoding ?? detectEncoding(bytes.head, bytes.complete);
    const sample = decodeSample(bytes.head, encoding);
    const format = options.format ?? formatFromName(path) ?? formatFromContent(sample, bytes.head);
    const reason = format === 'shapefile' ? null : unreadableReason(bytes.head);
    if (reason) throw new SourceReadError(path, reason);

    const common = { format, gzip: bytes.gzip };
    if (format === 'shapefile') {
      const shapefile = await openShapefileSource(bytes, options.encoding);
      return {
        ...common,
        encoding: shapefile.encoding,
        delimiter: null,
        totalBytes: shapefile.totalBytes,
        bytesRead: shapefile.bytesRead,
        columns: null,
        items: guarded(path, shapefile.items),
        close: async () => {
          shapefile.close();
          bytes.close();
        },
      };
    }

    const text = decodeText(bytes.content, encoding);
    const opened = { ...common, encoding, totalBytes: bytes.totalBytes, bytesRead: bytes.bytesRead };
    const close = async () => bytes.close();
    if (format === 'csv') {
      const delimiter = options.delimiter ?? sniffDelimiter(sample, bytes.complete);
      const csv = await openCsv(path, text, delimiter);
      return { ...opened, delimiter, columns: csv.columns, items: guarded(path, csv.items), close };
    }
    const items =
      format === 'jsonl'
        ? readJsonLines(path, text)
        : format === 'geojson'
          ? readGeojson(path, text)
          : readKml(path, text);
    return { ...opened, delimiter: null, columns: null, items: guarded(path, items), close };
  } catch (error) {
    bytes.close();
    throw error instanceof SourceReadError
      ? error
      : new SourceReadError(path, `cannot be read (${String(error)})`, { cause: error });
  }
}

/** A caller's mistake in the options is a RangeError, not a file that cannot be read. */
function checkOptions({ format, encoding, delimiter }: OpenOptions): void {
  if (format !== undefined && !sourceFormats.includes(format)) {
    throw new RangeError(`invalid format: ${String(format)}; expected one of ${sourceFormats.join(', ')}`);
  }
  if (encoding !== undefined && !sourceEncodings.includes(encoding)) {
    throw new RangeError(`invalid encoding: ${String(encoding)}; expected one of ${sourceEncodings.join(', ')}`);
  }
  if (
    delimiter !== undefined &&
    (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r')
  ) {
    throw new RangeError(
      `invalid delimiter: ${JSON.stringify(delimiter)}; expected one character, not a quote or line end`,
    );
  }
}

/** Any failure while iterating, from a library that does not know the file's name, is reported naming the file. */
async function* guarded(path: string, items: AsyncIterable<ReaderItem>): AsyncGenerator<ReaderItem> {
  try {
    yield* items;
  } catch (error) {
    if (error instanceof SourceReadError) throw error;
    throw new SourceReadError(path, `cannot be read (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
}
