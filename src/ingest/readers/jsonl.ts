/**
 * JSON lines (one JSON object per line): the object's top-level properties are the fields, nested objects and arrays
 * as JSON text. A `geometry` member that is a GeoJSON geometry becomes the record's geometry instead of a field; one
 * that is not (a WKT string, say) stays a field. A line holding a GeoJSON Feature (GeoJSONSeq, as GDAL writes it)
 * gives its properties as fields.
 *
 * Odd input: blank lines are skipped; a line that is not JSON, or JSON but not an object, is an error item and the
 * lines after it still come; a geometry member of a GeoJSON shape with bad coordinates is an error item too.
 */
import { checkGeometry, fieldsOf } from './geometry.js';
import { SourceReadError } from './open-file.js';
import type { ReaderItem } from './types.js';

/** Longer lines stop the file: no single record is that big, and holding it would not be streaming. */
export const maxLineChars = 64 * 1024 * 1024;

export async function* readJsonLines(path: string, text: AsyncIterable<string>): AsyncGenerator<ReaderItem> {
  for await (const { line, content } of lines(path, text)) {
    if (content.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      yield { kind: 'error', line, reason: `not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield {
        kind: 'error',
        line,
        reason: `a JSON ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}, not an object`,
      };
      continue;
    }
    yield objectItem(line, value as Record<string, unknown>);
  }
}

function objectItem(line: number, object: Record<string, unknown>): ReaderItem {
  const isFeature = object.type === 'Feature';
  const fields = fieldsOf(isFeature ? object.properties : object);
  const candidate = object.geometry;
  if (candidate === undefined || candidate === null) {
    if (!isFeature) delete fields.geometry;
    return { kind: 'record', record: { line, fields, geometry: null } };
  }
  const looksLikeGeometry = typeof candidate === 'object' && !Array.isArray(candidate) && 'type' in candidate;
  if (!looksLikeGeometry) return { kind: 'record', record: { line, fields, geometry: null } };
  const result = checkGeometry(candidate);
  if (!result.ok) return { kind: 'error', line, column: 'geometry', reason: `the geometry ${result.reason}` };
  if (!isFeature) delete fields.geometry;
  return { kind: 'record', record: { line, fields, geometry: result.geometry } };
}

/** The text's lines with their 1-based numbers, without their line ends (LF or CRLF). */
export async function* lines(
  path: string,
  text: AsyncIterable<string>,
): AsyncGenerator<{ line: number; content: string }> {
  let line = 1;
  let partial = '';
  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      const content = partial + chunk.slice(start, end);
      partial = '';
      yield { line, content: content.endsWith('\r') ? content.slice(0, -1) : content };
      line++;
      start = end + 1;
    }
    partial += chunk.slice(start);
    if (partial.length > maxLineChars) {
      throw new SourceReadError(path, `line ${line} runs past ${maxLineChars} characters`);
    }
  }
  if (partial !== '') yield { line, content: partial.endsWith('\r') ? partial.slice(0, -1) : partial };
}
