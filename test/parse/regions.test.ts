import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MASK_CHAR, maskRanges, occupiesWholeLines, type MaskRange } from '../../src/parse/regions.js';

/** The plain definition: mask each range in turn, character by character. */
function maskOneByOne(text: string, ranges: readonly MaskRange[]): string {
  const chars = text.split('');
  for (const range of ranges) {
    const wholeLines = !range.opaque && occupiesWholeLines(text, range.start, range.end);
    for (let i = range.start; i < range.end; i++) {
      const ch = text[i] as string;
      chars[i] = wholeLines ? (ch === '\n' || ch === '\r' ? ch : ' ') : MASK_CHAR;
    }
  }
  return chars.join('');
}

describe('maskRanges', () => {
  it('blanks syntax that fills whole lines and makes inline syntax one opaque word, keeping the length', () => {
    const text = 'Before\n{{< x >}}\nSee {{< ref "a" >}} here.\n';
    const tag = text.indexOf('{{< x >}}');
    const ref = text.indexOf('{{< ref');
    const masked = maskRanges(text, text, [
      { start: tag, end: tag + 9 },
      { start: ref, end: ref + 15 },
    ]);
    expect(masked).toBe(`Before\n${' '.repeat(9)}\nSee ${MASK_CHAR.repeat(15)} here.\n`);
    expect(maskRanges(text.slice(7), text, [{ start: tag, end: tag + 9, opaque: true }], 7)).toBe(`${MASK_CHAR.repeat(9)}\nSee {{< ref "a" >}} here.\n`);
  });

  it('agrees with masking one range at a time, overlapping ranges included (property)', () => {
    const texts = fc.array(fc.constantFrom('a', ' ', '\n', '\r', '{', 'é', '\t'), { maxLength: 60 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        texts.chain((text) =>
          fc.tuple(
            fc.constant(text),
            fc.array(
              fc.tuple(fc.nat(text.length), fc.nat(text.length), fc.boolean()).map(([a, b, opaque]) => ({ start: Math.min(a, b), end: Math.max(a, b), opaque })),
              { maxLength: 6 },
            ),
          ),
        ),
        ([text, ranges]) => {
          expect(maskRanges(text, text, ranges)).toBe(maskOneByOne(text, ranges));
        },
      ),
      { seed: 7, numRuns: 2000 },
    );
  });
});
