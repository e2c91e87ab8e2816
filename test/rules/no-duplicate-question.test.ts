import { describe, expect, it } from 'vitest';
import { parseFaqDocument } from '../../src/parse/document.js';
import noDuplicateQuestion, { type NoDuplicateQuestionOptions } from '../../src/rules/no-duplicate-question.js';
import type { RuleReport, SiteRuleContext } from '../../src/rules/define-rule.js';
import type { FaqDocument } from '../../src/model/types.js';
import { textHash } from '../../src/text/answer-form.js';

const PAGE = [
  '## How do I delete my account?\n\nA.\n',
  '## How can I delete my account?\n\nB.\n',
  '## How do I rename a bucket?\n\nC.\n',
  '## What does pruning delete?\n\nD.\n',
].join('\n');

/**
 * Runs the rule on one page with a memo that recalls `recalled[key]`; returns its reports, what it
 * kept (as JSON, as the cache keeps it), and the keys it kept as before, unread.
 */
function run(recalled: Record<string, unknown> = {}): { reports: string[]; kept: Map<string, unknown>; asBefore: string[] } {
  const document = parseFaqDocument('/site/faq.md', PAGE);
  const reports: string[] = [];
  const kept = new Map<string, unknown>();
  const asBefore: string[] = [];
  const context: SiteRuleContext<NoDuplicateQuestionOptions> = {
    documents: [document],
    options: noDuplicateQuestion.meta.defaultOptions,
    site: { root: '/site', treeOf: () => undefined } as never,
    report: (_, report: RuleReport) => reports.push(`${report.span.start.line}: ${report.message}`),
    memo: {
      recall: (key) => recalled[key],
      keep: (key, value) => kept.set(key, JSON.parse(JSON.stringify(value))),
      keepAsBefore: (key) => asBefore.push(key),
      recallPage: () => undefined,
      keepPage: () => {},
      keepPageAsBefore: () => {},
      pageVersion: () => undefined,
    },
  };
  noDuplicateQuestion.check(context);
  return { reports, kept, asBefore };
}

