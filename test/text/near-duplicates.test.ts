import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitCount, findNearDuplicates, findNearDuplicatesAllPairs, findNearDuplicatesOf, mergeWordIndex } from '../../src/text/near-duplicates.js';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, prepareQuestion, type PreparedQuestion } from '../../src/text/similarity.js';

const prepareAll = (texts: readonly string[]) => texts.map(prepareQuestion);

/** Deterministic PRNG (mulberry32), so generated corpora are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERBS = `add remove delete restore rename export import share sync move copy archive encrypt schedule pause resume
  enable disable configure update upgrade migrate verify download upload recover reset lock unlock invite transfer merge
  tag search filter sort preview print publish approve`.split(/\s+/);
const NOUNS = `snapshot backup passkey account folder file device invoice workspace project user team report dashboard
  token key certificate bucket volume repository branch webhook integration plan subscription license domain calendar
  contact message channel notification policy role group permission template label comment attachment photo video album
  playlist note task ticket order payment card refund coupon schedule job pipeline build release deployment cluster node
  database table index query view widget form field survey response invoice receipt budget`.split(/\s+/);
const ADJECTIVES = `shared encrypted archived old large scheduled remote local default custom personal public private deleted
  pending failed offline incremental full nightly weekly`.split(/\s+/);
const PLATFORMS = ['Android', 'iOS', 'Windows', 'macOS', 'Linux', 'ChromeOS', 'the web app', 'a NAS', 'Docker', 'Kubernetes'];
const SYLLABLES = `ka lor min vet sar dro pel qui ton bra zel fen gor hal jun mox nep rin sul tav wex yor cal dex bim`.split(/\s+/);
const TEMPLATES = [
  'How do I {verb} a {noun}?',
  'How do I {verb} {noun}s in {product}?',
  'Can I {verb} {noun}s on {platform}?',
  "Why can't I {verb} my {noun}?",
  'What happens to my {noun}s when I {verb} a {noun2}?',
  'Where are {noun}s stored?',
  'Is there a limit on the number of {noun}s per {noun2}?',
  'What is the difference between a {noun} and a {noun2}?',
  'How long does it take to {verb} a {noun}?',
  'Does {product} support {noun}s?',
  'How do I {verb} a {noun} from {product} to {product2}?',
  'What does the {noun} setting do?',
  'Who can {verb} {noun}s in a {noun2}?',
  'When should I {verb} my {noun}s?',
  'Which {noun}s can I {verb} with {product}?',
  'What is a {noun}?',
  'Is {product} free?',
  'How much does a {noun} cost?',
  'Why is my {noun} slow?',
  'Can {product} {verb} {noun}s automatically?',
];

/**
 * A realistic FAQ corpus: templated questions whose nouns come from a hundred real words and
 * product-specific terms, sometimes with an adjective or an "in <product>"; and about 6%
 * variants of earlier questions (a synonym auxiliary, another article, a plural, a swapped pair
 * of letters, an exact repeat). Like real text, the vocabulary grows with the corpus (Heaps'
 * law, here 25·n^0.6 terms) and word use is skewed, so some terms are common.
 */
