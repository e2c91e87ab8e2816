/**
 * Finds every pair of near-duplicate questions in a large site without comparing all pairs, and
 * without losing any pair the all-pairs scan finds.
 *
 * Why no pair is lost. Every edit costs at least the weight it adds or removes, so |W_x − W_y| ≤ d;
 * a pair with similarity ≥ t, y the heavier, has d ≤ (1 − t)·W_y, so W_x ≥ t·W_y (length filter).
 * A content word is "related" to the other question if that has the same word or a typo of it
 * ({@link typoNeighbours}). In any alignment an unrelated content word is deleted, swapped for a
 * function word or for a non-typo content word: cost ≥ 1; a related but unequal one costs ≥ 0.3.
 * - Prefix filter: at most k = ⌊(1 − t)·W_y⌋ of y's distinct content words are unrelated to x, so
 *   any k + 1 of them (we take the cheapest to probe) include one related to x, and probing their
 *   typo-neighbours in an index of all questions' words meets x. Unless no word of y is related
 *   to x at all: then y has ≤ k words, and x ≤ (1 − t)·W_y ≤ (1 − t)·W_x / t: both are
 *   "content-poor", and content-poor questions are also compared with each other by weight.
 * - Signature filter: a word whose bit is missing from a hash of the other question's related
 *   words is surely unrelated; more than k such on either side rule the pair out.
 * - Count filter: x's distinct words, at ≥ 1 if unrelated and ≥ 0.3 if only related, may not
 *   cost more than (1 − t)·W_y.
 * Survivors are scored with {@link questionSimilarity} itself, so scores equal the reference's.
 */
import { CONTENT_WORD_WEIGHT, isTypo, questionSimilarity, TYPO_COST, typoNeighbours, type PreparedQuestion } from './similarity.js';

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

/** One question per distinct normalised text, ordered by (weight, first index); `members` are their indices. */
function representatives(questions: readonly PreparedQuestion[]): { reps: PreparedQuestion[]; members: number[][] } {
  const byText = new Map<string, number[]>();
  questions.forEach((question, index) => {
    const indices = byText.get(question.normalized);
    if (indices) indices.push(index);
    else byText.set(question.normalized, [index]);
  });
  const weightOf = (indices: number[]): number => (questions[indices[0] as number] as PreparedQuestion).weight;
  const members = [...byText.values()].sort((x, y) => weightOf(x) - weightOf(y) || (x[0] as number) - (y[0] as number));
  return { reps: members.map((indices) => questions[indices[0] as number] as PreparedQuestion), members };
}

/**
 * The word index, in flat typed arrays because the search reads them tens of millions of times.
 * Question q's distinct content word ids (cheapest to probe first) are `words[wordStart[q] ..
 * wordStart[q + 1])`; the questions holding word w (ascending, so by weight) are
 * `postings[offsets[w] .. offsets[w + 1])`. `signatures` holds per question a 64-bit bloom-style
 * signature of its words, then one of their typo-neighbours (2 ints each). The scan reads, per
 * posting, its question's weight and signatures: they sit together in `postingRecords`
 * ({@link RECORD} slots each, the weight as a float in slot 0), so that it reads one stream of
 * memory in order.
 */
