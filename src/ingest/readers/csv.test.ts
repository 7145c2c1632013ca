import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { columnNames, unixLineEnds } from './csv.js';
import { openSource } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function temp(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('CSV rows', () => {
  it('take their column names from the header and their values as written after unquoting', async () => {
    const { source, records } = await readAll(fixture('quoted.csv'));
    expect(source.format).toBe('csv');
    expect(source.delimiter).toBe(',');
    expect(source.columns).toEqual(['id', 'description', 'district']);
    expect(records.map((r) => r.fields)).toEqual([
      { id: '1', description: 'Vol, avec violence', district: 'Médina' },
      { id: '2', description: 'Il a crié "au voleur"', district: 'Gauthier' },
      { id: '3', description: 'Première ligne\ndeuxième ligne', district: 'Maârif' },
      { id: '4', description: 'après la citation', district: 'Anfa' },
      { id: '5', description: 'après une ligne vide', district: 'Bourgogne' },
      { id: '8', description: 'a\n\nc', district: 'fin' },
      { id: '9', description: 'dernière ligne', district: 'Sidi Belyout' },
    ]);
    expect(records.every((r) => r.geometry === null)).toBe(true);
  });

  it('carry the physical line they start on, after quoted line ends and empty lines', async () => {
    const { records } = await readAll(fixture('quoted.csv'));
    expect(records.map((r) => [r.fields.id, r.line])).toEqual([
      ['1', 2],
      ['2', 3],
      ['3', 4],
      ['4', 6],
      ['5', 8],
      ['8', 11],
      ['9', 15],
    ]);
  });

  it('read the same from a file with CRLF line ends, quoted ones coming out as \\n', async () => {
    const lf = await readAll(fixture('quoted.csv'));
    const crlf = await readAll(fixture('quoted-crlf.csv'));
    expect(crlf.items).toEqual(lf.items);
  });

  it('with the wrong number of fields are error items naming the counts, and the rows after them still come', async () => {
    const { items } = await readAll(fixture('quoted.csv'));
    expect(items.filter((item) => item.kind === 'error')).toEqual([
      { kind: 'error', line: 9, reason: 'has 4 fields where the header has 3' },
      { kind: 'error', line: 10, reason: 'has 2 fields where the header has 3' },
    ]);
    expect(items.map((item) => item.kind)).toEqual([
      'record',
      'record',
      'record',
      'record',
      'record',
      'error',
      'error',
      'record',
      'record',
    ]);
  });

  it('that are blank (empty lines, or only delimiters and spaces) are skipped', async () => {
    const path = await temp('blank.csv', '\n\nid,name\n\n,\n  ,  \n1,Anfa\n\n');
    const { records, errors, source } = await readAll(path);
    expect(source.columns).toEqual(['id', 'name']);
    expect(errors).toEqual([]);
    expect(records).toEqual([{ line: 7, fields: { id: '1', name: 'Anfa' }, geometry: null }]);
  });

  it('end with an error item where a quoted field is never closed', async () => {
    const { records, errors } = await readAll(fixture('unclosed-quote.csv'));
    expect(records).toEqual([{ line: 2, fields: { id: '1', description: 'ok' }, geometry: null }]);
    expect(errors).toEqual([
      {
        kind: 'error',
        line: 3,
        reason: 'a quoted field opened here is never closed: the rest of the file could not be read as rows',
      },
    ]);
  });

  it('keep a quote inside an unquoted field as written', async () => {
    const path = await temp('stray-quotes.csv', 'id,size\n1,5" pipe\n2,"12" x\n');
    const { records, errors } = await readAll(path);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.fields.size)).toEqual(['5" pipe', '"12" x']);
  });

  it('read the last row of a file without a final line end', async () => {
    const path = await temp('no-final-newline.csv', 'id,name\n1,Anfa\n2,Médina');
    const { records } = await readAll(path);
    expect(records.map((r) => [r.line, r.fields.name])).toEqual([
      [2, 'Anfa'],
      [3, 'Médina'],
    ]);
  });
});

describe('CSV delimiters', () => {
  it('are sniffed: pipes in a .txt, semicolons with decimal commas', async () => {
    const pipes = await readAll(fixture('pipes.txt'));
    expect(pipes.source.delimiter).toBe('|');
    expect(pipes.records[1]?.fields).toEqual({ code: 'A2', name: 'Médina', count: '5' });
    const french = await readAll(fixture('incidents-fr-latin1.csv'));
    expect(french.source.delimiter).toBe(';');
    expect(french.records[0]?.fields.longitude).toBe('-7,6192');
  });

  it('can be given, overriding the sniffing', async () => {
    const { source, records } = await readAll(fixture('pipes.txt'), { delimiter: ',' });
    expect(source.delimiter).toBe(',');
    expect(source.columns).toEqual(['code|name|count']);
    expect(records[0]?.fields).toEqual({ 'code|name|count': 'A1|Anfa|3' });
  });
});

describe('CSV headers', () => {
  it('give blank columns a name by position and repeated ones a suffix', () => {
    expect(columnNames(['id', '', 'name', 'name', ' ', 'name'])).toEqual([
      'id',
      'column2',
      'name',
      'name_2',
      'column5',
      'name_3',
    ]);
  });

  it('must be there: a file of blank lines cannot be read', async () => {
    const path = await temp('only-blank.csv', '\n \n,,\n');
    await expect(openSource(path)).rejects.toThrow(`${path}: has no header row`);
  });
});

describe('unixLineEnds', () => {
  it('turns CRLF and CR into LF, a CRLF split between chunks included', async () => {
    async function* chunks() {
      yield 'a\r';
      yield '\nb\r\nc\rd\r';
    }
    let text = '';
    for await (const chunk of unixLineEnds(chunks())) text += chunk;
    expect(text).toBe('a\nb\nc\nd\n');
  });
});

describe('a large CSV', () => {
  it('is streamed: the memory it keeps stays far below the file size', async () => {
    const path = join(dir, 'large.csv');
    const out = createWriteStream(path);
    out.write('id,description,longitude,latitude\n');
    const filler = 'x'.repeat(900);
    const rows = 40_000;
    for (let i = 0; i < rows; i++) {
      if (!out.write(`${i},"${filler} ${i}",-7.${i % 1000},33.${i % 997}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');

    // Collecting garbage before each measure counts what is kept, not what is waiting to be collected.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let kept = 0;
    let count = 0;
    const source = await openSource(path);
    for await (const item of source.items) {
      if (item.kind === 'record') count++;
      if (count % 4000 === 0) {
        gc();
        kept = Math.max(kept, process.memoryUsage().heapUsed - before);
      }
    }
    await source.close();
    expect(count).toBe(rows);
    expect(source.totalBytes).toBeGreaterThan(36_000_000);
    expect(kept).toBeLessThan(source.totalBytes / 10);
  });
});
