import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAnyQuestion, normalizeQuestion } from '../../src/text/normalize.js';

describe('normalizeQuestion', () => {
  it.each([
    ['How do I restore a snapshot?', 'how do i restore a snapshot'],
    ['  How  do I   `restore`  it?!.. ', "how do i 'restore' it"],
    ['Why “quotes” – and ‘dashes’?', 'why "quotes" - and \'dashes\''],
    ['Ｆｕｌｌｗｉｄｔｈ？', 'fullwidth'],
    ['Tabs\tand\nbreaks ?', 'tabs and breaks'],
  ])('normalises %j', (question, normalized) => {
    expect(normalizeQuestion(question)).toBe(normalized);
  });

  it('reads a printable ASCII question as the general steps read it', () => {
    const ascii = fc.string({ unit: fc.oneof(fc.constantFrom(...' ?!.:;,`\'"-'), fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code))), maxLength: 30 });
    fc.assert(fc.property(ascii, (question) => normalizeQuestion(question) === normalizeAnyQuestion(question)), { numRuns: 5000, seed: 20_261_205 });
  });
});
