import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NEAR_DUPLICATE_THRESHOLD,
  FUNCTION_WORDS,
  isTypo,
  type PreparedQuestion,
  prepareNormalizedQuestion,
  prepareQuestion,
  questionDistance,
  questionSimilarity,
  stemWord,
  typoNeighbours,
} from '../../src/text/similarity.js';
import { normalizeQuestion } from '../../src/text/normalize.js';

const similarity = (a: string, b: string): number => questionSimilarity(prepareQuestion(a), prepareQuestion(b));

describe('questionSimilarity at the default threshold', () => {
  it('is 0.8', () => {
    expect(DEFAULT_NEAR_DUPLICATE_THRESHOLD).toBe(0.8);
  });

  it.each([
    ['What about a PRO version?', "What's about the PRO version?"],
    ['How do I delete my account?', 'How can I delete my account?'],
    ['How do I reset my passkey?', 'How do I reset my passkeys?'],
    ['Where are snapshots stored?', 'Where are the snapshots stored?'],
    ['How do I restore a snaphsot?', 'How do I restore a snapshot?'],
  ])('finds %j and %j near', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    expect(similarity(b, a)).toBe(similarity(a, b));
  });

  it.each([
    [
      'What is the difference between a passkey and a multi-device credential?',
      'What is the difference between a single-device passkey and a passkey?',
    ],
    ['How do I add a passkey?', 'How do I remove a passkey?'],
    ['Can I use passkeys on Android?', 'Can I use passkeys on iOS?'],
    ['How do I restore a snapshot?', 'Why do I restore a snapshot?'],
    ['Can I restore a snapshot on a different machine?', 'Can I restore a snapshot to a different folder?'],
    ['What is a snapshot?', 'What is a backup set?'],
    // Beyond the brief: why a typo needs the same first letter, and two edits only from 8 letters.
    ['How do I install the app?', 'How do I uninstall the app?'],
    ['How does encryption work?', 'How does decryption work?'],
    ['Can I restore a backup?', 'Can I restart a backup?'],
    ['How do I find my ID?', 'How do I find my IP?'],
  ])('finds %j and %j not near', (a, b) => {
    expect(similarity(a, b)).toBeLessThan(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
  });

  it('gives the documented numbers', () => {
    // A function-word swap (0.25) over weight 3.75; a typo (0.3) over 3.75; a content swap (1).
    expect(similarity('How do I delete my account?', 'How can I delete my account?')).toBeCloseTo(1 - 0.25 / 3.75, 10);
    expect(similarity('How do I restore a snaphsot?', 'How do I restore a snapshot?')).toBeCloseTo(1 - 0.3 / 3.75, 10);
    expect(similarity('How do I add a passkey?', 'How do I remove a passkey?')).toBeCloseTo(1 - 1 / 3.75, 10);
  });
});

describe('prepareQuestion', () => {
  it('normalises, splits contractions and stems content words only', () => {
    const question = prepareQuestion("What’s the PRO version's price, and why don't Passkeys work?");
    expect(question.tokens).toEqual(['what', 'the', 'pro', 'version', 'price', 'and', 'why', 'do', 'not', 'passkey', 'work']);
    expect(question.functionWord).toEqual([false, true, false, false, false, true, false, true, false, false, false]);
    expect(question.weight).toBe(8 + 3 * 0.25);
    expect(prepareQuestion("You can't, it won't, I cannot").tokens).toEqual(['you', 'can', 'not', 'it', 'will', 'not', 'i', 'can', 'not']);
    expect(prepareQuestion('Does it?').tokens).toEqual(['does', 'it']);
  });

  it('stems plurals so that both forms meet', () => {
    const pairs = [
      ['backups', 'backup'],
      ['queries', 'query'],
      ['branches', 'branch'],
      ['cookies', 'cookie'],
      ['caches', 'cache'],
      ['boxes', 'box'],
      ['classes', 'class'],
      ['uses', 'use'],
    ];
    for (const [plural, singular] of pairs) expect(stemWord(plural as string)).toBe(stemWord(singular as string));
    expect(['access', 'status', 'analysis', 'ios', 'bus'].map(stemWord)).toEqual(['access', 'status', 'analysis', 'ios', 'bus']);
  });

  it('counts question words and negation as content', () => {
    for (const word of ['what', 'how', 'why', 'when', 'where', 'who', 'which', 'not']) expect(FUNCTION_WORDS.has(word)).toBe(false);
    for (const word of ['the', 'do', 'can', 'my', 'it', 'about', 'there']) expect(FUNCTION_WORDS.has(word)).toBe(true);
  });
});

