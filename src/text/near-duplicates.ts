/**
 * Finding every pair of near-duplicate questions in a large site without comparing all pairs,
 * and without losing any pair the all-pairs scan would find.
 *
 * Why no pair is lost. Call a content word of A "related" to B when B has the same word or a
 * typo of it ({@link isTypo}). In any alignment, a content word of A that is not related to B is
 * deleted (cost 1), swapped for a function word (1) or for an unrelated content word (1): it costs
 * at least 1. A pair with similarity ≥ t has distance d ≤ (1 − t)·max(W_A, W_B), and since every
 * edit costs at least the weight it adds or removes, |W_A − W_B| ≤ d, so max(W_A, W_B) ≤ W_A / t
 * (the length filter). Hence at most k = ⌊(1 − t)·W_A / t⌋ of A's distinct content words are
 * unrelated to B. Order every question's distinct content words by one global order (cheapest
 * to probe first): the first word of A related to B sits within A's first k + 1 words, its
 * prefix. Probing the prefix's typo-neighbourhood against an index of all words of all questions
 * therefore meets B, unless A has no word related to B at all. Then every content word on
 * either side costs ≥ 1, so both questions have at most k distinct content words ("content-
 * poor"); those few are compared with each other by weight window. The typo-neighbourhood of a
 * word comes from a symmetric-delete index: words within e edits share a string obtained by at
 * most e deletions from each (the first letter, which typos must keep, is never deleted).
 */
import { isTypo, questionSimilarity, typoBudget, type PreparedQuestion } from './similarity.js';

/** A near-duplicate pair: indices into the input (`a < b`) and their similarity. */
export interface NearDuplicatePair {
  a: number;
  b: number;
  score: number;
}

// Slack for the filters' floating-point bounds: a filter may only ever let more pairs through.
const EPSILON = 1e-9;

/**
 * The reference search: every pair with {@link questionSimilarity} ≥ `threshold` whose
 * normalised texts differ, sorted by `a` then `b`. Quadratic; for tests and benchmarks.
 */
export function findNearDuplicatesAllPairs(questions: readonly PreparedQuestion[], threshold: number): NearDuplicatePair[] {
  const pairs: NearDuplicatePair[] = [];
  for (let a = 0; a < questions.length; a++) {
    const first = questions[a] as PreparedQuestion;
    for (let b = a + 1; b < questions.length; b++) {
      const second = questions[b] as PreparedQuestion;
      if (first.normalized === second.normalized) continue;
      const score = questionSimilarity(first, second);
      if (score >= threshold) pairs.push({ a, b, score });
    }
  }
  return pairs;
}

