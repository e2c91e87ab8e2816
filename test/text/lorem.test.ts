import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFiller, isFillerSentence, mayHoldFiller } from '../../src/text/lorem.js';

// Filler, shared Latin, English and look-alike words, in any case, with the marks words carry.
const WORDS = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', 'consectetur', 'elit', 'sed', 'do', 'eiusmod', 'tempor', 'ut', 'ea', 'et', 'al', 'ad', 'hoc', 'backup', 'restore', 'the', 'a', 'Lorem', 'IPSUM', 'Ut', 'ipsums', 'loremipsum', 'dolore', 'est', 'vitae', 'eu', 'eus'];
const MARKS = ['', '', '', "'", '’', '-', "'s", '.', ',', '!', '?'];
const GAPS = [' ', ' ', '  ', '\n', '-', '/', '(', ') ', ' — ', 'é', 'İ', 'K'];

const sentence = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...MARKS), fc.constantFrom(...GAPS)), { maxLength: 14 }).map((parts) => parts.map(([word, mark, gap]) => `${word}${mark}${gap}`).join(''));

describe('mayHoldFiller', () => {
  it('is true of every text with a filler sentence', () => {
    fc.assert(
      fc.property(sentence, (text) => {
        if (isFillerSentence(text).filler || findFiller(text).length > 0) expect(mayHoldFiller(text)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('lets plain English through unread, and not Latin', () => {
    expect(mayHoldFiller('Run the backup from a systemd timer, then check the log for errors.')).toBe(false);
    expect(mayHoldFiller('Dolor sit amet, consectetur adipiscing elit.')).toBe(true);
    expect(findFiller('Dolor sit amet, consectetur adipiscing elit.')).toHaveLength(1);
  });
});