function generateQuestions(count: number, seed = 1): string[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[], skew = 1): T => items[Math.floor(next() ** skew * items.length)] as T;
  const coin = (): string => Array.from({ length: 2 + Math.floor(next() * 3) }, () => pick(SYLLABLES)).join('');
  const terms = [...new Set(Array.from({ length: Math.round(25 * count ** 0.6) }, coin))];
  const products = Array.from({ length: Math.round(2 * count ** 0.5) }, () => {
    const name = coin();
    return name[0]?.toUpperCase() + name.slice(1);
  });
  const noun = (): string => (next() < 0.25 ? `${pick(ADJECTIVES)} ` : '') + (next() < 0.4 ? pick(NOUNS, 1.5) : pick(terms, 1.5));
  const slots: Record<string, () => string> = {
    verb: () => pick(VERBS),
    noun: noun,
    noun2: noun,
    platform: () => pick(PLATFORMS),
    product: () => pick(products, 2),
    product2: () => pick(products, 2),
  };
  const questions: string[] = [];
  while (questions.length < count) {
    const earlier = questions.length > 0 ? pick(questions) : undefined;
    if (earlier !== undefined && next() < 0.06) {
      const variant = pick([
        () => earlier.replace(' do I ', ' can I '),
        () => earlier.replace(' a ', ' the '),
        () => earlier.replace(/(\w{5,})\?$/, '$1s?'),
        () => earlier.replace(/\b(\w)(\w)(\w)(\w{4,})\b/, '$1$3$2$4'),
        () => earlier,
      ]);
      questions.push(variant());
      continue;
    }
    const question = pick(TEMPLATES).replace(/\{(\w+)\}/g, (_, slot: string) => (slots[slot] as () => string)());
    questions.push(next() < 0.2 ? question.replace(/\?$/, ` in ${slots.product?.() ?? ''}?`) : question);
  }
  return questions;
}

describe('bitCount', () => {
  it('counts the set bits of any 32-bit integer, the sign bit included (property)', () => {
    const slowCount = (bits: number): number => {
      let count = 0;
      for (let bit = 0; bit < 32; bit++) count += (bits >>> bit) & 1;
      return count;
    };
    expect([0, -1, 1, -2147483648, 2147483647].map(bitCount)).toEqual([0, 32, 1, 1, 31]);
    fc.assert(fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (bits) => bitCount(bits) === slowCount(bits)));
  });
});

