/**
 * How alike two FAQ questions are, for near-duplicate detection. The measure is a word-level
 * edit distance in which the words that rarely change what is asked ("the", "do", "my") are
 * cheap to add, drop or swap, and a misspelt word is cheap to fix. So "How do I delete my
 * account?" and "How can I delete my account?" come out near, while "How do I add a passkey?"
 * and "How do I remove a passkey?" do not: a changed content word costs as much as the
 * question's whole grammar.
 *
 * Costs (weights are per token: function word 0.25, content word 1):
 * - insert or delete a token: its weight;
 * - swap one function word for another: 0.25; a function word for a content word: 1;
 * - swap two content words: 0 if they stem alike, {@link TYPO_COST} (0.3) if one is a typo of
 *   the other (see {@link isTypo}), else 1.
 * Similarity is 1 − distance / max(weight(a), weight(b)), clamped at 0.
 */
import { normalizeQuestion } from './normalize.js';
import { editDistance } from './edit-distance.js';

/** The similarity at or above which two questions count as near duplicates. */
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8;
/** Weight (and insert/delete cost) of a function word, and the cost of swapping two of them. */
export const FUNCTION_WORD_WEIGHT = 0.25;
/** Weight (and insert/delete cost) of a content word, and the cost of any swap involving one. */
export const CONTENT_WORD_WEIGHT = 1;
/** Cost of replacing a content word by a misspelling of it. */
export const TYPO_COST = 0.3;

/**
 * English function words: articles, auxiliaries and modals, personal pronouns and possessives,
 * common prepositions and conjunctions. Changing one rarely changes the question. Question
 * words (what, how, why, when, where, who, which) and "not" are content: they do.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `a an the
  do does did can could should would will shall may might must is are am was were be been being has have had
  i you we he she it they me us him her them my your our his its their
  of to in on for with about at by from into onto as and or if that this there these those`.split(/\s+/),
);

/** A question tokenised once, so that comparing it with many others stays cheap. */
export interface PreparedQuestion {
  /** {@link normalizeQuestion}'s form; equal forms are exact repeats, not near duplicates. */
  readonly normalized: string;
  /** Words after contraction splitting; content words are stemmed (see {@link stemWord}). */
  readonly tokens: string[];
  /** Parallel to `tokens`: whether each is in {@link FUNCTION_WORDS}. */
  readonly functionWord: readonly boolean[];
  /** Sum of the token weights. */
  readonly weight: number;
}

// Letters, combining marks and digits, with inner apostrophes kept so that "what's" is one word.
const WORD = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu;
// Bases of irregular "n't" forms: "can't", "won't", "shan't".
const NEGATED_BASE: Readonly<Record<string, string>> = { ca: 'can', wo: 'will', sha: 'shall' };
const CLITIC = /'(?:s|re|ve|ll|d|m)$/;

/**
 * Splits contractions, kept simple: "n't" becomes "not" after its base ("don't" → "do not",
 * "can't" → "can not"), and the clitics 's 're 've 'll 'd 'm are dropped ("what's" → "what",
 * "it's" → "it", "user's" → "user"): they stand for function words or a possessive, which would
 * cost at most a function word anyway. "cannot" is "can not". Other apostrophes are removed.
 */
