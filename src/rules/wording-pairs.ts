import { textHash } from '../text/answer-form.js';
import { findNearDuplicates, findNearDuplicatesOf, mergeWordIndex, type NearDuplicatePair, type WordIndex } from '../text/near-duplicates.js';
import type { PreparedQuestion } from '../text/similarity.js';
import type { SiteRuleMemo } from './define-rule.js';
import { chunkCount, chunkRange, decoded, encoded } from './memo-arrays.js';
import { NumberPositions } from './number-positions.js';

/**
 * Distinct texts a chunk of the kept hashes and word index holds: a question edit writes one
 * chunk of each (a few hundred kilobytes), where one value for all would be megabytes.
 */
export const TEXTS_PER_CHUNK = 8192;

/**
 * What {@link wordingPairs} keeps: how many distinct texts there were, the {@link textHash} of
 * each chunk of their hashes (kept apart, a Float64Array in base64 per chunk), and the pairs as
 * `[a, b, score, …]` over them. With the same texts, only this is read.
 */
interface KeptPairs {
  count: number;
  chunks: number[];
  pairs: number[];
}

/**
 * And apart, read only when new texts are compared: the texts' {@link WordIndex}, its
 * vocabulary in one value and its arrays in chunks of the texts' chunks, each with the
 * {@link textHash} of the texts chunk it was made for.
 */
interface KeptVocabulary {
  chunks: number;
  vocabulary: string[];
}

interface KeptWordIndexChunk {
  texts: number;
  /** Word starts from 0 for the chunk's first text. */
  wordStart: string;
  /** Word ids, 2 bytes each when the vocabulary allows (most sites use a few thousand words), else 4. */
  wordBytes: 2 | 4;
  words: string;
  weights: string;
}

/** The memo keys of a group's pairs, texts and index. */
export interface WordingKeys {
  pairs: string;
  texts: (chunk: number) => string;
  index: string;
  indexChunk: (chunk: number) => string;
}

export function wordingKeys(threshold: number, group: string): WordingKeys {
  return {
    pairs: `wording-pairs ${threshold} ${group}`,
    texts: (chunk) => `wording-texts ${threshold} ${group} ${chunk}`,
    index: `word-index ${threshold} ${group}`,
    indexChunk: (chunk) => `word-index ${threshold} ${group} ${chunk}`,
  };
}

function keptPairs(value: unknown): KeptPairs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { count, chunks, pairs } = value as Partial<KeptPairs>;
  if (!Number.isInteger(count) || (count as number) < 0 || !Array.isArray(chunks) || !Array.isArray(pairs) || pairs.length % 3 !== 0) return undefined;
  if (chunks.length !== chunkCount(count as number, TEXTS_PER_CHUNK) || !chunks.every((hash) => typeof hash === 'number')) return undefined;
  const valid = pairs.every((item, at) => (at % 3 === 2 ? typeof item === 'number' && item >= 0 && item <= 1 : Number.isInteger(item) && item >= 0 && item < (count as number)));
  return valid ? (value as KeptPairs) : undefined;
}

/**
 * The hashes of the texts kept: a chunk whose hash is that of the same chunk now is taken from
 * now, any other is recalled (undefined if one is missing or not what its hash says).
 */
function keptTexts(memo: SiteRuleMemo, keys: WordingKeys, kept: KeptPairs, now: Float64Array, nowChunks: readonly number[]): Float64Array | undefined {
  const texts = new Float64Array(kept.count);
  for (let chunk = 0; chunk < kept.chunks.length; chunk++) {
    const [from, to] = chunkRange(chunk, TEXTS_PER_CHUNK, kept.count);
    if (nowChunks[chunk] === kept.chunks[chunk] && chunkRange(chunk, TEXTS_PER_CHUNK, now.length)[1] === to) {
      texts.set(now.subarray(from, to), from);
      continue;
    }
    const stored = memo.recall(keys.texts(chunk));
    const hashes = typeof stored === 'string' && textHash(stored) === kept.chunks[chunk] ? decoded(stored, Float64Array) : undefined;
    if (!hashes || hashes.length !== to - from) return undefined;
    texts.set(hashes, from);
  }
  return texts;
}