function buildIndex(reps: readonly PreparedQuestion[]) {
  const idOf = new Map<string, number>();
  const spellings: string[] = [];
  const frequency: number[] = [];
  // Each question's distinct content word ids, flat (its tokens are the most it can have); a
  // word is new to a question unless the question was the last it was seen in.
  const wordStart = new Int32Array(reps.length + 1);
  let words = new Int32Array(reps.reduce((sum, question) => sum + question.tokens.length, 0));
  let lastSeenIn = new Int32Array(64).fill(-1);
  let length = 0;
  reps.forEach((question, rep) => {
    question.tokens.forEach((token, i) => {
      if (question.functionWord[i]) return;
      let id = idOf.get(token);
      if (id === undefined) {
        id = spellings.push(token) - 1;
        idOf.set(token, id);
        frequency.push(0);
        if (id === lastSeenIn.length) {
          const grown = new Int32Array(2 * id).fill(-1);
          grown.set(lastSeenIn);
          lastSeenIn = grown;
        }
      }
      if (lastSeenIn[id] === rep) return;
      lastSeenIn[id] = rep;
      words[length++] = id;
      frequency[id] = (frequency[id] as number) + 1;
    });
    wordStart[rep + 1] = length;
  });
  words = words.subarray(0, length);
  // Global order: cheapest word to probe first (its neighbours' postings), ties by spelling.
  const neighbours = typoNeighbours(spellings);
  const cost = neighbours.map((ids) => ids.reduce((sum, id) => sum + (frequency[id] as number), 0));
  const order = spellings.map((_, id) => id);
  order.sort((x, y) => (cost[x] as number) - (cost[y] as number) || ((spellings[x] as string) < (spellings[y] as string) ? -1 : 1));
  const rank = new Int32Array(spellings.length);
  order.forEach((id, position) => (rank[id] = position));
  // Each question's words by rank: a few words each, so an insertion sort in place.
  for (let rep = 0; rep < reps.length; rep++) {
    for (let at = (wordStart[rep] as number) + 1; at < (wordStart[rep + 1] as number); at++) {
      const id = words[at] as number;
      let to = at;
      for (; to > (wordStart[rep] as number) && (rank[words[to - 1] as number] as number) > (rank[id] as number); to--) words[to] = words[to - 1] as number;
      words[to] = id;
    }
  }

  const offsets = new Int32Array(spellings.length + 1);
  for (let id = 0; id < spellings.length; id++) offsets[id + 1] = (offsets[id] as number) + (frequency[id] as number);
  const postings = new Int32Array(words.length);
  const records = new ArrayBuffer(RECORD * 4 * words.length);
  const postingRecords = new Int32Array(records);
  const postingWeights = new Float32Array(records); // weights are quarters: exact in 32 bits
  const signatures = new Int32Array(4 * reps.length);
  const bit = (id: number, at: number): void => {
    const hash = Math.imul(id, 0x9e3779b1) >>> 26; // 0..63
    signatures[at + (hash >>> 5)] = (signatures[at + (hash >>> 5)] as number) | (1 << (hash & 31));
  };
  const fill = offsets.slice(0, spellings.length);
  for (let rep = 0; rep < reps.length; rep++) {
    const first = wordStart[rep] as number;
    const end = wordStart[rep + 1] as number;
    for (let w = first; w < end; w++) {
      bit(words[w] as number, 4 * rep);
      for (const near of neighbours[words[w] as number] as Int32Array) bit(near, 4 * rep + 2);
    }
    for (let w = first; w < end; w++) {
      const at = (fill[words[w] as number] as number)++;
      postings[at] = rep;
      postingWeights[RECORD * at] = (reps[rep] as PreparedQuestion).weight;
      for (let k = 0; k < 4; k++) postingRecords[RECORD * at + 1 + k] = signatures[4 * rep + k] as number;
    }
  }
  return { wordStart, words, neighbours, offsets, postings, signatures, postingWeights, postingRecords };
}

/** Slots per posting record: the weight, then the question's word and neighbour signatures. */
const RECORD = 5;

