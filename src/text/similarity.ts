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
import levenshtein from 'fast-levenshtein';
import { normalizeQuestion } from './normalize.js';

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
  readonly functionWord: boolean[];
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
  const normalized = normalizeQuestion(text);
  const tokens: string[] = [];
  const functionWord: boolean[] = [];
  let weight = 0;
  for (const match of normalized.matchAll(WORD)) {
    for (const word of splitContraction(match[0])) {
      if (word === '') continue;
      const isFunction = FUNCTION_WORDS.has(word);
      tokens.push(isFunction ? word : stemWord(word));
      functionWord.push(isFunction);
      weight += isFunction ? FUNCTION_WORD_WEIGHT : CONTENT_WORD_WEIGHT;
    }
  }
  return { normalized, tokens, functionWord, weight };
}

/**
 * How many character edits a pair of words may differ by and still be a typo, by the length of
 * the shorter one: none up to 3 letters ("id"/"ip", "ios"/"ics" are different words), 1 up to
 * 7, 2 from 8 (a swapped pair of letters, "snaphsot", is two Levenshtein edits).
 */
export function typoBudget(shorterLength: number): number {
  return shorterLength <= 3 ? 0 : shorterLength <= 7 ? 1 : 2;
}

/**
 * Whether one (stemmed) content word is a misspelling of another: they start with the same
 * letter and are within {@link typoBudget} Levenshtein edits. The first letter must agree
 * because typists rarely miss it while prefixes that flip the meaning live there
 * ("install"/"uninstall", "encryption"/"decryption"). Equal words are not typos.
 */
export function isTypo(a: string, b: string): boolean {
  if (a === b || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  const budget = typoBudget(Math.min(a.length, b.length));
  if (budget === 0 || Math.abs(a.length - b.length) > budget) return false;
  return levenshtein.get(a, b) <= budget;
}

function substitutionCost(a: PreparedQuestion, i: number, b: PreparedQuestion, j: number): number {
  const x = a.tokens[i] as string;
  const y = b.tokens[j] as string;
  if (x === y) return 0;
  const fx = a.functionWord[i];
  const fy = b.functionWord[j];
  if (fx && fy) return FUNCTION_WORD_WEIGHT;
  if (fx || fy) return CONTENT_WORD_WEIGHT;
  return isTypo(x, y) ? TYPO_COST : CONTENT_WORD_WEIGHT;
}

function tokenWeight(question: PreparedQuestion, index: number): number {
  return question.functionWord[index] ? FUNCTION_WORD_WEIGHT : CONTENT_WORD_WEIGHT;
}

// Two DP rows reused across calls: the search verifies millions of candidate pairs.
let previous = new Float64Array(32);
let current = new Float64Array(32);

/** The weighted word-level edit distance between two prepared questions (see the module doc). */
export function questionDistance(a: PreparedQuestion, b: PreparedQuestion): number {
  const n = a.tokens.length;
  const m = b.tokens.length;
  if (previous.length <= m) {
    previous = new Float64Array(2 * (m + 1));
    current = new Float64Array(2 * (m + 1));
  }
  previous[0] = 0;
  for (let j = 1; j <= m; j++) previous[j] = (previous[j - 1] as number) + tokenWeight(b, j - 1);
  for (let i = 1; i <= n; i++) {
    const deletion = tokenWeight(a, i - 1);
    current[0] = (previous[0] as number) + deletion;
    for (let j = 1; j <= m; j++) {
      const viaDelete = (previous[j] as number) + deletion;
      const viaInsert = (current[j - 1] as number) + tokenWeight(b, j - 1);
      const viaSubstitute = (previous[j - 1] as number) + substitutionCost(a, i - 1, b, j - 1);
      current[j] = Math.min(viaDelete, viaInsert, viaSubstitute);
    }
    [previous, current] = [current, previous];
  }
  return previous[m] as number;
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
