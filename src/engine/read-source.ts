import { readBytes } from '../io/disk.js';

export type SourceRead =
  | {
      ok: true;
      text: string;
      problems: Array<{ message: string; offset: number }>;
      /** Digest of the file's bytes, when asked for. */
      digest?: string;
    }
  | { ok: false; message: string };

/** A page that is not as the run's replay check read it: the run cannot be one view of the disk. */
export class PageChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed during the run; run faqlint again`);
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const lossyDecoder = new TextDecoder('utf-8', { fatal: false });

/** Offset (in the decoded text) of the first byte sequence that is not UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0) break;
    let valid = index + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) valid = ((bytes[index + k] as number) & 0xc0) === 0x80;
    if (!valid) break;
    try {
      decoder.decode(bytes.subarray(index, index + length));
    } catch {
      break;
    }
    index += length;
  }
  return lossyDecoder.decode(bytes.subarray(0, index)).length;
}

/**
 * Reads a file as UTF-8. Invalid UTF-8 is decoded with replacement characters and reported with
 * its position, so the rest of the file is still linted; a binary file is refused.
 */
export function readSource(file: string, wantDigest = false): SourceRead {
  const read = readBytes(file, wantDigest);
  if (!read.ok) {
    const code = read.code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : code;
    return { ok: false, message: `Cannot read file: ${reason}` };
  }
  const { bytes, digest } = read;
  const head = bytes.subarray(0, 8000);
  if (head.includes(0) && !isUtf16(bytes)) return { ok: false, message: 'Not a text file (contains NUL bytes); skipped' };
  try {
    return { ok: true, text: decoder.decode(bytes), problems: [], digest };
  } catch {
    const text = lossyDecoder.decode(bytes);
    let offset = firstInvalidUtf8(bytes);
    if (text.charCodeAt(0) === 0xfeff) offset = Math.max(0, offset - 1);
    return { ok: true, text, problems: [{ message: 'Invalid UTF-8: the file is not valid UTF-8 from here on (shown as \uFFFD)', offset }], digest };
  }
}

function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
