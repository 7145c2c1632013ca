/**
 * GeoJSON, streamed with stream-json: a FeatureCollection's features come one at a time, so the collection may be of
 * any size; a file holding one Feature, or a bare geometry, gives one record. Fields are a feature's properties
 * (nested values as JSON text), geometry its geometry.
 *
 * Lines: the text goes to the tokenizer one line at a time, so the tokens that come back belong to the line just fed;
 * a feature's `line` is the line of its opening brace. (A minified collection is one line: all its features are on
 * line 1.)
 *
 * Odd input: a feature whose geometry is null or not an object comes with geometry null; one whose geometry has an
 * unknown type or malformed coordinates, and a member of `features` that is not an object, are error items. JSON that
 * breaks off or goes wrong stops the file with an error naming the line.
 */
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { getManyValues, none, type Many } from 'stream-chain/defs.js';
import { checkGeometry, fieldsOf } from './geometry.js';
import { SourceReadError } from './open-file.js';
import type { ReaderItem } from './types.js';

export async function* readGeojson(path: string, text: AsyncIterable<string>): AsyncGenerator<ReaderItem> {
  // stream-chain's Flushable contract: called with `none`, the tokenizer flushes; its type names only the text input.
  const tokenize = jsonParser({ streamValues: false }) as (piece: string | typeof none) => Many<Token> | typeof none;
  const walker = new CollectionWalker(path);
  let line = 1;
  const feed = (piece: string | typeof none): ReaderItem[] => {
    let out: Many<Token> | typeof none;
    try {
      out = tokenize(piece);
    } catch (error) {
      const message = (error as Error).message;
      throw new SourceReadError(
        path,
        piece === none
          ? `breaks off at line ${line} (truncated?): ${message}`
          : `is not valid JSON at line ${line}: ${message}`,
        { cause: error },
      );
    }
    if (out === none) return [];
    return walker.take(getManyValues(out), line);
  };

  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      yield* feed(chunk.slice(start, end + 1));
      line++;
      start = end + 1;
    }
    if (start < chunk.length) yield* feed(start === 0 ? chunk : chunk.slice(start));
  }
  yield* feed(none);
  yield* walker.finish();
}

type Pending =
  | { kind: 'feature'; line: number; index: number; assembler: Assembler }
  | { kind: 'member'; key: string; assembler: Assembler };

/**
 * Follows the tokens of the top-level object: members of `features` are assembled one at a time and handed out as
 * items; other members (type, name, crs…) are kept, to read a lone Feature or geometry at the end.
 */
class CollectionWalker {
  private readonly path: string;
  /** Containers open outside any value being assembled: 1 inside the top object, 2 inside its features array. */
  private depth = 0;
  private key = '';
  private ended = false;
  private featureCount = 0;
  private hasFeatures = false;
  private topLine = 1;
  private readonly members: Record<string, unknown> = {};
  private pending: Pending | null = null;

  constructor(path: string) {
    this.path = path;
  }

  take(tokens: readonly Token[], line: number): ReaderItem[] {
    const items: ReaderItem[] = [];
    for (const token of tokens) {
      if (this.pending) {
        this.pending.assembler.consume(token);
        if (this.pending.assembler.done) {
          const done = this.pending;
          this.pending = null;
          if (done.kind === 'feature') items.push(featureItem(done.assembler.current, done.line, done.index));
          else this.members[done.key] = done.assembler.current;
        }
        continue;
      }
      if (this.depth === 0) {
        if (token.name !== 'startObject') throw new SourceReadError(this.path, 'is JSON but not a GeoJSON object');
        this.depth = 1;
        this.topLine = line;
      } else if (this.depth === 1) {
        if (token.name === 'keyValue') this.key = token.value;
        else if (token.name === 'endObject') {
          this.depth = 0;
          this.ended = true;
        } else if (token.name === 'startArray' && this.key === 'features') {
          this.depth = 2;
          this.hasFeatures = true;
        } else {
          this.pending = { kind: 'member', key: this.key, assembler: new Assembler() };
          this.pending.assembler.consume(token);
          if (this.pending.assembler.done) {
            this.members[this.key] = this.pending.assembler.current;
            this.pending = null;
          }
        }
      } else if (token.name === 'endArray') {
        this.depth = 1;
      } else {
        this.featureCount++;
        const assembler = new Assembler();
        assembler.consume(token);
        if (assembler.done) items.push(featureItem(assembler.current, line, this.featureCount));
        else this.pending = { kind: 'feature', line, index: this.featureCount, assembler };
      }
    }
    return items;
  }

  /** After the last token: a lone Feature or geometry, or nothing more for a collection. */
  finish(): ReaderItem[] {
    if (!this.ended) throw new SourceReadError(this.path, 'ends before its JSON does (truncated?)');
    if (this.hasFeatures) return [];
    const type = this.members.type;
    if (type === 'Feature') return [featureItem(this.members, this.topLine, 1)];
    if (type === 'FeatureCollection') {
      throw new SourceReadError(this.path, 'is a FeatureCollection without a features array');
    }
    const result = checkGeometry(this.members);
    if (!result.ok) {
      throw new SourceReadError(this.path, 'is JSON but neither a FeatureCollection, a Feature nor a geometry');
    }
    return [{ kind: 'record', record: { line: this.topLine, fields: {}, geometry: result.geometry } }];
  }
}

function featureItem(value: unknown, line: number, index: number): ReaderItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'error', line, reason: `feature ${index} is not a JSON object` };
  }
  const { properties, geometry } = value as { properties?: unknown; geometry?: unknown };
  const fields = fieldsOf(properties);
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) {
    return { kind: 'record', record: { line, fields, geometry: null } };
  }
  const result = checkGeometry(geometry);
  if (!result.ok) return { kind: 'error', line, column: 'geometry', reason: `the geometry ${result.reason}` };
  return { kind: 'record', record: { line, fields, geometry: result.geometry } };
}
