import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, readAll } from '../../../test/fixtures/import/read-all.js';
import { openSource } from './index.js';
import { SourceReadError, headBytes, openBytes } from './open-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'istibaq-readers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('openBytes', () => {
  it('recognises gzip by its magic bytes, whatever the file is called', async () => {
    const bytes = await openBytes(fixture('gzip-named-csv.csv'));
    expect(bytes.gzip).toBe(true);
    expect((await collect(bytes.content)).toString('utf8')).toMatch(/^رقم,النوع/);
    bytes.close();
  });

  it('leaves a plain file as it is', async () => {
    const bytes = await openBytes(fixture('quoted.csv'));
    expect(bytes.gzip).toBe(false);
    expect(bytes.complete).toBe(true);
    expect(bytes.head.toString('utf8')).toMatch(/^id,description,district\n/);
    expect((await collect(bytes.content)).equals(bytes.head)).toBe(true);
    bytes.close();
  });

  it('hands out the whole content once, the part read ahead included', async () => {
    const content = Buffer.from('a,b\n' + '1,2\n'.repeat(600_000));
    const path = join(dir, 'long.csv.gz');
    await writeFile(path, gzipSync(content));
    const bytes = await openBytes(path);
    expect(bytes.head.length).toBe(headBytes);
    expect(bytes.complete).toBe(false);
    expect((await collect(bytes.content)).equals(content)).toBe(true);
    bytes.close();
  });

  it('throws naming the file when it does not exist, is a directory or is empty', async () => {
    const missing = join(dir, 'missing.csv');
    await expect(openBytes(missing)).rejects.toThrow(`${missing}: cannot be opened (no such file)`);
    await expect(openBytes(dir)).rejects.toThrow(`${dir}: is a directory, not a file`);
    const empty = join(dir, 'empty.csv');
    await writeFile(empty, '');
    await expect(openBytes(empty)).rejects.toThrow(`${empty}: is empty`);
    await expect(openBytes(empty)).rejects.toBeInstanceOf(SourceReadError);
  });

  it('throws naming the file for a truncated gzip', async () => {
    const path = fixture('truncated.csv.gz');
    await expect(openSource(path)).rejects.toThrow(`${path}: is a truncated gzip file`);
  });
});

describe('bytesRead and totalBytes', () => {
  it('count the compressed bytes of a gzip file, up to its size on disk', async () => {
    const content = 'id,value\n' + Array.from({ length: 150_000 }, (_, i) => `${i},${(i * 7919) % 10007}\n`).join('');
    const path = join(dir, 'progress.csv.gz');
    const compressed = gzipSync(content);
    await writeFile(path, compressed);
    const source = await openSource(path);
    expect(source.gzip).toBe(true);
    expect(source.totalBytes).toBe(compressed.length);
    const seen: number[] = [];
    let rows = 0;
    for await (const item of source.items) {
      if (item.kind === 'record') rows++;
      if (rows % 20_000 === 1) seen.push(source.bytesRead());
    }
    await source.close();
    expect(rows).toBe(150_000);
    expect(seen[0]).toBeLessThan(compressed.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(source.bytesRead()).toBe(compressed.length);
  });

  it('end at the file size for a plain file', async () => {
    const { source } = await readAll(fixture('quoted.csv'));
    expect(source.totalBytes).toBe(274);
    expect(source.bytesRead()).toBe(274);
  });
});

describe('a file that breaks off further in', () => {
  it('makes the iteration throw naming the file, after the rows before the break', async () => {
    const content = 'id,value\n' + Array.from({ length: 300_000 }, (_, i) => `${i},${(i * 7919) % 10007}\n`).join('');
    const compressed = gzipSync(content);
    const path = join(dir, 'cut.csv.gz');
    await writeFile(path, compressed.subarray(0, Math.floor(compressed.length * 0.8)));
    const source = await openSource(path);
    let rows = 0;
    const reading = (async () => {
      for await (const item of source.items) if (item.kind === 'record') rows++;
    })();
    await expect(reading).rejects.toThrow(`${path}: is a truncated gzip file`);
    await source.close();
    expect(rows).toBeGreaterThan(100_000);
  });
});

describe('close', () => {
  it('stops the reading part-way and releases the file', async () => {
    const source = await openSource(fixture('quoted.csv'));
    for await (const item of source.items) {
      expect(item.kind).toBe('record');
      break;
    }
    await source.close();
    await expect(source.close()).resolves.toBeUndefined();
  });
});