/** First position in `values[from, to)` (ascending) whose value is ≥ `value`. */
function lowerBound(values: ArrayLike<number>, value: number, from: number, to: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The number of bits set in a 32-bit integer (branch-free: the scan calls it tens of millions of times). */
export function bitCount(bits: number): number {
  let count = bits - ((bits >>> 1) & 0x55555555);
  count = (count & 0x33333333) + ((count >>> 2) & 0x33333333);
  return Math.imul((count + (count >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Sorts by `a` then `b` with two stable counting sorts: linear, for millions of pairs. */
function sortPairs(pairs: NearDuplicatePair[], size: number): NearDuplicatePair[] {
  let sorted = pairs;
  for (const key of ['b', 'a'] as const) {
    const next = new Int32Array(size + 1);
    for (const pair of sorted) next[pair[key] + 1] = (next[pair[key] + 1] as number) + 1;
    for (let i = 0; i < size; i++) next[i + 1] = (next[i + 1] as number) + (next[i] as number);
    const placed = new Array<NearDuplicatePair>(sorted.length);
    for (const pair of sorted) placed[(next[pair[key]] as number)++] = pair;
    sorted = placed;
  }
  return sorted;
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
  const { reps, members } = representatives(questions);
  const { wordStart, words, neighbours, offsets, postings, signatures, postingWeights, postingRecords } = buildIndex(reps);
  const weightOf = (rep: number): number => (reps[rep] as PreparedQuestion).weight;
  // Content-poor in the weak sense: few enough words that even as the lighter side of a pair
  // (W_heavier ≤ W / t) none of them need be related to the other question.
  const poor = Int32Array.from(reps.keys()).filter(
    (rep) => (wordStart[rep + 1] as number) - (wordStart[rep] as number) <= Math.floor(((1 - threshold) * weightOf(rep)) / threshold + EPSILON),
  );
  const typoFloor = Math.min(TYPO_COST, CONTENT_WORD_WEIGHT);
  const equal = new Int32Array(neighbours.length).fill(-1);
  const related = new Int32Array(neighbours.length).fill(-1);
  const seen = new Int32Array(reps.length).fill(-1);
  const repPairs: NearDuplicatePair[] = [];
  const candidates: number[] = [];

  // Each pair is searched from its heavier question y (reps ascend by weight), so d ≤ (1 − t)·W_y.
  for (let y = 0; y < reps.length; y++) {
    const maxDistance = (1 - threshold) * weightOf(y) + EPSILON;
    const maxUnrelated = Math.floor(maxDistance);
    const lightest = threshold * weightOf(y) - EPSILON;
    const first = wordStart[y] as number;
    const end = wordStart[y + 1] as number;
    candidates.length = 0;
    const collect = (x: number): void => {
      if (seen[x] !== y) candidates.push(x);
      seen[x] = y;
    };
    // y's word bits and the complement of its neighbour bits, for the signature filter.
    const yWordsLow = signatures[4 * y] as number;
    const yWordsHigh = signatures[4 * y + 1] as number;
    const yFarLow = ~(signatures[4 * y + 2] as number);
    const yFarHigh = ~(signatures[4 * y + 3] as number);
    // Prefix: y's first maxUnrelated + 1 words (cheapest first) include one related to x.
    for (let w = first; w < Math.min(end, first + maxUnrelated + 1); w++) {
      for (const word of neighbours[words[w] as number] as Int32Array) {
        const start = offsets[word] as number;
        for (let p = lowerBound(postings, y, start, offsets[word + 1] as number) - 1; p >= start; p--) {
          const at = RECORD * p;
          if ((postingWeights[at] as number) < lightest) break;
          // Signature filter: a word whose bit is missing from the other side's neighbour bits is
          // surely unrelated; more than maxUnrelated such on either side rule the pair out.
          const xUnrelated = bitCount((postingRecords[at + 1] as number) & yFarLow) + bitCount((postingRecords[at + 2] as number) & yFarHigh);
          if (xUnrelated > maxUnrelated) continue;
          const yUnrelated = bitCount(yWordsLow & ~(postingRecords[at + 3] as number)) + bitCount(yWordsHigh & ~(postingRecords[at + 4] as number));
          if (yUnrelated > maxUnrelated) continue;
          collect(postings[p] as number);
        }
      }
    }
    // No related word at all: then y has ≤ maxUnrelated words, and x is content-poor too.
    if (end - first <= maxUnrelated) {
      for (let p = lowerBound(poor, y, 0, poor.length) - 1; p >= 0 && weightOf(poor[p] as number) >= lightest; p--) collect(poor[p] as number);
    }
    if (candidates.length === 0) continue;

    for (let w = first; w < end; w++) {
      equal[words[w] as number] = y;
      for (const near of neighbours[words[w] as number] as Int32Array) related[near] = y;
    }
    for (const x of candidates) {
      // Count filter: each of x's words costs ≥ 1 unless y has it or a typo of it, then ≥ 0.3.
      let bound = 0;
      for (let w = wordStart[x] as number, stop = wordStart[x + 1] as number; w < stop && bound <= maxDistance; w++) {
        const id = words[w] as number;
        if (equal[id] !== y) bound += related[id] === y ? typoFloor : CONTENT_WORD_WEIGHT;
      }
      if (bound > maxDistance) continue;
      const score = questionSimilarity(reps[x] as PreparedQuestion, reps[y] as PreparedQuestion);
      if (score >= threshold) repPairs.push({ a: x, b: y, score });
    }
  }

  const pairs: NearDuplicatePair[] = [];
  for (const { a, b, score } of repPairs) {
    for (const x of members[a] as number[]) {
      for (const z of members[b] as number[]) pairs.push(x < z ? { a: x, b: z, score } : { a: z, b: x, score });
    }
  }
  return sortPairs(pairs, questions.length);
}

/**
 * The content words of a list of questions, without the questions: what the search for the near
 * duplicates of a few new questions needs of all the others. Kept between runs, it spares
 * tokenising a site's 100,000 questions to compare one reworded question with them.
 */
export interface WordIndex {
  /** The distinct content words (stemmed tokens) the questions use. */
  readonly vocabulary: readonly string[];
  /** Question q's distinct content word ids are `words[wordStart[q] .. wordStart[q + 1])`. */
  readonly wordStart: Int32Array;
  /** Ids fit in 16 bits on most sites: kept so, the index is half the size. */
  readonly words: Int32Array | Uint16Array;
  /** Each question's weight (quarters: exact in 32 bits). */
  readonly weights: Float32Array;
}

/** A question's distinct content words, in order of first use. */
function distinctContentWords(question: PreparedQuestion): string[] {
  const found: string[] = [];
  question.tokens.forEach((token, at) => {
    if (!question.functionWord[at] && !found.includes(token)) found.push(token);
  });
  return found;
}

/**
 * The word index of `count` questions: question i's words are those of question `keptAt(i)` of
 * `kept` (an index from before), or when that is -1 (or there is no `kept`) those of
 * `preparedAt(i)`. The kept vocabulary stays as it is (new words are added after it), so runs of
 * kept questions are copied whole: after an edit the index is made in a few milliseconds.
 */
export function mergeWordIndex(count: number, kept: WordIndex | undefined, keptAt: (index: number) => number, preparedAt: (index: number) => PreparedQuestion): WordIndex {
  const vocabulary = kept ? [...kept.vocabulary] : [];
  let idOf: Map<string, number> | undefined;
  const idOfWord = (word: string): number => {
    idOf ??= new Map(vocabulary.map((each, id) => [each, id]));
    let id = idOf.get(word);
    if (id === undefined) {
      id = vocabulary.push(word) - 1;
      idOf.set(word, id);
    }
    return id;
  };
  // First where each question's words come from, and how many there are in all.
  const from = new Int32Array(count);
  const freshWords = new Map<number, number[]>();
  let length = 0;
  for (let index = 0; index < count; index++) {
    const at = kept ? keptAt(index) : -1;
    from[index] = at;
    if (kept && at !== -1) {
      length += (kept.wordStart[at + 1] as number) - (kept.wordStart[at] as number);
    } else {
      const ids = distinctContentWords(preparedAt(index)).map(idOfWord);
      freshWords.set(index, ids);
      length += ids.length;
    }
  }
  const wordStart = new Int32Array(count + 1);
  const weights = new Float32Array(count);
  const words = new Int32Array(length);
  for (let index = 0; index < count; ) {
    const at = from[index] as number;
    if (kept && at !== -1) {
      // A run of questions kept one after another: their words and weights in one copy each.
      let end = index + 1;
      while (end < count && from[end] === at + (end - index)) end++;
      const first = kept.wordStart[at] as number;
      const last = kept.wordStart[at + (end - index)] as number;
      const filled = wordStart[index] as number;
      words.set(kept.words.subarray(first, last), filled);
      weights.set(kept.weights.subarray(at, at + (end - index)), index);
      for (let offset = 1; offset <= end - index; offset++) wordStart[index + offset] = filled + (kept.wordStart[at + offset] as number) - first;
      index = end;
    } else {
      const ids = freshWords.get(index) as number[];
      words.set(ids, wordStart[index]);
      weights[index] = preparedAt(index).weight;
      wordStart[index + 1] = (wordStart[index] as number) + ids.length;
      index++;
    }
  }
  return { vocabulary, wordStart, words, weights };
}

/**
 * The pairs {@link findNearDuplicates} would return that involve a question of `subset` (indices
 * into `index`, whose questions `preparedAt` prepares), sorted the same way; other questions are
 * prepared only when the filters leave them as candidates. Why no pair is lost: a pair (x, y) with
 * similarity ≥ t has d ≤ (1 − t)·max(W_x, W_y) ≤ (1 − t)·W_x / t (length filter), and each of x's
 * distinct content words unrelated to y costs ≥ 1, so any ⌊(1 − t)·W_x / t⌋ + 1 of them include
 * one related to y: probing the cheapest that many meets y. If x has no more words than that, it
 * may share none with y; then y's words are all unrelated too, and both are content-poor (as in
 * the module doc): x is compared with every content-poor question its weight allows.
 */
export function findNearDuplicatesOf(index: WordIndex, subset: readonly number[], preparedAt: (index: number) => PreparedQuestion, threshold: number): NearDuplicatePair[] {
  const { vocabulary, wordStart, words, weights } = index;
  const count = weights.length;
  const inSubset = new Set(subset);
  // How many questions hold each word, to probe the rarest words first.
  const frequency = new Int32Array(vocabulary.length);
  for (let at = 0; at < words.length; at++) frequency[words[at] as number] = (frequency[words[at] as number] as number) + 1;
  const neighboursOf = (word: string): number[] => {
    const found: number[] = [];
    vocabulary.forEach((other, id) => {
      if (other === word || isTypo(word, other)) found.push(id);
    });
    return found;
  };
  const poorLimit = (weight: number): number => Math.floor(((1 - threshold) * weight) / threshold + EPSILON);
  const isPoor = (question: number): boolean => (wordStart[question + 1] as number) - (wordStart[question] as number) <= poorLimit(weights[question] as number);
  const typoFloor = Math.min(TYPO_COST, CONTENT_WORD_WEIGHT);
  const seen = new Int32Array(count).fill(-1);
  const pairs: NearDuplicatePair[] = [];

  // Each question's probes first, then the postings of the probed words alone: after an edit a
  // few words are probed, and postings of every word would be an array as long as the index.
  const probesOf = new Map<number, { xWords: string[]; related: Set<string>; chosen: number[][] }>();
  const probed = new Uint8Array(vocabulary.length);
  for (const x of inSubset) {
    const xWords = distinctContentWords(preparedAt(x));
    const related = new Set<string>();
    const probes = xWords.map((word) => {
      const neighbours = neighboursOf(word);
      for (const id of neighbours) related.add(vocabulary[id] as string);
      return { neighbours, cost: neighbours.reduce((sum, id) => sum + (frequency[id] as number), 0) };
    });
    probes.sort((p, q) => p.cost - q.cost);
    const chosen = probes.slice(0, poorLimit(weights[x] as number) + 1).map((probe) => probe.neighbours);
    for (const neighbours of chosen) for (const id of neighbours) probed[id] = 1;
    probesOf.set(x, { xWords, related, chosen });
  }
  const postings = new Map<number, number[]>();
  for (let question = 0; question < count; question++) {
    for (let at = wordStart[question] as number; at < (wordStart[question + 1] as number); at++) {
      const id = words[at] as number;
      if (probed[id] !== 1) continue;
      const list = postings.get(id);
      if (list) list.push(question);
      else postings.set(id, [question]);
    }
  }

  for (const [x, { xWords, related, chosen }] of probesOf) {
    const first = preparedAt(x);
    const weight = weights[x] as number;
    const equal = new Set(xWords);
    const candidates: number[] = [];
    const consider = (y: number): void => {
      if (seen[y] === x || y === x || (y < x && inSubset.has(y))) return;
      seen[y] = x;
      const other = weights[y] as number;
      if (Math.abs(weight - other) > (1 - threshold) * Math.max(weight, other) + EPSILON) return;
      candidates.push(y);
    };
    for (const neighbours of chosen) for (const id of neighbours) for (const y of postings.get(id) ?? []) consider(y);
    if (xWords.length <= poorLimit(weight)) for (let y = 0; y < count; y++) if (isPoor(y)) consider(y);

    for (const y of candidates) {
      // Count filter: each of y's words costs ≥ 1 unless x has it or a typo of it, then ≥ 0.3.
      const maxDistance = (1 - threshold) * Math.max(weight, weights[y] as number) + EPSILON;
      let bound = 0;
      for (let at = wordStart[y] as number; at < (wordStart[y + 1] as number) && bound <= maxDistance; at++) {
        const word = vocabulary[words[at] as number] as string;
        if (!equal.has(word)) bound += related.has(word) ? typoFloor : CONTENT_WORD_WEIGHT;
      }
      if (bound > maxDistance) continue;
      const second = preparedAt(y);
      if (first.normalized === second.normalized) continue;
      const score = questionSimilarity(first, second);
      if (score >= threshold) pairs.push(x < y ? { a: x, b: y, score } : { a: y, b: x, score });
    }
  }
  return sortPairs(pairs, count);
}