describe('findNearDuplicates', () => {
  const texts = [
    'How do I delete my account?',
    'How can I delete my account?',
    'How do I add a passkey?',
    'How do I remove a passkey?',
    'how do i delete my account',
    'How do I restore a snaphsot?',
    'How do I restore a snapshot?',
    '???',
    '!!',
  ];

  it('reports near pairs, not exact repeats, sorted, with every index of a repeated text', () => {
    const pairs = findNearDuplicates(prepareAll(texts), DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    expect(pairs.map(({ a, b }) => [a, b])).toEqual([
      [0, 1],
      [1, 4],
      [5, 6],
    ]);
    expect(pairs).toEqual(findNearDuplicatesAllPairs(prepareAll(texts), DEFAULT_NEAR_DUPLICATE_THRESHOLD));
  });

  it('handles an empty input and thresholds outside (0, 1]', () => {
    expect(findNearDuplicates([], 0.8)).toEqual([]);
    const questions = prepareAll(texts);
    expect(findNearDuplicates(questions, 0)).toEqual(findNearDuplicatesAllPairs(questions, 0));
    expect(findNearDuplicates(questions, 1.5)).toEqual([]);
  });

  it('finds exactly the pairs of the all-pairs scan, and of a subset exactly the pairs that involve it (property)', () => {
    const CONTENT = `what how why where snapshot snapshots snaphsot snapshat snepshat encriptian restore restores restor restart backup backups
      bakup passkey paskey passkeys account acount delete delet remove install uninstall id ip android folder folders machine
      different differnt encryption encryptoin decryption version cookie cookies cache caches data date`.split(/\s+/);
    const FUNCTION = `a an the do does can could i my you your it is are to on in of for with about and or this what's don't can't`.split(
      /\s+/,
    );
    const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CONTENT) }, { weight: 2, arbitrary: fc.constantFrom(...FUNCTION) });
    const question = fc.array(word, { minLength: 2, maxLength: 12 });
    const edit = fc.record({ kind: fc.constantFrom('insert', 'delete', 'replace'), at: fc.nat(), word });
    // Questions derived from a few bases by a few edits, so that near pairs are plentiful.
    const corpus = fc
      .tuple(fc.array(question, { minLength: 1, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), fc.array(edit, { maxLength: 4 })), { minLength: 50, maxLength: 300 }))
      .map(([bases, derived]) =>
        derived.map(([base, edits]) => {
          const words = [...(bases[base % bases.length] as string[])];
          for (const { kind, at, word: replacement } of edits) {
            const position = at % (words.length + 1);
            if (kind === 'insert' && words.length < 12) words.splice(position, 0, replacement);
            else if (kind === 'delete' && words.length > 2) words.splice(position % words.length, 1);
            else if (kind === 'replace') words[position % words.length] = replacement;
          }
          return `${words.join(' ')}?`;
        }),
      );
    const threshold = fc.oneof(fc.double({ min: 0.6, max: 0.95, noNaN: true }), fc.constantFrom(0.6, 2 / 3, 0.7, 0.75, 0.8, 0.9, 0.95));
    fc.assert(
      fc.property(corpus, threshold, fc.array(fc.nat(), { maxLength: 8 }), (questionTexts, t, picks) => {
        const questions = prepareAll(questionTexts);
        const all = findNearDuplicatesAllPairs(questions, t);
        expect(findNearDuplicates(questions, t)).toEqual(all);
        const subset = picks.map((pick) => pick % questions.length);
        const involved = all.filter(({ a, b }) => subset.includes(a) || subset.includes(b));
        const preparedAt = (index: number) => questions[index] as PreparedQuestion;
        const index = mergeWordIndex(questions.length, undefined, () => -1, preparedAt);
        expect(findNearDuplicatesOf(index, subset, preparedAt, t)).toEqual(involved);
        // An index carried over from an earlier list (here reversed, the subset left out) is the same index.
        const earlier = mergeWordIndex(questions.length, undefined, () => -1, (at) => preparedAt(questions.length - 1 - at));
        const carried = mergeWordIndex(questions.length, earlier, (at) => (subset.includes(at) ? -1 : questions.length - 1 - at), preparedAt);
        expect(findNearDuplicatesOf(carried, subset, preparedAt, t)).toEqual(involved);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with the all-pairs scan on a generated corpus', () => {
    const questions = prepareAll(generateQuestions(1500, 7));
    const subset = Array.from({ length: 60 }, (_, at) => (at * 97) % questions.length);
    const preparedAt = (index: number) => questions[index] as PreparedQuestion;
    const index = mergeWordIndex(questions.length, undefined, () => -1, preparedAt);
    for (const t of [0.6, DEFAULT_NEAR_DUPLICATE_THRESHOLD, 0.9]) {
      const all = findNearDuplicatesAllPairs(questions, t);
      expect(findNearDuplicates(questions, t)).toEqual(all);
      expect(findNearDuplicatesOf(index, subset, preparedAt, t)).toEqual(all.filter(({ a, b }) => subset.includes(a) || subset.includes(b)));
    }
  });

  it('searches 20,000 generated questions', () => {
    const texts20k = generateQuestions(20_000);
    const started = performance.now();
    const questions = prepareAll(texts20k);
    const prepared = performance.now();
    const pairs = findNearDuplicates(questions, DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    const done = performance.now();
    console.log(`20,000 questions: prepare ${(prepared - started).toFixed(0)} ms, search ${(done - prepared).toFixed(0)} ms, ${pairs.length} pairs`);
    expect(pairs.length).toBeGreaterThan(0);
    for (const { a, b, score } of pairs.slice(0, 200)) {
      expect(a).toBeLessThan(b);
      expect(score).toBeGreaterThanOrEqual(DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    }
  });
});

describe.skipIf(!process.env.FAQLINT_BENCH)('findNearDuplicates benchmark (FAQLINT_BENCH=1)', () => {
  it.each([10_000, 100_000, 300_000])('%i questions', (count) => {
    const texts = generateQuestions(count);
    const started = performance.now();
    const questions = prepareAll(texts);
    const prepared = performance.now();
    const pairs = findNearDuplicates(questions, DEFAULT_NEAR_DUPLICATE_THRESHOLD);
    const done = performance.now();
    console.log(`${count} questions: prepare ${(prepared - started).toFixed(0)} ms, search ${(done - prepared).toFixed(0)} ms, ${pairs.length} pairs`);
  }, 600_000);
});
