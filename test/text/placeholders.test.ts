import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANY_PATTERN_MAY_MATCH, findPlaceholder, PATTERNS } from '../../src/text/placeholders.js';

const FRAGMENTS = ['TODO', 'todo', 'ToDo', 'FIXME', 'XXX', 'TBD', 'TBA', 'tk', ':', '(', ')', '[', ']', '{{', '}}', ' ', '\n', '\t', 'put', 'insert', 'add', 'fill in', 'your', 'the', 'text', 'answer', 'goes', 'comes', 'will go', 'here', 'there', 'Here', 'lorem', 'Lorem', 'ipsum', 'placeholder', 'backup', 'restore', '.', '!'];

describe('findPlaceholder', () => {
  it('skips the patterns only for text none of them can match', () => {
    const text = fc.array(fc.tuple(fc.constantFrom(...FRAGMENTS), fc.constantFrom(' ', '')), { maxLength: 16 }).map((parts) => parts.map(([fragment, gap]) => fragment + gap).join(''));
    fc.assert(
      fc.property(text, (candidate) => {
        if (PATTERNS.some((pattern) => pattern.test(candidate))) expect(ANY_PATTERN_MAY_MATCH.test(candidate)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('finds markers in text that has them, and nothing in plain prose', () => {
    expect(findPlaceholder('Restore the file. TODO: explain retention.')?.text).toBe('TODO: explain retention');
    expect(findPlaceholder('Put your answer here.')?.text).toBe('Put your answer here');
    expect(findPlaceholder('Run the backup from a systemd timer; there is no limit.')).toBeUndefined();
  });
});
