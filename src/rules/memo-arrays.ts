/**
 * Typed arrays as a site rule's memo keeps them: base64 strings, one string where the numbers'
 * JSON would be a long array to write and parse.
 */

export function encoded(values: Float64Array | Float32Array | Int32Array | Uint16Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** A typed array from base64, copied so that it is aligned; undefined when the bytes do not fit. */
export function decoded<T>(encoded: unknown, Type: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number }): T | undefined {
  if (typeof encoded !== 'string') return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  return bytes.length % Type.BYTES_PER_ELEMENT === 0 ? new Type(new Uint8Array(bytes).buffer) : undefined;
}

/** The `[from, to)` range of chunk `chunk` of `count` items, `size` a chunk. */
export function chunkRange(chunk: number, size: number, count: number): [number, number] {
  return [chunk * size, Math.min(count, (chunk + 1) * size)];
}

/** How many chunks of `size` hold `count` items. */
export function chunkCount(count: number, size: number): number {
  return Math.ceil(count / size);
}
