/**
 * Answers compared for equality: two questions with the same substantial answer may be one
 * question. Copies compare equal in a normal form (NFKC, lower case, runs of anything but
 * letters and digits as one space, trimmed), and are compared by a 53-bit hash of that form,
 * made without making it: a hash is all a run after an edit keeps of an unchanged page's
 * answers. Two different answers share one with odds of about 1 in 9 × 10^15 per pair, and would
 * then still have to sit under two questions of the same wording to be reported.
 */

/**
 * The answer's normal form, or undefined when it has fewer than `minWords` words (as many as
 * `answer.split(/\s+/)` has pieces).
 */
export function answerForm(answer: string, minWords: number): string | undefined {
  let pieces = 1;
  for (const whitespace = /\s+/g; pieces < minWords && whitespace.exec(answer) !== null; ) pieces++;
  if (pieces < minWords) return undefined;
  // ASCII is its own NFKC form, and its letters and digits are a-z and 0-9 once lower-cased.
  return /^[\x00-\x7f]*$/.test(answer)
    ? answer.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
    : answer.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** A second hash of the same code units, by another multiplier (MurmurHash2's), for 53 bits in all. */
const SECOND_OFFSET = 0x9747b28c;
const SECOND_PRIME = 0x5bd1e995;

/** FNV-1a's 32 bits and 21 of a second hash, as one safe integer. */
function joined(first: number, second: number): number {
  return (first >>> 0) * 0x200000 + ((second >>> 11) & 0x1fffff);
}

/** The 53-bit hash of a string's code units. */
export function textHash(text: string): number {
  let hash = FNV_OFFSET;
  let second = SECOND_OFFSET;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    hash = Math.imul(hash ^ code, FNV_PRIME);
    second = Math.imul(second ^ code, SECOND_PRIME);
  }
  return joined(hash, second);
}

/**
 * `textHash(answerForm(answer, minWords))`, or undefined when that form is: for ASCII answers in
 * one pass over the text, with no string made (the form of any other is made).
 */
export function answerFormHash(answer: string, minWords: number): number | undefined {
  let hash = FNV_OFFSET;
  let second = SECOND_OFFSET;
  let pieces = 1;
  let inWhitespace = false;
  let written = false;
  let gap = false;
  for (let index = 0; index < answer.length; index++) {
    const code = answer.charCodeAt(index);
    if (code > 0x7f) {
      const form = answerForm(answer, minWords);
      return form === undefined ? undefined : textHash(form);
    }
    // \s in ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
    const whitespace = code === 0x20 || (code >= 0x09 && code <= 0x0d);
    if (whitespace && !inWhitespace) pieces++;
    inWhitespace = whitespace;
    const lower = code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
    if ((lower >= 0x61 && lower <= 0x7a) || (lower >= 0x30 && lower <= 0x39)) {
      if (gap && written) {
        hash = Math.imul(hash ^ 0x20, FNV_PRIME);
        second = Math.imul(second ^ 0x20, SECOND_PRIME);
      }
      hash = Math.imul(hash ^ lower, FNV_PRIME);
      second = Math.imul(second ^ lower, SECOND_PRIME);
      written = true;
      gap = false;
    } else {
      gap = true;
    }
  }
  return pieces < minWords ? undefined : joined(hash, second);
}
