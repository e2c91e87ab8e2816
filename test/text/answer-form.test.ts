import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerForm, answerFormHash, textHash } from '../../src/text/answer-form.js';

const hashOfForm = (answer: string, minWords: number): number | undefined => {
  const form = answerForm(answer, minWords);
  return form === undefined ? undefined : textHash(form);
};

describe('answerForm', () => {
  it('makes copies that differ in case, punctuation, spacing and Unicode forms equal', () => {
    const form = answerForm('Copy the folder to the new disk — then point every set at the “new” path!', 12);
    expect(form).toBe('copy the folder to the new disk then point every set at the new path');
    expect(answerForm('  copy THE folder to the new disk, then point every set at the "new" path.', 12)).toBe(form);
    expect(answerForm('Ｃｏｐｙ the folder to the new disk, then point every set at the "new" path', 12)).toBe(form);
  });

  it('counts words as split(/\\s+/) has pieces', () => {
    const eleven = 'one two three four five six seven eight nine ten eleven';
    expect(answerForm(eleven, 12)).toBeUndefined();
    expect(answerForm(`${eleven} twelve`, 12)).toBe(`${eleven} twelve`);
    // A leading space is a piece of its own to split, so it counts as one.
    expect(answerForm(` ${eleven}`, 12)).toBe(eleven);
  });
});

describe('answerFormHash', () => {
  it('is the hash of the form, for any text', () => {
    const text = fc.string({ unit: fc.constantFrom(...'aZ09 .,\t\n\r\v\f-—“é\u00a0ﬁ\u3000x'.split('')), maxLength: 80 });
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 14 }), (answer, minWords) => {
        expect(answerFormHash(answer, minWords)).toBe(hashOfForm(answer, minWords));
      }),
      { numRuns: 3000 },
    );
  });

  it('is the hash of the form for realistic answers', () => {
    for (const answer of [
      'There is no hard limit, but more than 430,000 prune jobs in one repository make listing slower.',
      '  Run `stash prune --dry-run` first: it lists what would go, and deletes nothing.  ',
      'Yes — the CLI works offline; it syncs when it is back online.',
      '',
    ]) {
      for (const minWords of [0, 1, 12]) expect(answerFormHash(answer, minWords)).toBe(hashOfForm(answer, minWords));
    }
  });
});