/** The word index kept for the texts of `kept`, when it is one. */
function keptWordIndex(memo: SiteRuleMemo, keys: WordingKeys, kept: KeptPairs): WordIndex | undefined {
  const head = memo.recall(keys.index);
  if (typeof head !== 'object' || head === null) return undefined;
  const { chunks, vocabulary } = head as Partial<KeptVocabulary>;
  if (chunks !== kept.chunks.length || !Array.isArray(vocabulary) || !vocabulary.every((word) => typeof word === 'string')) return undefined;
  const parts: Array<{ wordStart: Int32Array; words: Int32Array | Uint16Array; weights: Float32Array }> = [];
  for (let chunk = 0; chunk < chunks; chunk++) {
    const value = memo.recall(keys.indexChunk(chunk));
    if (typeof value !== 'object' || value === null) return undefined;
    const part = value as Partial<KeptWordIndexChunk>;
    const [from, to] = chunkRange(chunk, TEXTS_PER_CHUNK, kept.count);
    const wordStart = decoded(part.wordStart, Int32Array);
    const words = part.wordBytes === 2 ? decoded(part.words, Uint16Array) : part.wordBytes === 4 ? decoded(part.words, Int32Array) : undefined;
    const weights = decoded(part.weights, Float32Array);
    const count = to - from;
    if (part.texts !== kept.chunks[chunk] || !wordStart || !words || !weights || wordStart.length !== count + 1 || weights.length !== count || wordStart[0] !== 0 || wordStart[count] !== words.length) return undefined;
    for (let at = 0; at < count; at++) if ((wordStart[at + 1] as number) < (wordStart[at] as number) || !((weights[at] as number) >= 0)) return undefined;
    let smallest = 0;
    let largest = -1;
    for (let at = 0; at < words.length; at++) {
      const id = words[at] as number;
      if (id < smallest) smallest = id;
      if (id > largest) largest = id;
    }
    if (smallest < 0 || largest >= vocabulary.length) return undefined;
    parts.push({ wordStart, words, weights });
  }
  const wordStart = new Int32Array(kept.count + 1);
  const words = new (vocabulary.length <= 2 ** 16 ? Uint16Array : Int32Array)(parts.reduce((sum, part) => sum + part.words.length, 0));
  const weights = new Float32Array(kept.count);
  let text = 0;
  let word = 0;
  for (const part of parts) {
    for (let at = 1; at < part.wordStart.length; at++) wordStart[text + at] = word + (part.wordStart[at] as number);
    words.set(part.words, word);
    weights.set(part.weights, text);
    text += part.weights.length;
    word += part.words.length;
  }
  return { vocabulary, wordStart, words, weights };
}

/** Where each hash is, when they are distinct safe integers. */
function distinctPositions(hashes: Float64Array): NumberPositions | undefined {
  const positions = new NumberPositions(hashes.length);
  for (let at = 0; at < hashes.length; at++) {
    if (!Number.isSafeInteger(hashes[at]) || positions.add(hashes[at] as number, at) !== -1) return undefined;
  }
  return positions;
}

/**
 * Where each of `now` is in `before` (-1 for a new one), both distinct; `positions` finds a
 * hash in `before`. After an edit the two are mostly in step: they are walked side by side, and
 * a text not where the walk is is looked up.
 */
function keptPositions(now: Float64Array, before: Float64Array, positions: NumberPositions): Int32Array {
  const kept = new Int32Array(now.length).fill(-1);
  let next = 0;
  now.forEach((hash, index) => {
    const at = before[next] === hash ? next : positions.get(hash);
    if (at === -1) return;
    kept[index] = at;
    next = at + 1;
  });
  return kept;
}

/** One chunk of `index`, as kept. */
function indexChunk(index: WordIndex, from: number, to: number, texts: number): KeptWordIndexChunk {
  const { vocabulary, wordStart, words, weights } = index;
  const first = wordStart[from] as number;
  const narrow = vocabulary.length <= 2 ** 16;
  const chunkWords = words.subarray(first, wordStart[to]);
  return {
    texts,
    wordStart: encoded(wordStart.slice(from, to + 1).map((start) => start - first)),
    wordBytes: narrow ? 2 : 4,
    words: encoded(narrow ? Uint16Array.from(chunkWords) : Int32Array.from(chunkWords)),
    weights: encoded(weights.slice(from, to)),
  };
}

/**
 * The near duplicates by wording among a group's distinct questions (`hashes`, one per text), as
 * `[a, b, score, …]`: those the search finds that `accept` takes. A pair depends on its two texts
 * alone, so with `--cache` the pairs are kept with the hashes of the texts, and apart the texts'
 * content words; the next run takes the pairs whose texts are both still there and compares only
 * texts that are new with the others, through their kept words (the whole search, and even
 * tokenising every question, is most of the rule's time). Texts whose hashes may collide
 * (`hashesUnique` false) are not told apart that way: then the whole search runs and nothing is kept.
 */