describe('no-duplicate-question with a memo', () => {
  const PAIRS = 'wording-pairs 0.8 tree:';
  const TEXTS = 'wording-texts 0.8 tree: 0';
  const INDEX = 'word-index 0.8 tree:';
  const INDEX_CHUNK = 'word-index 0.8 tree: 0';
  const encode = (hashes: number[]): string => Buffer.from(Float64Array.from(hashes).buffer).toString('base64');
  const decode = (texts: string): number[] => [...new Float64Array(new Uint8Array(Buffer.from(texts, 'base64')).buffer)];
  const keptPairs = (kept: Map<string, unknown>) => kept.get(PAIRS) as { count: number; chunks: number[]; pairs: number[] };
  const keptIndex = (kept: Map<string, unknown>) => kept.get(INDEX_CHUNK) as { texts: number; wordStart: string; wordBytes: number; words: string; weights: string };
  const ints = (encoded: string): number[] => [...new Int32Array(new Uint8Array(Buffer.from(encoded, 'base64')).buffer)];
  const shorts = (encoded: string): number[] => [...new Uint16Array(new Uint8Array(Buffer.from(encoded, 'base64')).buffer)];

  it('keeps the wording pairs it found, as [a, b, score] over the distinct questions, the hashes of the texts, and apart their content words', () => {
    const { reports, kept } = run();
    expect(reports).toEqual([expect.stringMatching(/^5: Question "How can I delete my account\?" is nearly the same as "How do I delete my account\?" at faq\.md:1:4 \(similarity 0\.\d\d\)$/)]);
    expect([...kept.keys()]).toEqual([PAIRS, TEXTS, INDEX_CHUNK, INDEX]);
    const texts = decode(kept.get(TEXTS) as string);
    expect(texts).toHaveLength(4);
    expect(new Set(texts).size).toBe(4);
    expect(keptPairs(kept)).toEqual({ count: 4, chunks: [textHash(kept.get(TEXTS) as string)], pairs: [0, 1, expect.any(Number)] });
    expect(kept.get(INDEX)).toEqual({ chunks: 1, vocabulary: ['how', 'delete', 'account', 'rename', 'bucket', 'what', 'pruning'] });
    expect(keptIndex(kept).texts).toBe(textHash(kept.get(TEXTS) as string));
    expect(ints(keptIndex(kept).wordStart)).toEqual([0, 3, 6, 9, 12]);
    expect(keptIndex(kept).wordBytes).toBe(2);
    expect(shorts(keptIndex(kept).words)).toEqual([0, 1, 2, 0, 1, 2, 0, 3, 4, 5, 6, 1]);
  });

  it('with the same texts, gives the pairs kept and keeps them, the texts and the index as they were, unread', () => {
    const searched = run().kept;
    const recalled = { ...keptPairs(searched), pairs: [2, 3, 0.9] };
    const { reports, kept, asBefore } = run({ [PAIRS]: recalled });
    expect(reports).toEqual(['13: Question "What does pruning delete?" is nearly the same as "How do I rename a bucket?" at faq.md:9:4 (similarity 0.90)']);
    expect(kept.get(PAIRS)).toEqual(recalled);
    expect([...kept.keys()]).toEqual([PAIRS]);
    expect(asBefore).toEqual([TEXTS, INDEX_CHUNK, INDEX]);
  });

  it('compares only the texts that are new with the others, through the kept index, and drops pairs of texts no longer there', () => {
    const searched = run();
    const texts = decode(searched.kept.get(TEXTS) as string);
    // The last run knew another second question (hash 12345), paired with the third; the second of now is new.
    const before = encode([texts[0] as number, 12345, texts[2] as number, texts[3] as number]);
    const recalled = { [PAIRS]: { count: 4, chunks: [textHash(before)], pairs: [1, 2, 0.95] }, [TEXTS]: before, [INDEX]: searched.kept.get(INDEX), [INDEX_CHUNK]: { ...keptIndex(searched.kept), texts: textHash(before) } };
    const { reports, kept, asBefore } = run(recalled);
    expect(reports).toEqual(searched.reports);
    expect(asBefore).toEqual([]);
    for (const key of [PAIRS, TEXTS, INDEX, INDEX_CHUNK]) expect(kept.get(key)).toEqual(searched.kept.get(key));
    // An index kept for other texts is not used: the texts are compared as they are.
    for (const stale of [{ [INDEX]: { chunks: 1, vocabulary: ['x'] } }, { [INDEX_CHUNK]: { ...keptIndex(searched.kept), texts: 1 } }]) {
      const again = run({ ...recalled, ...stale });
      expect(again.reports).toEqual(searched.reports);
      for (const key of [PAIRS, TEXTS, INDEX, INDEX_CHUNK]) expect(again.kept.get(key)).toEqual(searched.kept.get(key));
    }
    // Nor are texts that are not what their hash says.
    expect(run({ ...recalled, [TEXTS]: encode([1, 2, 3, 4]) }).reports).toEqual(searched.reports);
  });

  it('searches again when what it recalls is not pairs of these questions', () => {
    const searched = run().reports;
    const twoTexts = encode([1, 2]);
    const pairsOf = (texts: string, pairs: unknown[], count = 2) => ({ [PAIRS]: { count, chunks: [textHash(texts)], pairs }, [TEXTS]: texts });
    for (const recalled of [
      { [PAIRS]: [0, 1, 0.9] },
      { [PAIRS]: { texts: twoTexts, pairs: [] } },
      pairsOf(twoTexts, [0, 1]),
      pairsOf(twoTexts, [0, 9, 0.9]),
      pairsOf(encode([1, 1]), []),
      pairsOf(encode([1.5, 2]), []),
      pairsOf('abc', []),
      pairsOf(twoTexts, [], 3),
      pairsOf(twoTexts, [], 1.5),
      { [PAIRS]: { count: 2, chunks: [], pairs: [] } },
      { [PAIRS]: { count: 2, chunks: ['x'], pairs: [] } },
      { [PAIRS]: 'x' },
    ]) {
      expect(run(recalled).reports).toEqual(searched);
    }
    // A kept index that does not fit its texts is not used.
    const index = { vocabulary: ['a'], chunks: 1 };
    const chunk = { wordStart: Buffer.from(Int32Array.from([0, 1, 1]).buffer).toString('base64'), wordBytes: 4, words: Buffer.from(Int32Array.from([0]).buffer).toString('base64'), weights: Buffer.from(Float32Array.from([1, 0]).buffer).toString('base64'), texts: textHash(twoTexts) };
    for (const bad of [{}, { vocabulary: [] }, { chunks: 2 }, { vocabulary: [1] }]) {
      expect(run({ ...pairsOf(twoTexts, []), [INDEX]: { ...index, ...bad }, [INDEX_CHUNK]: chunk }).reports).toEqual(searched);
    }
    for (const bad of [{}, { wordStart: chunk.words }, { weights: 'abc' }, { words: Buffer.from(Int32Array.from([-1]).buffer).toString('base64') }, { wordBytes: 2 }, { wordBytes: 3 }, { texts: 0 }]) {
      expect(run({ ...pairsOf(twoTexts, []), [INDEX]: index, [INDEX_CHUNK]: { ...chunk, ...bad } }).reports).toEqual(searched);
    }
  });
});