describe('isTypo', () => {
  it('allows one edit from 4 letters (or a swap of neighbours from 8), two from 12, none below, and never a new first letter', () => {
    expect(isTypo('snaphsot', 'snapshot')).toBe(true);
    expect(isTypo('deduplicaiton', 'deduplication')).toBe(true);
    expect(isTypo('authentcaton', 'authentication')).toBe(true);
    // Two different letters in a word of 8 to 11 make another word, not a typo.
    expect(isTypo('renaming', 'resuming')).toBe(false);
    expect(isTypo('retention', 'rotations')).toBe(false);
    expect(isTypo('acount', 'account')).toBe(true);
    expect(isTypo('restore', 'restart')).toBe(false);
    expect(isTypo('id', 'ip')).toBe(false);
    expect(isTypo('install', 'uninstall')).toBe(false);
    expect(isTypo('xaccount', 'account')).toBe(false);
    expect(isTypo('snapshot', 'snapshot')).toBe(false);
  });
});

describe('questionSimilarity edge cases', () => {
  it('scores equal texts, and texts without words, 1', () => {
    expect(similarity('How do I log in?', 'how do I log in')).toBe(1);
    expect(similarity('?', '!')).toBe(1);
    expect(similarity('', 'How do I log in?')).toBe(0);
  });

  it('is symmetric, within 0..1, and 1 − distance / heavier weight', () => {
    const word = fc.constantFrom('how', 'why', 'do', 'i', 'a', 'the', 'restore', 'restor', 'snapshot', 'snapshots', 'my', 'account', 'acount', "don't");
    const text = fc.array(word, { maxLength: 10 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(text, text, (x, y) => {
        const a = prepareQuestion(x);
        const b = prepareQuestion(y);
        const score = questionSimilarity(a, b);
        expect(score).toBe(questionSimilarity(b, a));
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
        expect(questionDistance(a, b)).toBeCloseTo(questionDistance(b, a), 12);
        if (a.normalized !== b.normalized && Math.max(a.weight, b.weight) > 0) {
          expect(score).toBe(Math.max(0, 1 - questionDistance(a, b) / Math.max(a.weight, b.weight)));
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** The textbook DP with the documented costs, no shortcuts: the reference for questionDistance. */
function referenceDistance(a: PreparedQuestion, b: PreparedQuestion): number {
  const weight = (q: PreparedQuestion, i: number): number => (q.functionWord[i] ? 0.25 : 1);
  const cost = (i: number, j: number): number => {
    const [x, y] = [a.tokens[i] as string, b.tokens[j] as string];
    if (x === y) return 0;
    if (a.functionWord[i] && b.functionWord[j]) return 0.25;
    if (a.functionWord[i] || b.functionWord[j]) return 1;
    return isTypo(x, y) ? 0.3 : 1;
  };
  const table = Array.from({ length: a.tokens.length + 1 }, () => new Array<number>(b.tokens.length + 1).fill(0));
  const at = (i: number, j: number): number => table[i]?.[j] as number;
  for (let i = 0; i <= a.tokens.length; i++) {
    for (let j = 0; j <= b.tokens.length; j++) {
      const options = [i === 0 && j === 0 ? 0 : Infinity];
      if (i > 0) options.push(at(i - 1, j) + weight(a, i - 1));
      if (j > 0) options.push(at(i, j - 1) + weight(b, j - 1));
      if (i > 0 && j > 0) options.push(at(i - 1, j - 1) + cost(i - 1, j - 1));
      (table[i] as number[])[j] = Math.min(...options);
    }
  }
  return at(a.tokens.length, b.tokens.length);
}

describe('questionDistance', () => {
  it('equals the textbook DP (it skips equal leading and trailing words)', () => {
    const word = fc.constantFrom('how', 'do', 'i', 'a', 'the', 'my', 'restore', 'restor', 'snapshot', 'snaphsot', 'backup', 'account', 'acount', 'not');
    const text = fc.array(word, { maxLength: 9 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(text, text, (x, y) => {
        const [a, b] = [prepareQuestion(x), prepareQuestion(y)];
        expect(questionDistance(a, b)).toBeCloseTo(referenceDistance(a, b), 9);
      }),
      { numRuns: 500 },
    );
  });
});

describe('typoNeighbours', () => {
  it('finds exactly the pairs isTypo accepts', () => {
    const words = ['snapshot', 'snaphsot', 'snapshat', 'snapshop', 'snepshat', 'encriptian', 'restore', 'restor', 'restart', 'acount', 'account', 'id', 'ip', 'data', 'date', 'encryption', 'encrypton', 'uninstall', 'install'];
    const expected = words.map((x, i) => words.flatMap((y, j) => (i === j || isTypo(x, y) ? [j] : [])));
    expect(typoNeighbours(words).map((ids) => [...ids])).toEqual(expected);
  });
});

describe('numbers', () => {
  it('never counts words with digits as typos of each other', () => {
    expect(isTypo('1000', '1001')).toBe(false);
    expect(isTypo('v2', 'v3')).toBe(false);
    const a = prepareQuestion('How do I configure option 1000?');
    const b = prepareQuestion('How do I configure option 1001?');
    expect(questionSimilarity(a, b)).toBeLessThan(0.8);
  });
});

describe('prepareNormalizedQuestion', () => {
  it('with a shared vocabulary, prepares exactly as prepareQuestion, and collects the tokens', () => {
    const vocabulary = new Map<string, string>();
    for (const question of ['How do I restore my backups?', "What's a snapshot's retention?", 'Can I restore backups offline?']) {
      expect(prepareNormalizedQuestion(normalizeQuestion(question), vocabulary)).toEqual(prepareQuestion(question));
    }
    expect([...vocabulary.keys()]).toEqual(expect.arrayContaining(['restore', 'backup', 'snapshot', 'retention', 'offline']));
  });
  it('with a shared vocabulary, questions with one pattern of function words share one array of flags', () => {
    const vocabulary = new Map<string, string>();
    const [restore, remove, list] = ['How do I restore a file?', 'How do I remove a bucket?', 'Which buckets can I list?'].map((question) => prepareNormalizedQuestion(normalizeQuestion(question), vocabulary));
    expect(restore?.functionWord).toBe(remove?.functionWord);
    expect(restore?.functionWord).toEqual(prepareQuestion('How do I restore a file?').functionWord);
    expect(list?.functionWord).not.toBe(restore?.functionWord);
    expect(list?.functionWord).toEqual(prepareQuestion('Which buckets can I list?').functionWord);
  });
  it('reads the words of ASCII text as of any text, with or without a vocabulary', () => {
    // "¿" is neither a letter nor a digit: it ends a word, and sends the text the general way.
    const text = fc.string({ unit: fc.constantFrom(...'ab zZ09\'-.?', "n't", "'s", 'cannot', "can't", 'the', 'do'), maxLength: 24 });
    const vocabulary = new Map<string, string>();
    fc.assert(
      fc.property(text, (value) => {
        const ascii = prepareNormalizedQuestion(value);
        expect(prepareNormalizedQuestion(`${value}¿`)).toEqual({ ...ascii, normalized: `${value}¿` });
        expect(prepareNormalizedQuestion(value, vocabulary)).toEqual(ascii);
      }),
      { numRuns: 3000, seed: 20_261_205 },
    );
  });
  it('prepareNormalizedQuestion of the normalised form is prepareQuestion', () => {
    const question = '  How   DO I “restore” — a file?? ';
    expect(prepareNormalizedQuestion(normalizeQuestion(question))).toEqual(prepareQuestion(question));
  });
});
