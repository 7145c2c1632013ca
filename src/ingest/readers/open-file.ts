/**
 * The bytes under every reader: the file's size, gzip recognised by its magic bytes (whatever the name says) and
 * decompressed on the way, a count of the file's bytes consumed (compressed ones for gzip) for progress bars, and the
 * first part of the content read ahead for sniffing. Text is decoded here too, chunk by chunk.
 */
import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { type Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import type { SourceEncoding } from './types.js';

/** A file that cannot be read at all (as opposed to a row in it that is bad); its message names the file. */
export class SourceReadError extends Error {
  readonly path: string;

  constructor(path: string, problem: string, options?: ErrorOptions) {
    super(`${path}: ${problem}`, options);
    this.name = 'SourceReadError';
    this.path = path;
  }
}

/** How much decompressed content is read ahead for sniffing: enough for the encoding to show in most exports. */
export const headBytes = 1024 * 1024;

export interface OpenedBytes {
  path: string;
  totalBytes: number;
  gzip: boolean;
  /** The content's first bytes (decompressed), at most `headBytes` of them. */
  head: Buffer;
  /** Whether `head` holds the whole content. */
  complete: boolean;
  /** The whole content from its first byte, `head` included; iterate it once. */
  content: AsyncIterable<Buffer>;
  bytesRead: () => number;
  close: () => void;
}

export async function openBytes(path: string, aheadBytes: number = headBytes): Promise<OpenedBytes> {
  const info = await stat(path).catch((error: unknown) => {
    throw new SourceReadError(path, `cannot be opened (${systemReason(error)})`, { cause: error });
  });
  if (info.isDirectory()) throw new SourceReadError(path, 'is a directory, not a file');
  if (!info.isFile()) throw new SourceReadError(path, 'is not a regular file');
  if (info.size === 0) throw new SourceReadError(path, 'is empty');
  const gzip = isGzip(await firstBytes(path, 2));

  let closed = false;
  const file: ReadStream = createReadStream(path, { highWaterMark: 64 * 1024 });
  // `pipeline` carries an error of either stream to the last one, which is what gets iterated.
  const decompressed: Readable = gzip ? pipeline(file, createGunzip(), () => undefined) : file;
  const chunks = decompressed[Symbol.asyncIterator]() as AsyncIterator<Buffer>;

  const next = async (): Promise<IteratorResult<Buffer>> => {
    if (closed) return { done: true, value: undefined };
    try {
      return await chunks.next();
    } catch (error) {
      if (closed) return { done: true, value: undefined };
      throw new SourceReadError(path, streamReason(error, gzip), { cause: error });
    }
  };

  const ahead: Buffer[] = [];
  let aheadLength = 0;
  let complete = false;
  try {
    while (aheadLength < aheadBytes) {
      const result = await next();
      if (result.done) {
        complete = true;
        break;
      }
      ahead.push(result.value);
      aheadLength += result.value.length;
    }
  } catch (error) {
    file.destroy();
    throw error;
  }
  if (aheadLength === 0) {
    file.destroy();
    throw new SourceReadError(path, 'holds nothing once decompressed');
  }

  async function* content(): AsyncGenerator<Buffer> {
    yield* ahead.splice(0);
    for (;;) {
      const result = await next();
      if (result.done) return;
      yield result.value;
    }
  }

  return {
    path,
    totalBytes: info.size,
    gzip,
    head: Buffer.concat(ahead).subarray(0, aheadBytes),
    complete,
    content: content(),
    // What has been read from disk, at most one buffer ahead of what the reader has taken.
    bytesRead: () => file.bytesRead,
    close: () => {
      closed = true;
      file.destroy();
      if (decompressed !== file) decompressed.destroy();
    },
  };
}

/** gzip's magic number (RFC 1952, 2.3.1). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new SourceReadError(path, `cannot be read (${systemReason(error)})`, { cause: error });
  } finally {
    await handle?.close();
  }
}

function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function streamReason(error: unknown, gzip: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (gzip && code === 'Z_BUF_ERROR') return `is a truncated gzip file (${message})`;
  if (gzip && code?.startsWith('Z_')) return `is a damaged gzip file (${message})`;
  return `cannot be read (${systemReason(error)})`;
}

/**
 * The iconv-lite codec for an encoding. Latin-1 is decoded as Windows-1252, as the WHATWG Encoding Standard and every
 * browser do: the two differ only in 0x80–0x9F, control codes in Latin-1 where French Windows exports put €, œ, ’ and «.
 */
export function codecName(encoding: SourceEncoding): string {
  if (encoding === 'utf-8') return 'utf8';
  if (encoding === 'latin1') return 'windows-1252';
  return encoding;
}

/** Decodes a byte stream chunk by chunk (characters split across chunks come out whole); a UTF-8 BOM is dropped. */
export async function* decodeText(chunks: AsyncIterable<Buffer>, encoding: SourceEncoding): AsyncGenerator<string> {
  const decoder = iconv.getDecoder(codecName(encoding), { stripBOM: true });
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** Decodes a sample that may end in the middle of a character (the rest is dropped), BOM removed. */
export function decodeSample(bytes: Buffer, encoding: SourceEncoding): string {
  return iconv.getDecoder(codecName(encoding), { stripBOM: true }).write(bytes);
}
