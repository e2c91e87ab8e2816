import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberPositions, repeatedValues } from '../../src/rules/number-positions.js';

describe('NumberPositions', () => {
  it('finds each number where it was first added, as a Map does, for hashes, small ids, negative and fractional numbers', () => {
    const number = fc.oneof(fc.integer({ min: 0, max: 20 }), fc.maxSafeInteger(), fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.double({ noNaN: true }));
    fc.assert(
      fc.property(fc.array(number, { maxLength: 300 }), fc.array(number, { maxLength: 50 }), (added, asked) => {
        const positions = new NumberPositions(added.length);
        const map = new Map<number, number>();
        added.forEach((value, at) => {
          expect(positions.add(value, at)).toBe(map.get(value) ?? -1);
          if (!map.has(value)) map.set(value, at);
        });
        for (const value of [...added, ...asked]) expect(positions.get(value)).toBe(map.get(value) ?? -1);
      }),
    );
  });

  it('never finds NaN', () => {
    const positions = new NumberPositions(2);
    expect(positions.add(Number.NaN, 0)).toBe(-1);
    expect(positions.get(Number.NaN)).toBe(-1);
  });
});

describe('repeatedValues', () => {
  it('holds the values given more than once, and not NaN', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(Number.NaN), fc.maxSafeInteger())), (values) => {
        const repeated = repeatedValues(Float64Array.from(values));
        for (const value of values) expect(repeated.has(value)).toBe(!Number.isNaN(value) && values.filter((other) => other === value).length > 1);
        expect(repeated.has(-1)).toBe(false);
      }),
    );
  });
});