describe('no-duplicate-question with page memos', () => {
  const OTHER = '## How do I delete my account?\n\nCopy nothing.\n\n## Where are logs kept?\n\nIn the log folder.\n';

  /** Runs the rule on two pages with a page memo; `pageMemo` holds what a page recalls, `kept` what it kept. */
  function runPages(pageMemo: Map<string, unknown>, documents = [parseFaqDocument('/site/a.md', PAGE), parseFaqDocument('/site/b.md', OTHER)]): { reports: string[]; kept: Map<string, unknown> } {
    const reports: string[] = [];
    const kept = new Map<string, unknown>();
    noDuplicateQuestion.check({
      documents,
      options: noDuplicateQuestion.meta.defaultOptions,
      site: { root: '/site', treeOf: () => undefined } as never,
      report: (document, report: RuleReport) => reports.push(`${document.path}:${report.span.start.line}:${report.span.start.column}/${report.span.start.offset}-${report.span.end.offset} ${report.message}`),
      memo: {
        recall: () => undefined,
        keep: () => {},
        keepAsBefore: () => {},
        recallPage: (document, key) => pageMemo.get(`${document.path} ${key}`),
        keepPage: (document, key, value) => kept.set(`${document.path} ${key}`, value),
        keepPageAsBefore: () => {},
        pageVersion: () => undefined,
      },
    });
    return { reports, kept };
  }

  it('keeps each page\'s questions, and with them recalled reads no page\'s blocks and reports the same', () => {
    const cold = runPages(new Map());
    expect(cold.reports).toHaveLength(2);
    expect([...cold.kept.keys()]).toEqual(['/site/a.md questions', '/site/b.md questions']);
    // Pages known by path alone: reading anything else of them throws.
    const byPathOnly = ['/site/a.md', '/site/b.md'].map(
      (file) =>
        new Proxy({ path: file } as FaqDocument, {
          get: (target, property) => {
            if (property === 'path') return target.path;
            throw new Error(`read ${String(property)} of ${file}`);
          },
        }),
    );
    const warm = runPages(cold.kept, byPathOnly);
    expect(warm.reports).toEqual(cold.reports);
    expect(warm.kept).toEqual(cold.kept);
  });

  it('works the questions out again from a page whose recalled value is not its questions', () => {
    const cold = runPages(new Map());
    for (const bad of [[0, 'q'], ['0', 'q', 'n', 1, 1, 0, 1, 2, 3, null], [0, 'q', 'n', 1, 1, 0, 1, 2, 3, 'hash'], 'x', { questions: [] }]) {
      expect(runPages(new Map([['/site/a.md questions', bad]])).reports).toEqual(cold.reports);
    }
  });
});