export function wordingPairs(
  memo: SiteRuleMemo,
  keys: WordingKeys,
  threshold: number,
  hashes: Float64Array,
  hashesUnique: boolean,
  preparedAt: (index: number) => PreparedQuestion,
  accept: (a: PreparedQuestion, b: PreparedQuestion) => boolean,
): number[] {
  const chunks = chunkCount(hashes.length, TEXTS_PER_CHUNK);
  // Encoded only when kept: hashes that may collide are neither compared nor kept.
  const nowChunks = hashesUnique ? Array.from({ length: chunks }, (_, chunk) => encoded(hashes.subarray(...chunkRange(chunk, TEXTS_PER_CHUNK, hashes.length)))) : [];
  const nowHashes = nowChunks.map(textHash);
  const kept = hashesUnique ? keptPairs(memo.recall(keys.pairs)) : undefined;
  if (kept && kept.count === hashes.length && kept.chunks.every((hash, chunk) => hash === nowHashes[chunk])) {
    // The same texts in the same order (so distinct): the same pairs, texts and index, kept as
    // they were; none of them but the pairs is even read.
    memo.keep(keys.pairs, kept);
    for (let chunk = 0; chunk < chunks; chunk++) {
      memo.keepAsBefore(keys.texts(chunk));
      memo.keepAsBefore(keys.indexChunk(chunk));
    }
    memo.keepAsBefore(keys.index);
    return kept.pairs;
  }
  const before = kept && keptTexts(memo, keys, kept, hashes, nowHashes);
  const positionsBefore = before && distinctPositions(before);
  const pairs: number[] = [];
  const add = (found: readonly NearDuplicatePair[]): void => {
    for (const { a, b, score } of found) if (accept(preparedAt(a), preparedAt(b))) pairs.push(a, b, score);
  };
  // The word index of the texts now, made only when it is searched or kept.
  let index: WordIndex | undefined;
  let wordIndex = (): WordIndex => (index ??= mergeWordIndex(hashes.length, undefined, () => -1, preparedAt));
  let keptIndex: WordIndex | undefined;
  if (kept && before && positionsBefore) {
    const keptAt = keptPositions(hashes, before, positionsBefore);
    // Where each kept text is now (-1: gone), for the kept pairs.
    const nowAt = new Int32Array(kept.count).fill(-1);
    const fresh: number[] = [];
    keptAt.forEach((at, index) => {
      if (at === -1) fresh.push(index);
      else nowAt[at] = index;
    });
    for (let at = 0; at < kept.pairs.length; at += 3) {
      const a = nowAt[kept.pairs[at] as number] as number;
      const b = nowAt[kept.pairs[at + 1] as number] as number;
      if (a !== -1 && b !== -1) pairs.push(Math.min(a, b), Math.max(a, b), kept.pairs[at + 2] as number);
    }
    keptIndex = keptWordIndex(memo, keys, kept);
    const from = keptIndex;
    if (from) wordIndex = () => (index ??= mergeWordIndex(hashes.length, from, (at) => keptAt[at] as number, preparedAt));
    if (fresh.length > 0) add(findNearDuplicatesOf(wordIndex(), fresh, preparedAt, threshold));
  } else {
    add(findNearDuplicates(Array.from(hashes, (_, index) => preparedAt(index)), threshold));
  }
  if (hashesUnique) {
    memo.keep(keys.pairs, { count: hashes.length, chunks: nowHashes, pairs } satisfies KeptPairs);
    for (let chunk = 0; chunk < chunks; chunk++) {
      const [from, to] = chunkRange(chunk, TEXTS_PER_CHUNK, hashes.length);
      // The same texts as the kept chunk at the same places: kept as it was. Its words too, when
      // the index grew from the kept one (whose word ids stay as they were).
      const asBefore = kept !== undefined && before !== undefined && kept.chunks[chunk] === nowHashes[chunk] && chunkRange(chunk, TEXTS_PER_CHUNK, kept.count)[1] === to;
      if (asBefore) memo.keepAsBefore(keys.texts(chunk));
      else memo.keep(keys.texts(chunk), nowChunks[chunk]);
      if (asBefore && keptIndex) memo.keepAsBefore(keys.indexChunk(chunk));
      // Encoded when the cache is saved: a run without one never builds the index.
      else memo.keep(keys.indexChunk(chunk), { toJSON: () => indexChunk(wordIndex(), from, to, nowHashes[chunk] as number) });
    }
    memo.keep(keys.index, { toJSON: (): KeptVocabulary => ({ chunks, vocabulary: [...wordIndex().vocabulary] }) });
  }
  return pairs;
}