function splitContraction(word: string): string[] {
  if (word === 'cannot') return ['can', 'not'];
  if (!word.includes("'")) return [word];
  if (word.endsWith("n't")) {
    const base = word.slice(0, -3);
    return [NEGATED_BASE[base] ?? base.replace(/'/g, ''), 'not'];
  }
  return [word.replace(CLITIC, '').replace(/'/g, '')];
}

/**
 * Light English stemming, only for plurals and third-person "s" (both sides get the same
 * treatment, so a stem need not be a word): "passkeys" → "passkey", "queries" → "query",
 * "branches" → "branch". Words of three letters or fewer and words ending in "ss", "us" or
 * "is" (access, status, analysis) are kept. A final "ie" becomes "y" and a final "che" loses
 * its "e", so that "cookie"/"cookies" and "cache"/"caches" meet too.
 */
export function stemWord(word: string): string {
  let stem = word;
  if (stem.length > 3 && stem.endsWith('s') && !/(?:ss|us|is)$/.test(stem)) {
    if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
    else if (/(?:sses|xes|ches|shes)$/.test(stem)) stem = stem.slice(0, -2);
    else stem = stem.slice(0, -1);
  }
  if (stem.length > 3 && stem.endsWith('ie')) return `${stem.slice(0, -2)}y`;
  if (stem.length > 3 && stem.endsWith('che')) return stem.slice(0, -1);
  return stem;
}

/** Tokenises and weighs a question (normalising it with {@link normalizeQuestion} first). */
export function prepareQuestion(text: string): PreparedQuestion {
  return prepareNormalizedQuestion(normalizeQuestion(text));
}

/** Per vocabulary, one array per pattern of function words: a site's questions follow a few thousand patterns. */
const functionWordPatterns = new WeakMap<Map<string, string>, Map<string, readonly boolean[]>>();

/** A word as a question spells it, as a token: its shared stem (or itself), and whether it is a function word. */
interface WordToken {
  token: string;
  isFunction: boolean;
}

/** Per vocabulary, each word spelt so far as a token: a site's 100,000 questions use a few thousand words. */
const wordTokens = new WeakMap<Map<string, string>, Map<string, WordToken>>();

/** {@link WORD} in text that is all ASCII, where it is the letters and digits, which Irregexp finds several times faster. */
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*/g;
const ASCII = /^[\x00-\x7f]*$/;

function wordToken(word: string, vocabulary: Map<string, string> | undefined): WordToken {
  const isFunction = FUNCTION_WORDS.has(word);
  const token = isFunction ? word : stemWord(word);
  let shared = vocabulary?.get(token);
  if (shared === undefined) {
    shared = token;
    vocabulary?.set(token, token);
  }
  return { token: shared, isFunction };
}

/**
 * {@link prepareQuestion} of a question already in {@link normalizeQuestion}'s form. Questions
 * prepared with one `vocabulary` share one string per distinct token, and one `functionWord`
 * array per pattern; their arrays are no longer than they need be. A large site's 100,000
 * questions take about half the memory so.
 */
export function prepareNormalizedQuestion(normalized: string, vocabulary?: Map<string, string>): PreparedQuestion {
  const tokens: string[] = [];
  const functionWord: boolean[] = [];
  let pattern = '';
  let weight = 0;
  let known = vocabulary && wordTokens.get(vocabulary);
  if (vocabulary && !known) wordTokens.set(vocabulary, (known = new Map()));
  const add = (word: string): void => {
    if (word === '') return;
    let entry = known?.get(word);
    if (!entry) {
      entry = wordToken(word, vocabulary);
      known?.set(word, entry);
    }
    tokens.push(entry.token);
    functionWord.push(entry.isFunction);
    pattern += entry.isFunction ? '1' : '0';
    weight += entry.isFunction ? FUNCTION_WORD_WEIGHT : CONTENT_WORD_WEIGHT;
  };
  const words = ASCII.test(normalized) ? ASCII_WORD : WORD;
  words.lastIndex = 0;
  for (let match = words.exec(normalized); match !== null; match = words.exec(normalized)) {
    const word = match[0];
    if (word === 'cannot' || word.includes("'")) for (const part of splitContraction(word)) add(part);
    else add(word);
  }
  if (!vocabulary) return { normalized, tokens, functionWord, weight };
  let patterns = functionWordPatterns.get(vocabulary);
  if (!patterns) functionWordPatterns.set(vocabulary, (patterns = new Map()));
  let sharedPattern = patterns.get(pattern);
  if (!sharedPattern) patterns.set(pattern, (sharedPattern = functionWord.slice()));
  return { normalized, tokens: tokens.slice(), functionWord: sharedPattern, weight };
}

/**
 * How many character edits a pair of words may differ by and still be a typo, by the length of
 * the shorter one: none up to 3 letters ("id"/"ip", "ios"/"ics" are different words), 1 up to
 * 7, 2 from 8 (a swapped pair of letters, "snaphsot", is two Levenshtein edits). Stricter than
 * "1 up to 5, else 2", which made "restore"/"restart" and "public"/"publish" typos.
 */
export function typoBudget(shorterLength: number): number {
  return shorterLength <= 3 ? 0 : shorterLength <= 7 ? 1 : 2;
}

/**
 * Whether one (stemmed) content word is a misspelling of another: they start with the same
 * letter and are within {@link typoBudget} Levenshtein edits, where two edits in a word shorter
 * than 12 letters count only as a swap of neighbouring letters ("snaphsot"): two different
 * letters there make another word ("renaming"/"resuming"). The first letter must agree
 * because typists rarely miss it while prefixes that flip the meaning live there
 * ("install"/"uninstall", "encryption"/"decryption"). Words with digits are never typos of
 * each other. Equal words are not typos.
 */
export function isTypo(a: string, b: string): boolean {
  if (a === b || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  // Numbers and versions name different things ("option 1000" / "option 1001", "v2" / "v3").
  if (/\d/.test(a) || /\d/.test(b)) return false;
  const shorter = Math.min(a.length, b.length);
  const budget = typoBudget(shorter);
  if (budget === 0 || Math.abs(a.length - b.length) > budget) return false;
  const distance = editDistance(a, b);
  if (distance <= 1) return true;
  return distance <= budget && (shorter >= 12 || isNeighbourSwap(a, b));
}

/** Whether `b` is `a` with two neighbouring letters swapped. */
function isNeighbourSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let first = 0;
  while (first < a.length && a[first] === b[first]) first++;
  return first + 1 < a.length && a[first] === b[first + 1] && a[first + 1] === b[first] && a.slice(first + 2) === b.slice(first + 2);
}

/**
 * Calls `emit` with a 32-bit hash (FNV-1a) of every string made by deleting up to the word's typo
 * budget of letters from it, never the first, the word itself included. Hashes, not strings:
 * a large site has tens of thousands of words and dozens of such strings each.
 */
function forEachDeletionHash(word: string, emit: (hash: number) => void): void {
  const length = word.length;
  const hashSkipping = (skip: number, skipToo: number): number => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < length; i++) if (i !== skip && i !== skipToo) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
    return hash >>> 0;
  };
  const budget = typoBudget(length);
  emit(hashSkipping(-1, -1));
  for (let i = 1; i < length && budget >= 1; i++) emit(hashSkipping(i, -1));
  for (let i = 1; i < length && budget >= 2; i++) for (let j = i + 1; j < length; j++) emit(hashSkipping(i, j));
}

/**
 * For each of `words` (distinct), the indices of the words equal to it or typos of it (itself
 * included), ascending, without comparing all pairs: a symmetric-delete index. Two words within
 * e edits share a string made by at most e deletions from each (never of the first letter, which
 * {@link isTypo} requires to agree), so words sharing a deletion hash are the candidates (hash
 * collisions only add candidates) and {@link isTypo} decides.
 */
export function typoNeighbours(words: readonly string[]): Int32Array[] {
  // Entries pack (hash, word id) into one exactly representable number, so one numeric sort groups them.
  const idScale = 2 ** Math.max(1, Math.ceil(Math.log2(words.length + 1)));
  const hashRange = Math.min(2 ** 32, 2 ** 53 / idScale);
  const entries: number[] = [];
  words.forEach((word, id) => forEachDeletionHash(word, (hash) => entries.push((hash % hashRange) * idScale + id)));
  const sorted = Float64Array.from(entries).sort();
  const found = words.map((_, id) => [id]);
  for (let start = 0; start < sorted.length; ) {
    const key = Math.floor((sorted[start] as number) / idScale);
    let end = start + 1;
    while (end < sorted.length && Math.floor((sorted[end] as number) / idScale) === key) end++;
    for (let i = start; i < end; i++) {
      const x = (sorted[i] as number) % idScale;
      for (let j = i + 1; j < end; j++) {
        const y = (sorted[j] as number) % idScale;
        if (isTypo(words[x] as string, words[y] as string)) {
          found[x]?.push(y);
          found[y]?.push(x);
        }
      }
    }
    start = end;
  }
  // A pair of words may share several deletion strings: keep each neighbour once.
  return found.map((ids) => Int32Array.from(new Set(ids)).sort());
}

// DP rows reused across calls (two rows side by side): the search verifies millions of pairs.
let rows = new Float64Array(64);

function weightOf(isFunction: boolean | undefined): number {
  return isFunction ? FUNCTION_WORD_WEIGHT : CONTENT_WORD_WEIGHT;
}

/** The weighted word-level edit distance between two prepared questions (see the module doc). */
export function questionDistance(a: PreparedQuestion, b: PreparedQuestion): number {
  const { tokens: aTokens, functionWord: aFunction } = a;
  const { tokens: bTokens, functionWord: bFunction } = b;
  // Equal leading and trailing tokens are matched for free in some optimal alignment (each cost
  // below is at most the cost of replacing the token by the equal one and deleting that), so
  // the DP runs on the middle only: templated questions differ in a slot or two.
  let head = 0;
  let aEnd = aTokens.length;
  let bEnd = bTokens.length;
  while (head < aEnd && head < bEnd && aTokens[head] === bTokens[head]) head++;
  while (aEnd > head && bEnd > head && aTokens[aEnd - 1] === bTokens[bEnd - 1]) {
    aEnd--;
    bEnd--;
  }
  const m = bEnd - head;
  if (rows.length < 2 * (m + 1)) rows = new Float64Array(4 * (m + 1));
  const table = rows;
  // Row i lives at offset (i % 2) * (m + 1).
  let previous = 0;
  let current = m + 1;
  table[0] = 0;
  for (let j = 1; j <= m; j++) table[j] = (table[j - 1] as number) + weightOf(bFunction[head + j - 1]);
  for (let i = head; i < aEnd; i++) {
    const x = aTokens[i] as string;
    const xFunction = aFunction[i];
    const deletion = weightOf(xFunction);
    let diagonal = table[previous] as number;
    let left = diagonal + deletion;
    table[current] = left;
    for (let j = 1; j <= m; j++) {
      const y = bTokens[head + j - 1] as string;
      const yFunction = bFunction[head + j - 1];
      let substitution: number;
      if (x === y) substitution = 0;
      else if (xFunction && yFunction) substitution = FUNCTION_WORD_WEIGHT;
      else if (xFunction || yFunction) substitution = CONTENT_WORD_WEIGHT;
      else substitution = isTypo(x, y) ? TYPO_COST : CONTENT_WORD_WEIGHT;
      const above = table[previous + j] as number;
      const insertion = left + weightOf(yFunction);
      let best = diagonal + substitution;
      if (above + deletion < best) best = above + deletion;
      if (insertion < best) best = insertion;
      table[current + j] = best;
      diagonal = above;
      left = best;
    }
    [previous, current] = [current, previous];
  }
  return table[previous + m] as number;
}

/**
 * 0..1, 1 = same question: 1 − {@link questionDistance} / the heavier question's weight. Equal
 * normalised texts, and two questions without words, score 1.
 */
export function questionSimilarity(a: PreparedQuestion, b: PreparedQuestion): number {
  if (a.normalized === b.normalized) return 1;
  const heavier = Math.max(a.weight, b.weight);
  if (heavier === 0) return 1;
  return Math.max(0, 1 - questionDistance(a, b) / heavier);
}