describe('no-duplicate-question with a kept language tree (a cache)', () => {
  const A = '## How do I delete my account?\n\nA.\n\n## Where are logs kept?\n\nIn the log folder.\n';
  const B = '## How can I delete my account?\n\nB.\n\n## Where are logs kept?\n\nSee above.\n';
  const C = '## How do I rename a bucket?\n\nC.\n';

  /** A cache as the engine gives it to a site rule: values by key, page values by page and version. */
  class FakeCache {
    site = new Map<string, unknown>();
    pages = new Map<string, unknown>();
    read: string[] = [];
    /** Site values kept anew in the last run (not the very value recalled). */
    written: string[] = [];

    run(documents: FaqDocument[], versions: Record<string, string>): string[] {
      const reports: string[] = [];
      const site = new Map<string, unknown>();
      const pages = new Map<string, unknown>();
      const written: string[] = [];
      noDuplicateQuestion.check({
        documents,
        options: noDuplicateQuestion.meta.defaultOptions,
        site: { root: '/site', treeOf: () => undefined } as never,
        report: (document, report: RuleReport) =>
          reports.push(`${document.path}:${report.span.start.line}:${report.span.start.column} ${report.message} ${(report.related ?? []).map((related) => `${related.path}:${related.span.start.line}`).join()}`),
        memo: {
          recall: (key) => this.site.get(key),
          keep: (key, value) => {
            if (value !== this.site.get(key)) written.push(key);
            site.set(key, value === this.site.get(key) ? value : JSON.parse(JSON.stringify(value)));
          },
          keepAsBefore: (key) => this.site.has(key) && site.set(key, this.site.get(key)),
          recallPage: (document, key) => this.pages.get(`${document.path} ${versions[document.path]} ${key}`),
          keepPage: (document, key, value) => pages.set(`${document.path} ${versions[document.path]} ${key}`, value),
          keepPageAsBefore: (document) => {
            for (const [key, value] of this.pages) if (key.startsWith(`${document.path} ${versions[document.path]} `)) pages.set(key, value);
          },
          pageVersion: (document) => versions[document.path],
        },
      });
      this.site = site;
      this.pages = pages;
      this.written = written;
      return reports.sort();
    }

    /** A page known by path alone, as the engine gives an unchanged page: reading more of it is noted. */
    unread(file: string, text: string): FaqDocument {
      const parsed = parseFaqDocument(file, text);
      return new Proxy(parsed, {
        get: (target, property, receiver) => {
          if (property !== 'path') this.read.push(`${file} ${String(property)}`);
          return Reflect.get(target, property, receiver) as unknown;
        },
      });
    }
  }

  const uncached = (documents: FaqDocument[]): string[] => new FakeCache().run(documents, {});

  it('after an edit reads the edited page only, and reports what an uncached run reports', () => {
    const cache = new FakeCache();
    const first = [parseFaqDocument('/site/a.md', A), parseFaqDocument('/site/b.md', B), parseFaqDocument('/site/c.md', C)];
    expect(cache.run(first, { '/site/a.md': '1', '/site/b.md': '1', '/site/c.md': '1' })).toEqual(uncached(first));
    // c.md now asks what b.md asks: b.md's findings are as they were, read from the cache.
    const edited = "## How can I delete my account?\n\nC.\n\n## What's a bucket?\n\nD.\n";
    const second = [cache.unread('/site/a.md', A), cache.unread('/site/b.md', B), parseFaqDocument('/site/c.md', edited)];
    cache.read = [];
    const reports = cache.run(second, { '/site/a.md': '1', '/site/b.md': '1', '/site/c.md': '2' });
    expect(reports).toEqual(uncached([parseFaqDocument('/site/a.md', A), parseFaqDocument('/site/b.md', B), parseFaqDocument('/site/c.md', edited)]));
    expect(reports.some((report) => report.startsWith('/site/c.md:1:4 Duplicate question "How can I delete my account?": also asked at b.md:1:4'))).toBe(true);
    // b.md's values were read for the new finding that points at it; no page's blocks were.
    expect(cache.read.filter((read) => !read.endsWith(' blocks'))).toEqual(cache.read);
    expect(cache.read).toEqual([]);
  });

  it('after an answer edit that changes no finding, writes only the edited page\'s chunk: the findings and the pairs stay as they were', () => {
    const cache = new FakeCache();
    const documents = [parseFaqDocument('/site/a.md', A), parseFaqDocument('/site/b.md', B), parseFaqDocument('/site/c.md', C)];
    const first = cache.run(documents, { '/site/a.md': '1', '/site/b.md': '1', '/site/c.md': '1' });
    const edited = C.replace('C.', 'C, and more.');
    const second = [cache.unread('/site/a.md', A), cache.unread('/site/b.md', B), parseFaqDocument('/site/c.md', edited)];
    expect(cache.run(second, { '/site/a.md': '1', '/site/b.md': '1', '/site/c.md': '2' })).toEqual(first);
    expect(cache.written).toEqual(['question-hashes tree: 0']);
    // A new finding is written.
    const repeated = [cache.unread('/site/a.md', A), cache.unread('/site/b.md', B), parseFaqDocument('/site/c.md', A)];
    cache.run(repeated, { '/site/a.md': '1', '/site/b.md': '1', '/site/c.md': '3' });
    expect(cache.written).toContain('findings 0.8 true tree:');
  });

  it('catches a kept hash that makes two different texts look alike, and compares the texts instead', () => {
    const cache = new FakeCache();
    const documents = [parseFaqDocument('/site/a.md', A), parseFaqDocument('/site/c.md', C)];
    const versions = { '/site/a.md': '1', '/site/c.md': '1' };
    const honest = cache.run(documents, versions);
    // As if c.md's question had the hash of a.md's first: a duplicate that is not one.
    const key = [...cache.site.keys()].find((each) => each.startsWith('question-hashes ')) as string;
    const kept = cache.site.get(key) as { texts: string };
    const texts = new Float64Array(new Uint8Array(Buffer.from(kept.texts, 'base64')).buffer);
    texts[2] = texts[0] as number;
    cache.site.set(key, { ...kept, texts: Buffer.from(texts.buffer).toString('base64') });
    expect(cache.run(documents, versions)).toEqual(honest);
  });
});
