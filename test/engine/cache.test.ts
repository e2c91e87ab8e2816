import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { asciiJson } from '../../src/engine/cache-file.js';
import { factsOf, LintCache, type RunRecord } from '../../src/engine/cache.js';
import type { LintResult } from '../../src/engine/results.js';
import type { FaqDocument } from '../../src/model/types.js';
import { parseFaqDocument } from '../../src/parse/document.js';

const KEY = 'key-1';
const facts = (question: string) => factsOf(parseFaqDocument('/site/faq.md', `## ${question}\n\nAn answer.\n`));
const RUN: RunRecord = { inputs: 'inputs', disk: [], results: [], warnings: [], parts: {}, crossPage: {} };

function cacheFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-cache-')), '.faqlintcache');
}

/** A cache file with entries for a.md and b.md and one site rule's reports. */
function filled(file: string): void {
  const cache = LintCache.open(file, KEY);
  cache.setFacts('/site/a.md', 'hash-a', facts('How do I restore a file?'), [], 'parts-a');
  cache.setFacts('/site/b.md', 'hash-b', facts('How do I rename a bucket?'), null, undefined);
  cache.memoFor('no-duplicate-question /site', () => undefined).keep('wording-pairs x', [0, 1, 0.9]);
  cache.setSiteRuleReports('no-duplicate-question /site', 'inputs-1', []);
  cache.setRun(RUN);
  cache.save();
}

