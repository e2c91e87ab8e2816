/**
 * Positions of numbers (text and answer hashes) by open addressing in two typed arrays: a Map of
 * 100,000 doubles allocates a heap number per key, and sorting a copy to find repeats takes
 * about 12 ms; this takes 2 or 3.
 */
export class NumberPositions {
  private readonly keys: Float64Array;
  private readonly positions: Int32Array;
  private readonly mask: number;

  /** For up to `capacity` numbers. */
  constructor(capacity: number) {
    const size = 2 ** Math.ceil(Math.log2(2 * capacity + 2));
    this.keys = new Float64Array(size);
    this.positions = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  /** The slot of `value`, or the empty one where it would go. NaN is never found: it equals nothing. */
  private slot(value: number): number {
    // Both halves of the number's bits mixed: hashes differ anywhere in their 53 bits, small ids in the low ones.
    const low = value % 4294967296 | 0;
    const high = (value / 4294967296) | 0;
    let at = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) & this.mask;
    while (this.positions[at] !== -1 && this.keys[at] !== value) at = (at + 1) & this.mask;
    return at;
  }

  /** Records `value` at `position`, unless it is there already: then returns the position it has (else -1). */
  add(value: number, position: number): number {
    const at = this.slot(value);
    const known = this.positions[at] as number;
    if (known !== -1) return known;
    this.keys[at] = value;
    this.positions[at] = position;
    return -1;
  }

  /** The position recorded for `value`, or -1. */
  get(value: number): number {
    return this.positions[this.slot(value)] as number;
  }
}

/** The values found more than once (NaN never is). */
export function repeatedValues(values: Float64Array): { has(value: number): boolean } {
  const table = new NumberPositions(values.length);
  const repeated = new Uint8Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index] as number;
    if (Number.isNaN(value)) continue;
    const first = table.add(value, index);
    if (first !== -1) repeated[first] = 1;
  }
  return {
    has: (value) => {
      const first = table.get(value);
      return first !== -1 && repeated[first] === 1;
    },
  };
}
