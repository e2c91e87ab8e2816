import { describe, expect, it } from 'vitest';
import type { SiteRuleMemo } from '../../src/rules/define-rule.js';
import { TEXTS_PER_CHUNK, wordingKeys, wordingPairs } from '../../src/rules/wording-pairs.js';
import { textHash } from '../../src/text/answer-form.js';
import { prepareQuestion, type PreparedQuestion } from '../../src/text/similarity.js';

const THRESHOLD = 0.8;
const keys = wordingKeys(THRESHOLD, 'tree:en');
const accept = (): boolean => true;

/** Distinct questions; every seventh is a near duplicate of the one before (a function word changed). */
function questions(count: number): string[] {
  const nouns = ['snapshot', 'bucket', 'repository', 'schedule', 'key', 'mirror', 'policy', 'window', 'agent', 'token', 'archive', 'tag', 'blob', 'pack', 'chunk', 'index', 'lock', 'hook', 'job', 'sheet'];
  const verbs = ['rename', 'restore', 'prune', 'export', 'mount', 'verify', 'share', 'split', 'merge', 'clone', 'sync', 'label', 'upload', 'download', 'pause', 'resume', 'limit', 'tag', 'list', 'check', 'copy', 'move', 'scan', 'seal', 'trim'];
  const base = (at: number): string => `${verbs[at % verbs.length]} the ${nouns[Math.floor(at / verbs.length) % nouns.length]} of ${nouns[Math.floor(at / (verbs.length * nouns.length)) % nouns.length]} ${verbs[Math.floor(at / (verbs.length * nouns.length * nouns.length)) % verbs.length]}`;
  return Array.from({ length: count }, (_, at) => (at % 7 === 1 ? `How can I ${base(at - 1)}?` : `How do I ${base(at)}?`));
}

/** Pairs as `a b score` lines, sorted: kept pairs come before new ones, a search gives them in its own order. */
const sorted = (pairs: readonly number[]): string[] => Array.from({ length: pairs.length / 3 }, (_, at) => pairs.slice(at * 3, at * 3 + 3).join(' ')).sort();

/** Questions prepared once for all runs: the tests run the search many times over the same texts. */
const prepared = new Map<string, PreparedQuestion>();
function preparedOf(text: string): PreparedQuestion {
  let question = prepared.get(text);
  if (!question) prepared.set(text, (question = prepareQuestion(text)));
  return question;
}

/** A cache as the engine gives it to a site rule, one run after another. */
class FakeMemo {
  stored = new Map<string, unknown>();
  written: string[] = [];
  asBefore: string[] = [];
  read: string[] = [];

  run(texts: readonly string[]): number[] {
    const next = new Map<string, unknown>();
    this.written = [];
    this.asBefore = [];
    this.read = [];
    const memo = {
      recall: (key: string) => {
        this.read.push(key);
        return this.stored.get(key);
      },
      keep: (key: string, value: unknown) => {
        if (value !== this.stored.get(key)) this.written.push(key);
        next.set(key, JSON.parse(JSON.stringify(value)));
      },
      keepAsBefore: (key: string) => {
        this.asBefore.push(key);
        if (this.stored.has(key)) next.set(key, this.stored.get(key));
      },
    } as unknown as SiteRuleMemo;
    const hashes = Float64Array.from(texts, (text) => textHash(text));
    const pairs = wordingPairs(memo, keys, THRESHOLD, hashes, true, (at) => preparedOf(texts[at] as string), accept);
    this.stored = next;
    return pairs;
  }
}

const fresh = (texts: readonly string[]): string[] => sorted(new FakeMemo().run(texts));

describe('wordingPairs, kept in chunks', () => {
  const count = TEXTS_PER_CHUNK + 1000;
  const first = questions(count);

  it('after one text changed, finds what a search of all finds, and writes only that text\'s chunk', () => {
    const memo = new FakeMemo();
    const searched = memo.run(first);
    expect(searched.length / 3).toBeGreaterThan(1000);
    expect(memo.written).toEqual([keys.pairs, keys.texts(0), keys.indexChunk(0), keys.texts(1), keys.indexChunk(1), keys.index]);

    // A text of the second chunk reworded into a near duplicate of the first question.
    const edited = [...first];
    edited[TEXTS_PER_CHUNK + 10] = first[0]?.replace('How do I', 'How should I') as string;
    const after = memo.run(edited);
    expect(sorted(after)).toEqual(fresh(edited));
    expect(sorted(after)).toContainEqual(expect.stringMatching(new RegExp(`^0 ${TEXTS_PER_CHUNK + 10} `)));
    expect(memo.written).toEqual([keys.pairs, keys.texts(1), keys.indexChunk(1), keys.index]);
    expect(memo.asBefore).toEqual([keys.texts(0), keys.indexChunk(0)]);
    // The unchanged chunk's texts are known from its hash: not read.
    expect(memo.read).not.toContain(keys.texts(0));

    // And again from what that run kept: the same texts, so nothing is written but the pairs, kept as they were.
    expect(memo.run(edited)).toEqual(after);
    expect(memo.written).toEqual([]);
    expect(memo.read).toEqual([keys.pairs]);
  });

  it('after a text is added in front, every chunk moves: each is written anew, and the pairs are still those of a search of all', () => {
    const memo = new FakeMemo();
    memo.run(first);
    const shifted = ['How do I delete my account?', ...first.slice(0, -1)];
    expect(sorted(memo.run(shifted))).toEqual(fresh(shifted));
    expect(memo.asBefore).toEqual([]);
    expect(memo.written).toEqual([keys.pairs, keys.texts(0), keys.indexChunk(0), keys.texts(1), keys.indexChunk(1), keys.index]);
  });

  it('with a chunk of the index missing, compares the new texts with a new index', () => {
    const memo = new FakeMemo();
    memo.run(first);
    memo.stored.delete(keys.indexChunk(0));
    const edited = [...first];
    edited[5] = 'How do I delete my account?';
    expect(sorted(memo.run(edited))).toEqual(fresh(edited));
    // Texts of chunk 1 are as they were; its words are written again, from the new index.
    expect(memo.asBefore).toEqual([keys.texts(1)]);
  });
});