describe('LintCache on disk', () => {
  it('reads back entries, site rules, their memo and the run', () => {
    const file = cacheFile();
    filled(file);
    const cache = LintCache.open(file, KEY);
    expect(cache.lastRun).toEqual(RUN);
    expect(cache.peekEntry('/site/a.md', 'hash-a')).toEqual({ hash: 'hash-a', facts: facts('How do I restore a file?'), messages: [], parts: 'parts-a' });
    expect(cache.peek('/site/b.md', 'hash-b')).toEqual(facts('How do I rename a bucket?'));
    expect(cache.peek('/site/b.md', 'another hash')).toBeUndefined();
    expect(cache.siteRuleReports('no-duplicate-question /site', 'inputs-1')).toEqual([]);
    expect(cache.siteRuleReports('no-duplicate-question /site', 'inputs-2')).toBeUndefined();
    expect(cache.memoFor('no-duplicate-question /site', () => undefined).recall('wording-pairs x')).toEqual([0, 1, 0.9]);
    expect(LintCache.open(file, 'another key').peek('/site/a.md', 'hash-a')).toBeUndefined();
  });

  it('tells whether a site rule kept a memo, and drops its reports kept for replay when told to', () => {
    const file = cacheFile();
    filled(file);
    const second = LintCache.open(file, KEY);
    expect(second.keepsMemo('no-duplicate-question /site')).toBe(false);
    second.memoFor('no-duplicate-question /site', () => undefined).keepAsBefore('wording-pairs x');
    expect(second.keepsMemo('no-duplicate-question /site')).toBe(true);
    expect(second.keepsMemo('valid-internal-link /site')).toBe(false);
    second.dropSiteRuleReports('no-duplicate-question /site');
    second.save();
    const third = LintCache.open(file, KEY);
    expect(third.siteRuleReports('no-duplicate-question /site', 'inputs-1')).toBeUndefined();
    expect(third.memoFor('no-duplicate-question /site', () => undefined).recall('wording-pairs x')).toEqual([0, 1, 0.9]);
  });

  it('gives a page\'s URL settings from the header, and keeps unread entries when told to', () => {
    const file = cacheFile();
    const withSlug = factsOf(parseFaqDocument('/site/c.md', '---\ntitle: C\nslug: see\naliases: [/old/c/]\n---\n## How do I see it?\n\nLike this.\n'));
    const first = LintCache.open(file, KEY);
    first.setFacts('/site/a.md', 'hash-a', facts('How do I restore a file?'), [], undefined);
    first.setFacts('/site/c.md', 'hash-c', withSlug, [], undefined);
    first.save();
    const second = LintCache.open(file, KEY);
    expect(second.urlSettings('/site/c.md', 'hash-c')).toEqual({ slug: 'see', aliases: ['/old/c/'] });
    expect(second.urlSettings('/site/a.md', 'hash-a')).toEqual({});
    expect(second.urlSettings('/site/a.md', 'another hash')).toBeUndefined();
    expect(second.urlSettings('/site/nowhere.md', 'hash-a')).toBeUndefined();
    // A run that read no entry but keeps them all, as a run after an edit does.
    second.keepStoredEntries();
    second.setRun(RUN);
    second.save();
    const third = LintCache.open(file, KEY);
    expect(third.peek('/site/a.md', 'hash-a')).toEqual(facts('How do I restore a file?'));
    expect(third.urlSettings('/site/c.md', 'hash-c')).toEqual({ slug: 'see', aliases: ['/old/c/'] });
  });

  it('appends a changed entry and leaves the others where they were; drops entries no run used', () => {
    const file = cacheFile();
    filled(file);
    const before = fs.readFileSync(file);
    const cache = LintCache.open(file, KEY);
    expect(cache.get('/site/a.md', 'hash-a')).toBeDefined();
    cache.setFacts('/site/c.md', 'hash-c', facts('Can I list snapshots?'), [], undefined);
    cache.save();
    const after = fs.readFileSync(file);
    const firstSegmentEnd = before.indexOf('\n') + 1;
    expect(after.subarray(0, firstSegmentEnd).equals(before.subarray(0, firstSegmentEnd))).toBe(true);
    const reopened = LintCache.open(file, KEY);
    expect(reopened.peek('/site/a.md', 'hash-a')).toEqual(facts('How do I restore a file?'));
    expect(reopened.peek('/site/c.md', 'hash-c')).toEqual(facts('Can I list snapshots?'));
    expect(reopened.peek('/site/b.md', 'hash-b')).toBeUndefined();
    // The site rules' reports were neither replayed nor made in that run: gone too.
    expect(reopened.siteRuleReports('no-duplicate-question /site', 'inputs-1')).toBeUndefined();
  });

  it('writes nothing when nothing changed, and the file anew once it is mostly outdated segments', () => {
    const file = cacheFile();
    filled(file);
    const unchanged = LintCache.open(file, KEY);
    unchanged.get('/site/a.md', 'hash-a');
    unchanged.get('/site/b.md', 'hash-b');
    unchanged.siteRuleReports('no-duplicate-question /site', 'inputs-1');
    const written = fs.statSync(file).mtimeMs;
    unchanged.save();
    expect(fs.statSync(file).mtimeMs).toBe(written);

    const big = facts(`How do I restore ${'a very large file '.repeat(20_000)}?`);
    let largest = 0;
    for (let edit = 0; edit < 12; edit++) {
      const cache = LintCache.open(file, KEY);
      cache.get('/site/a.md', 'hash-a');
      cache.setFacts('/site/big.md', `hash-big-${edit}`, big, [], undefined);
      cache.save();
      largest = Math.max(largest, fs.statSync(file).size);
    }
    const live = JSON.stringify(big).length;
    // At most twice what is live, 1 MiB of slack, and the segment appended last.
    expect(largest).toBeLessThan(3 * live + (1 << 20));
    const reopened = LintCache.open(file, KEY);
    expect(reopened.peek('/site/big.md', 'hash-big-11')).toEqual(big);
    expect(reopened.peek('/site/a.md', 'hash-a')).toEqual(facts('How do I restore a file?'));
  });

  it('keeps the run\'s results in segments, and writes again only those whose results changed', () => {
    const file = cacheFile();
    const message = (line: number) => ({ ruleId: 'no-duplicate-question', severity: 2 as const, message: `Duplicate “${line}”`, line, column: 4, endLine: line, endColumn: 9 });
    const results = Array.from({ length: 300 }, (_, at) => ({ filePath: `/site/page-${String(at).padStart(3, '0')}.md`, messages: at % 7 === 0 ? [message(at)] : [], errorCount: at % 7 === 0 ? 1 : 0, warningCount: 0 }));
    const crossPage = Object.fromEntries(results.filter((result) => result.messages.length > 0).map((result) => [result.filePath, result.messages]));
    const first = LintCache.open(file, KEY);
    first.setRun({ ...RUN, results, crossPage });
    first.save();
    const second = LintCache.open(file, KEY);
    expect(second.lastRun).toEqual({ ...RUN, results, crossPage });
    const last = second.lastRun as RunRecord;
    // One file's results changed; the others are the very objects read.
    const edited = { ...(last.results[200] as LintResult), messages: [message(1)], errorCount: 1 };
    second.setRun({ ...last, results: last.results.map((result, at) => (at === 200 ? edited : result)), crossPage: { ...last.crossPage, [edited.filePath]: edited.messages } });
    const before = fs.statSync(file).size;
    second.save();
    const grown = fs.statSync(file).size - before;
    const third = LintCache.open(file, KEY);
    expect(third.lastRun?.results[200]).toEqual(edited);
    expect(third.lastRun?.results.slice(0, 200)).toEqual(results.slice(0, 200));
    expect(third.lastRun?.crossPage[edited.filePath]).toEqual([message(1)]);
    // The second segment (files 128–255) again, and a new header: not all 300 files' results.
    const segment = JSON.stringify({ results: results.slice(128, 256), crossPage: results.slice(128, 256).map((result) => crossPage[result.filePath] ?? null) }).length;
    expect(grown).toBeGreaterThan(segment / 2);
    expect(grown).toBeLessThan(1.5 * segment);
    expect(fs.readFileSync(file, 'utf8').split('"filePath":"/site/page-010.md"').length - 1).toBe(1);
    expect(fs.readFileSync(file, 'utf8').split('"filePath":"/site/page-150.md"').length - 1).toBe(2);
  });

  it('keeps each value of a site memo apart from the reports, where it is while kept as recalled or as before', () => {
    const file = cacheFile();
    const slot = 'no-duplicate-question /site';
    const index = { texts: 'x'.repeat(1000), pairs: [0, 1, 0.9] };
    const first = LintCache.open(file, KEY);
    first.memoFor(slot, () => undefined).keep('wording-pairs x', index);
    first.setSiteRuleReports(slot, 'inputs-1', []);
    first.save();
    const memoLine = fs.readFileSync(file, 'utf8').split('\n').find((line) => line.includes('"wording-pairs x"')) as string;

    // Reports change (an edit), the memo is kept as recalled: it is not written again.
    const second = LintCache.open(file, KEY);
    const memo = second.memoFor(slot, () => undefined);
    memo.keep('wording-pairs x', memo.recall('wording-pairs x'));
    second.setSiteRuleReports(slot, 'inputs-2', [{ path: '/site/a.md', report: { message: 'm', span: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } } } }]);
    second.save();
    expect(fs.readFileSync(file, 'utf8').split(memoLine).length - 1).toBe(1);
    expect(LintCache.open(file, KEY).memoFor(slot, () => undefined).recall('wording-pairs x')).toEqual(index);

    // Kept as before, unread: the same.
    const unread = LintCache.open(file, KEY);
    unread.memoFor(slot, () => undefined).keepAsBefore('wording-pairs x');
    unread.memoFor(slot, () => undefined).keepAsBefore('never kept');
    unread.setSiteRuleReports(slot, 'inputs-1', []);
    unread.save();
    expect(fs.readFileSync(file, 'utf8').split(memoLine).length - 1).toBe(1);
    expect(LintCache.open(file, KEY).memoFor(slot, () => undefined).recall('wording-pairs x')).toEqual(index);

    // Kept with other values: written anew, and recalled so.
    const third = LintCache.open(file, KEY);
    third.memoFor(slot, () => undefined).keep('wording-pairs x', { ...index, pairs: [] });
    third.setSiteRuleReports(slot, 'inputs-3', []);
    third.save();
    expect(LintCache.open(file, KEY).memoFor(slot, () => undefined).recall('wording-pairs x')).toEqual({ ...index, pairs: [] });
  });

  it('keeps a page\'s memo for its content digest, apart, and leaves an unchanged one where it is', () => {
    const file = cacheFile();
    const slot = 'no-duplicate-question /site';
    const page = (name: string) => ({ path: `/site/${name}` }) as FaqDocument;
    const digests: Record<string, string> = { '/site/a.md': 'hash-a', '/site/b.md': 'hash-b' };
    const digestOf = (document: FaqDocument): string | undefined => digests[document.path];
    const first = LintCache.open(file, KEY);
    const firstMemo = first.memoFor(slot, digestOf);
    firstMemo.keepPage(page('a.md'), 'questions', ['a', 1]);
    firstMemo.keepPage(page('b.md'), 'questions', ['b', 2]);
    // A page with no digest (no cache entry to tie it to) keeps nothing.
    firstMemo.keepPage(page('c.md'), 'questions', ['c', 3]);
    first.setSiteRuleReports(slot, 'inputs-1', []);
    first.save();

    // b.md was edited: its memo is not recalled; a.md's is, and is kept again as it was.
    digests['/site/b.md'] = 'hash-b2';
    const second = LintCache.open(file, KEY);
    const secondMemo = second.memoFor(slot, digestOf);
    expect(secondMemo.recallPage(page('a.md'), 'questions')).toEqual(['a', 1]);
    expect(secondMemo.recallPage(page('a.md'), 'other key')).toBeUndefined();
    expect(secondMemo.recallPage(page('b.md'), 'questions')).toBeUndefined();
    expect(secondMemo.recallPage(page('c.md'), 'questions')).toBeUndefined();
    secondMemo.keepPage(page('a.md'), 'questions', secondMemo.recallPage(page('a.md'), 'questions'));
    secondMemo.keepPage(page('b.md'), 'questions', ['b2', 4]);
    second.setSiteRuleReports(slot, 'inputs-2', []);
    const before = fs.readFileSync(file);
    second.save();
    const after = fs.readFileSync(file).toString('utf8');
    // a.md's memo was not written again: the file holds it once, where it was.
    const aMemo = before.toString('utf8').split('\n').find((line) => line.includes('"file":"/site/a.md"')) as string;
    expect(after.split(aMemo).length - 1).toBe(1);
    expect(after.startsWith(before.subarray(0, before.indexOf(aMemo)).toString('utf8') + aMemo)).toBe(true);

    const third = LintCache.open(file, KEY);
    expect(third.memoFor(slot, digestOf).recallPage(page('b.md'), 'questions')).toEqual(['b2', 4]);
    // Replayed reports keep the rule's page memos, though it did not run.
    expect(third.siteRuleReports(slot, 'inputs-2')).toEqual([]);
    third.setRun(RUN);
    third.save();
    expect(LintCache.open(file, KEY).memoFor(slot, digestOf).recallPage(page('a.md'), 'questions')).toEqual(['a', 1]);
    // A rule that runs and keeps nothing for a page drops its memo.
    const fourth = LintCache.open(file, KEY);
    const fourthMemo = fourth.memoFor(slot, digestOf);
    fourthMemo.keepPage(page('b.md'), 'questions', ['b2', 4]);
    fourth.setSiteRuleReports(slot, 'inputs-3', []);
    fourth.save();
    expect(LintCache.open(file, KEY).memoFor(slot, digestOf).recallPage(page('a.md'), 'questions')).toBeUndefined();
  });

  it('treats a damaged segment, or a file cut short, as a miss and never throws', () => {
    const file = cacheFile();
    filled(file);
    const bytes = fs.readFileSync(file);
    // The first segment (a.md's) overwritten with other valid JSON, then with garbage.
    const firstEnd = bytes.indexOf('\n');
    const other = Buffer.from(JSON.stringify({ file: '/site/other.md', hash: 'hash-a', facts: {} }).padEnd(firstEnd, ' '));
    fs.writeFileSync(file, Buffer.concat([other.subarray(0, firstEnd), bytes.subarray(firstEnd)]));
    expect(LintCache.open(file, KEY).peek('/site/a.md', 'hash-a')).toBeUndefined();
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(firstEnd, 'x'), bytes.subarray(firstEnd)]));
    const damaged = LintCache.open(file, KEY);
    expect(damaged.peek('/site/a.md', 'hash-a')).toBeUndefined();
    expect(damaged.peek('/site/b.md', 'hash-b')).toEqual(facts('How do I rename a bucket?'));
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 5));
    const cut = LintCache.open(file, KEY);
    expect(cut.lastRun).toBeUndefined();
    expect(cut.peek('/site/b.md', 'hash-b')).toBeUndefined();
    cut.setFacts('/site/b.md', 'hash-b', facts('How do I rename a bucket?'), null, undefined);
    cut.save();
    expect(LintCache.open(file, KEY).peek('/site/b.md', 'hash-b')).toEqual(facts('How do I rename a bucket?'));
  });
});

describe('asciiJson', () => {
  it('writes any JSON value in ASCII that parses back to what JSON gives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const written of [asciiJson(value), asciiJson({ text })]) expect(written).toMatch(/^[\x00-\x7e]*$/);
        // Parsed back as JSON gives it (-0 is 0 there).
        expect(JSON.parse(asciiJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
        expect(JSON.parse(asciiJson({ text }))).toEqual({ text });
      }),
      { numRuns: 500 },
    );
  });
});