/** Strings reachable from `word` by deleting up to its typo budget of letters, never the first. */
function deletionKeys(word: string): Set<string> {
  const keys = new Set([word]);
  let frontier = [word];
  for (let round = typoBudget(word.length); round > 0; round--) {
    const next: string[] = [];
    for (const key of frontier) {
      for (let i = 1; i < key.length; i++) {
        const shorter = key.slice(0, i) + key.slice(i + 1);
        if (!keys.has(shorter)) {
          keys.add(shorter);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return keys;
}

/** For each word, the ids of the words equal to it or typos of it (itself included), ascending. */
function typoNeighbours(words: readonly string[]): Int32Array[] {
  const byKey = new Map<string, number[]>();
  words.forEach((word, id) => {
    for (const key of deletionKeys(word)) {
      const ids = byKey.get(key);
      if (ids) ids.push(id);
      else byKey.set(key, [id]);
    }
  });
  const neighbours = words.map((_, id) => new Set([id]));
  for (const ids of byKey.values()) {
    for (let i = 0; i < ids.length; i++) {
      const x = ids[i] as number;
      for (let j = i + 1; j < ids.length; j++) {
        const y = ids[j] as number;
        // A shared key is necessary, not sufficient: confirm with the real test.
        if (!neighbours[x]?.has(y) && isTypo(words[x] as string, words[y] as string)) {
          neighbours[x]?.add(y);
          neighbours[y]?.add(x);
        }
      }
    }
  }
  return neighbours.map((set) => Int32Array.from(set).sort());
}

/** Largest distance a match of a question of weight `weight` can have, by the length filter. */
function distanceBound(weight: number, threshold: number): number {
  return ((1 - threshold) * weight) / threshold + EPSILON;
}

/**
 * All pairs with {@link questionSimilarity} ≥ `threshold` whose normalised texts differ (exact
 * repeats are another rule's business), sorted by `a` then `b`: exactly what
 * {@link findNearDuplicatesAllPairs} returns, found by prefix filtering over a typo-aware word
 * index (see the module doc for why no pair is lost). Deterministic. A threshold ≤ 0 admits
 * every pair, so that case falls back to the all-pairs scan.
 */
export function findNearDuplicates(questions: readonly PreparedQuestion[], threshold: number): NearDuplicatePair[] {
  if (!(threshold > 0)) return findNearDuplicatesAllPairs(questions, threshold);

  // Exact repeats score alike against everything: search one representative per text.
  const repOf = new Map<string, number>();
  const members: number[][] = [];
  const reps: PreparedQuestion[] = [];
  questions.forEach((question, index) => {
    const rep = repOf.get(question.normalized);
    if (rep !== undefined) members[rep]?.push(index);
    else {
      repOf.set(question.normalized, reps.length);
      members.push([index]);
      reps.push(question);
    }
  });

  // Vocabulary of content words; each representative's distinct content word ids.
  const wordId = new Map<string, number>();
  const words: string[] = [];
  const documentFrequency: number[] = [];
  const contentIds = reps.map((question) => {
    const ids: number[] = [];
    question.tokens.forEach((token, i) => {
      if (question.functionWord[i]) return;
      let id = wordId.get(token);
      if (id === undefined) {
        id = words.length;
        wordId.set(token, id);
        words.push(token);
        documentFrequency.push(0);
      }
      if (!ids.includes(id)) {
        ids.push(id);
        documentFrequency[id] = (documentFrequency[id] as number) + 1;
      }
    });
    return ids;
  });

  // Postings (representatives holding each word, ascending) as one flat array plus offsets.
  const offsets = new Int32Array(words.length + 1);
  for (let id = 0; id < words.length; id++) offsets[id + 1] = (offsets[id] as number) + (documentFrequency[id] as number);
  const postings = new Int32Array(offsets[words.length] as number);
  const fill = offsets.slice(0, words.length);
  contentIds.forEach((ids, rep) => {
    for (const id of ids) postings[(fill[id] as number)++] = rep;
  });

  // Global order: cheapest word to probe first (its neighbours' postings), ties by spelling.
  const neighbours = typoNeighbours(words);
  const probeCost = neighbours.map((ids) => ids.reduce((sum, id) => sum + (documentFrequency[id] as number), 0));
  const byOrder = words.map((_, id) => id);
  byOrder.sort((x, y) => (probeCost[x] as number) - (probeCost[y] as number) || ((words[x] as string) < (words[y] as string) ? -1 : 1));
  const rank = new Int32Array(words.length);
  byOrder.forEach((id, position) => (rank[id] = position));

  // Content-poor representatives, by weight, for the pairs that share no related word.
  // A question's prefix: its first ⌊bound⌋ + 1 distinct content words; content-poor if it has fewer.
  const prefixLength = reps.map((question) => Math.floor(distanceBound(question.weight, threshold)) + 1);
  const isPoor = contentIds.map((ids, rep) => ids.length < (prefixLength[rep] as number));
  const poor = reps
    .map((_, rep) => rep)
    .filter((rep) => isPoor[rep])
    .sort((x, y) => (reps[x] as PreparedQuestion).weight - (reps[y] as PreparedQuestion).weight || x - y);
  const poorWeights = poor.map((rep) => (reps[rep] as PreparedQuestion).weight);

  const repPairs: NearDuplicatePair[] = [];
  const seen = new Int32Array(reps.length).fill(-1);
  for (let a = 0; a < reps.length; a++) {
    const first = reps[a] as PreparedQuestion;
    const low = threshold * first.weight - EPSILON;
    const high = first.weight / threshold + EPSILON;
    const visit = (b: number): void => {
      if (seen[b] === a) return;
      seen[b] = a;
      const second = reps[b] as PreparedQuestion;
      if (second.weight < low || second.weight > high) return;
      const score = questionSimilarity(first, second);
      if (score >= threshold) repPairs.push({ a, b, score });
    };
    const ids = (contentIds[a] as number[]).sort((x, y) => (rank[x] as number) - (rank[y] as number));
    const probes = Math.min(ids.length, prefixLength[a] as number);
    for (let k = 0; k < probes; k++) {
      for (const related of neighbours[ids[k] as number] as Int32Array) {
        // Postings ascend; each pair is searched from its lower index only.
        const start = offsets[related] as number;
        for (let p = (offsets[related + 1] as number) - 1; p >= start && (postings[p] as number) > a; p--) visit(postings[p] as number);
      }
    }
    if (isPoor[a]) {
      // Content-poor: also every content-poor partner in the weight window.
      let p = lowerBound(poorWeights, low);
      for (; p < poor.length && (poorWeights[p] as number) <= high; p++) if ((poor[p] as number) > a) visit(poor[p] as number);
    }
  }

  // Expand representatives back to every original index.
  const pairs: NearDuplicatePair[] = [];
  for (const { a, b, score } of repPairs) {
    for (const x of members[a] as number[]) {
      for (const y of members[b] as number[]) pairs.push(x < y ? { a: x, b: y, score } : { a: y, b: x, score });
    }
  }
  return pairs.sort((x, y) => x.a - y.a || x.b - y.b);
}

/** First index whose value is ≥ `value` in an ascending array. */
function lowerBound(values: readonly number[], value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
