import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/text/whitespace.js';

/** Every character JavaScript's `\s` matches, and a few that it does not. */
const SPACES = [' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];

describe('collapseWhitespace', () => {
  it('makes each run of whitespace one space', () => {
    expect(collapseWhitespace(' a  b\tc\r\n d\u00a0e ')).toBe(' a b c d e ');
  });

  it('gives what replacing /\\s+/g with a space gives', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(...SPACES), fc.constantFrom('a', 'b', '\u200b', '.')), maxLength: 30 });
    fc.assert(fc.property(text, (value) => collapseWhitespace(value) === value.replace(/\s+/g, ' ')), { numRuns: 5000, seed: 20_261_205 });
  });
});
