import fs from 'node:fs';
import path from 'node:path';

/**
 * The cache file's layout: JSON segments one after another, each ended by a newline; then a JSON
 * header, which says where each segment is; then the header's length in bytes as
 * {@link TRAILER_DIGITS} decimal digits and a newline. The header is read alone (replaying a run
 * reads no segment), a segment only when it is needed, and a run that changed a few segments
 * appends them and a new header where the old header was: the segments before it stay as they
 * are. A reader that catches the file half-written finds no valid trailer or header, or a
 * segment that is not the one it expects, and starts afresh.
 */

/** Where a segment is: byte offset and byte length (without its newline). */
export type Extent = [offset: number, length: number];

const TRAILER_DIGITS = 12;

/** A header, with where the segments end (the header's offset). */
export interface StoredHeader {
  header: Record<string, unknown>;
  bodyLength: number;
  /** The header's own length in bytes. */
  headerLength: number;
}

/** The header of a cache file; undefined for no file or a bad one. */
export function readHeader(file: string): StoredHeader | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(file, 'r');
    const size = fs.fstatSync(descriptor).size;
    const trailer = Buffer.alloc(TRAILER_DIGITS + 1);
    if (size < trailer.length || fs.readSync(descriptor, trailer, 0, trailer.length, size - trailer.length) !== trailer.length) return undefined;
    const text = trailer.toString('latin1');
    if (!/^\d+\n$/.test(text)) return undefined;
    const headerLength = Number(text.slice(0, TRAILER_DIGITS));
    const headerAt = size - trailer.length - headerLength;
    if (headerAt < 0) return undefined;
    const bytes = Buffer.alloc(headerLength);
    if (fs.readSync(descriptor, bytes, 0, headerLength, headerAt) !== headerLength) return undefined;
    const header: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof header !== 'object' || header === null || (header as { bodyLength?: unknown }).bodyLength !== headerAt) return undefined;
    return { header: header as Record<string, unknown>, bodyLength: headerAt, headerLength };
  } catch {
    // No cache yet, or an unreadable one: start afresh.
    return undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/** Reads segments of one file, through one descriptor opened at the first read. */
export class SegmentReader {
  private descriptor: number | undefined;
  private failed = false;

  constructor(private readonly file: string) {}

  /** The segment's bytes, or undefined when the file cannot be read there. */
  bytes([offset, length]: Extent): Buffer | undefined {
    if (this.failed) return undefined;
    try {
      this.descriptor ??= fs.openSync(this.file, 'r');
      const bytes = Buffer.allocUnsafe(length);
      return fs.readSync(this.descriptor, bytes, 0, length, offset) === length ? bytes : undefined;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  /** The segment parsed as JSON, or undefined when it cannot be read or is not JSON. */
  json(extent: Extent): unknown {
    const bytes = this.bytes(extent);
    if (!bytes) return undefined;
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }

  close(): void {
    if (this.descriptor !== undefined) fs.closeSync(this.descriptor);
    this.descriptor = undefined;
  }
}

/**
 * A segment to write: the value to store as JSON, made and serialised when it is written (a large
 * site's whole cache is never in memory as text at once), or the bytes of a segment of the file
 * being replaced.
 */
export type SegmentSource = (() => unknown) | { copyOf: Extent };

/**
 * JSON in ASCII: every other character escaped (`\u00e9`), so that the text is one byte a
 * character in memory, and is decoded and parsed about three times as fast as text with a single
 * curly quote in it (which makes V8 hold the whole of it two bytes a character).
 */
export function asciiJson(value: unknown): string {
  const json = JSON.stringify(value);
  // Mostly there is none: counting UTF-8 bytes tells so without a scan in JavaScript.
  if (Buffer.byteLength(json, 'utf8') === json.length && !json.includes('\x7f')) return json;
  // Cut at each other character and joined: twice as fast as a replace with a function, or a
  // split, on megabytes of text with a few thousand of them.
  const other = /[^\x00-\x7e]/g;
  const parts: string[] = [];
  let from = 0;
  for (let found = other.exec(json); found !== null; found = other.exec(json)) {
    parts.push(json.slice(from, found.index), `\\u${json.charCodeAt(found.index).toString(16).padStart(4, '0')}`);
    from = found.index + 1;
  }
  if (from === 0) return json;
  parts.push(json.slice(from));
  return parts.join('');
}

/** Builds the header once the extents of the segments are known. */
export type HeaderFor = (extents: Extent[], bodyLength: number) => Record<string, unknown>;

/** Writes `bytes` whole at `position`; returns the bytes written. */
function writeAt(descriptor: number, bytes: Uint8Array, position: number): number {
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(descriptor, bytes, written, bytes.length - written, position + written);
  return bytes.length;
}

/**
 * Writes segments from `from` on (buffered, so a large site's thousands of segments are few
 * writes), then the header and the trailer; returns the file's new size.
 */
function writeSegments(descriptor: number, from: number, sources: readonly SegmentSource[], reader: SegmentReader | undefined, headerFor: HeaderFor): number {
  const extents: Extent[] = [];
  let position = from;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pendingBytes === 0) return;
    writeAt(descriptor, Buffer.concat(pending, pendingBytes), position - pendingBytes);
    pending = [];
    pendingBytes = 0;
  };
  const newline = Buffer.from('\n');
  for (const source of sources) {
    const bytes = typeof source === 'function' ? Buffer.from(asciiJson(source()), 'latin1') : reader?.bytes(source.copyOf);
    if (!bytes) throw new Error('a cache segment to copy could not be read');
    extents.push([position, bytes.length]);
    pending.push(bytes, newline);
    pendingBytes += bytes.length + 1;
    position += bytes.length + 1;
    if (pendingBytes >= 1 << 20) flush();
  }
  flush();
  const header = Buffer.from(asciiJson(headerFor(extents, position)), 'latin1');
  position += writeAt(descriptor, header, position);
  position += writeAt(descriptor, Buffer.from(`${String(header.length).padStart(TRAILER_DIGITS, '0')}\n`), position);
  return position;
}

/**
 * Appends segments after the first `bodyLength` bytes of the file, over its old header, then a new
 * header. False when the file could not be written: it is then removed, which costs speed next
 * time, never correctness.
 */
export function appendSegments(file: string, bodyLength: number, sources: readonly SegmentSource[], reader: SegmentReader | undefined, headerFor: HeaderFor): boolean {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(file, 'r+');
    fs.ftruncateSync(descriptor, writeSegments(descriptor, bodyLength, sources, reader, headerFor));
    return true;
  } catch {
    fs.rmSync(file, { force: true });
    return false;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/** Writes a whole new file through a temporary file and a rename; a failure leaves the old one. */
export function rewriteFile(file: string, sources: readonly SegmentSource[], reader: SegmentReader | undefined, headerFor: HeaderFor): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  let descriptor: number | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    descriptor = fs.openSync(temporary, 'w');
    writeSegments(descriptor, 0, sources, reader, headerFor);
    fs.closeSync(descriptor);
    descriptor = undefined;
    fs.renameSync(temporary, file);
    return true;
  } catch {
    if (descriptor !== undefined) fs.closeSync(descriptor);
    fs.rmSync(temporary, { force: true });
    return false;
  }
}
