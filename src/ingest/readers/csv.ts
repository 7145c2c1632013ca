/**
 * CSV and TSV, streamed through csv-parse: the header row names the columns, each later row is a record of strings as
 * written (after unquoting). Line ends are read as `\n` whatever the file uses, so a quoted CRLF comes out as `\n`.
 *
 * Odd input: empty lines and rows whose every field is blank are skipped (a blank header row too); a row with more or
 * fewer fields than the header is an error item, and the rows after it still come; a quote in an unquoted field is kept
 * as written; a quoted field still open at the end of the file is an error item at the line it opened on. A row longer
 * than `maxRowChars` stops the file (an unclosed quote swallowing it, most likely).
 */
import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { SourceReadError } from './open-file.js';
import type { ReaderItem, SourceRecord } from './types.js';

/** Longer rows stop the file; csv-parse would otherwise buffer the rest of a file behind an unclosed quote. */
export const maxRowChars = 8 * 1024 * 1024;

export interface CsvSource {
  columns: string[];
  items: AsyncGenerator<ReaderItem>;
}

interface ParsedRow {
  record: string[];
  raw: string;
}

/** A row csv-parse skipped for an error, and how many rows it had handed out before it. */
interface SkippedRow {
  after: number;
  raw: string;
  error: CsvError | undefined;
}

/**
 * Opens CSV text: reads up to the header row, which gives `columns`; the rows follow in `items`.
 *
 * Lines are counted from each row's raw text, which csv-parse hands out with the empty lines before it: the raw texts,
 * those of skipped rows included, follow one another through the file. (csv-parse's own `info.lines` copies an object a
 * row and doubles the parse time.)
 */
export async function openCsv(path: string, text: AsyncIterable<string>, delimiter: string): Promise<CsvSource> {
  const skipped: SkippedRow[] = [];
  const parser = parse({
    delimiter,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: maxRowChars,
    on_skip: (error, raw) => {
      skipped.push({ after: parser.info.records, raw: raw ?? '', error });
      return undefined;
    },
  });
  pipeline(Readable.from(unixLineEnds(text), { objectMode: false }), parser, () => undefined);
  const rows = parser[Symbol.asyncIterator]() as AsyncIterator<ParsedRow>;

  /** Line ends in the raw text handed out so far. */
  let linesBefore = 0;
  /** Where a raw text's row starts (past the empty lines before it); moves the count past the raw text. */
  const startLine = (raw: string): number => {
    const line = 1 + linesBefore + (raw.length - raw.replace(/^\n+/, '').length);
    linesBefore += newlines(raw);
    return line;
  };
  let rowsTaken = 0;
  /** A row read while an error skipped before it was still to be handed out. */
  let held: ParsedRow | null = null;
  /** The next item in file order: a skipped row's error, a row, or null at the end. */
  const next = async (): Promise<
    { line: number; record: string[] } | { line: number; error: CsvError | undefined } | null
  > => {
    const row = held ?? (await rows.next().then((result) => (result.done ? null : result.value)));
    held = null;
    // csv-parse calls on_skip while it parses, so a skip may have come in while this row was awaited.
    const skip = skipped[0];
    if (skip && (row === null || skip.after <= rowsTaken)) {
      skipped.shift();
      held = row;
      return { line: startLine(skip.raw), error: skip.error };
    }
    if (row === null) return null;
    rowsTaken++;
    return { line: startLine(row.raw), record: row.record };
  };

  let header: string[] | null = null;
  const early: ReaderItem[] = [];
  try {
    while (header === null) {
      const item = await next();
      if (item === null) throw new SourceReadError(path, 'has no header row (nothing but blank lines)');
      if ('error' in item) early.push(skippedItem(path, item.line, item.error));
      else if (!isBlank(item.record)) header = item.record;
    }
  } catch (error) {
    parser.destroy();
    throw error;
  }
  const columns = columnNames(header);

  async function* items(): AsyncGenerator<ReaderItem> {
    try {
      yield* early;
      for (let item = await next(); item !== null; item = await next()) {
        if ('error' in item) {
          yield skippedItem(path, item.line, item.error);
          continue;
        }
        const { line, record } = item;
        if (isBlank(record)) continue;
        if (record.length !== columns.length) {
          const fields = record.length === 1 ? 'field' : 'fields';
          yield {
            kind: 'error',
            line,
            reason: `has ${record.length} ${fields} where the header has ${columns.length}`,
          };
          continue;
        }
        const fields: SourceRecord['fields'] = {};
        for (let i = 0; i < columns.length; i++) fields[columns[i] ?? ''] = record[i] ?? '';
        yield { kind: 'record', record: { line, fields, geometry: null } };
      }
    } finally {
      parser.destroy();
    }
  }

  return { columns, items: items() };
}

/** A row whose every field is blank (`,,,`, spaces) says nothing: it is skipped like an empty line. */
function isBlank(record: readonly string[]): boolean {
  return record.every((field) => field.trim() === '');
}

/** A row csv-parse could not read: an error item, or the end of the file for a row too long to hold. */
function skippedItem(path: string, line: number, error: CsvError | undefined): ReaderItem {
  if (error?.code === 'CSV_MAX_RECORD_SIZE') {
    throw new SourceReadError(
      path,
      `the row at line ${line} runs past ${maxRowChars} characters (a quote never closed?)`,
    );
  }
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
    return {
      kind: 'error',
      line,
      reason: 'a quoted field opened here is never closed: the rest of the file could not be read as rows',
    };
  }
  return { kind: 'error', line, reason: error?.message ?? 'unreadable row' };
}

/**
 * Column names from the header row: a blank name becomes `column<n>` (its 1-based position) and a repeated one gets
 * `_2`, `_3`… so every field keeps a key of its own.
 */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, index) => {
    const base = raw.trim() === '' ? `column${index + 1}` : raw;
    let name = base;
    for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
    seen.add(name);
    return name;
  });
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Turns CRLF and lone CR line ends into LF, a CRLF split between two chunks included. */
export async function* unixLineEnds(text: AsyncIterable<string>): AsyncGenerator<string> {
  let carriedReturn = false;
  for await (let chunk of text) {
    if (carriedReturn) chunk = `\r${chunk}`;
    carriedReturn = chunk.endsWith('\r');
    if (carriedReturn) chunk = chunk.slice(0, -1);
    yield chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
  }
  if (carriedReturn) yield '\n';
}
