import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// The compiled pool: its worker script exists only in dist (the sources parse in-process).
import { startParseWorkers, startParseWorkersFor, workerCount, type ParsedPage, type ParseJob, type WorkerSetup } from '../../dist/engine/worker-pool.js';
import { crossPageRules, pageParts } from '../../src/engine/page-parts.js';
import { bytesDigest } from '../../src/io/disk.js';
import { LineIndex } from '../../src/model/line-index.js';
import { DEFAULT_PARSE_OPTIONS, parseFaqDocument } from '../../src/parse/document.js';
import { builtinRules } from '../../src/rules/index.js';

const DRAFT = '---\ntitle: FAQ\ndraft: true\n---\n\n{{< details "How do I restore a file?" >}}\nTODO: write\n{{< /details >}}\n';

function setupIn(dir: string, lookup: WorkerSetup['lookup'] = { cwd: dir, noConfigLookup: true }): WorkerSetup {
  return { lookup, ruleOverrides: {}, parseOptions: DEFAULT_PARSE_OPTIONS, forCache: true };
}

/** Starts `threads` workers and parses the jobs on them. */
async function parseOnWorkers(jobs: readonly ParseJob[], setup: WorkerSetup, threads: number, onPage: (page: ParsedPage) => void): Promise<void> {
  await startParseWorkers(setup, threads)?.parse(jobs, onPage);
}

describe('parse workers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-pool-'));
  const texts: Record<string, string> = { 'a.md': DRAFT, 'b.md': '## Context\n\nNothing to report.\n' };
  for (const [name, text] of Object.entries(texts)) fs.writeFileSync(path.join(dir, name), text);
  const jobs: ParseJob[] = [
    { file: path.join(dir, 'a.md'), size: DRAFT.length, linted: true },
    { file: path.join(dir, 'b.md'), size: 30, linted: false },
  ];

  it('returns every page with its facts, and findings of the file-only rules for linted pages', async () => {
    const pages: ParsedPage[] = [];
    await parseOnWorkers(jobs, setupIn(dir), 2, (page) => pages.push(page));
    pages.sort((x, y) => x.file.localeCompare(y.file));
    expect(pages.map((page) => [path.basename(page.file), page.facts.blocks.length, page.messages?.map((message) => `${message.line}:${message.column} ${message.ruleId}`) ?? null])).toEqual([
      ['a.md', 1, ['3:1 no-draft', '6:14 no-empty-answer', '7:1 no-placeholder']],
      ['b.md', 0, null],
    ]);
    // Cross-page part digests as the main thread would make them, for linted and context pages.
    for (const page of pages) {
      const text = texts[path.basename(page.file)] ?? '';
      expect(page.parts).toEqual(pageParts(parseFaqDocument(page.file, text), crossPageRules(builtinRules)));
      // What the main thread needs of the text it never read: the digest of the bytes and the line index.
      expect(page.digest).toBe(bytesDigest(Buffer.from(text)));
      expect(new LineIndex(page.lines).point(text.length)).toEqual(new LineIndex(text).point(text.length));
    }
  });

  it('without a cache, spends nothing on what only a cache keeps: no digest of the bytes or of the parts', async () => {
    const pages: ParsedPage[] = [];
    await parseOnWorkers(jobs, { ...setupIn(dir), forCache: false }, 1, (page) => pages.push(page));
    expect(pages.map((page) => [path.basename(page.file), page.digest, page.parts]).sort()).toEqual([
      ['a.md', '', undefined],
      ['b.md', '', undefined],
    ]);
    expect(pages.find((page) => page.file.endsWith('a.md'))?.messages?.length).toBe(3);
  });

  it('hands over no page it could not read, leaving it to the main thread', async () => {
    const pages: ParsedPage[] = [];
    await parseOnWorkers([...jobs, { file: path.join(dir, 'missing.md'), size: 0, linted: true }], setupIn(dir), 1, (page) => pages.push(page));
    expect(pages.map((page) => path.basename(page.file)).sort()).toEqual(['a.md', 'b.md']);
  });

  it('gives up without a page, and without throwing, when its workers cannot start', async () => {
    const pages: ParsedPage[] = [];
    await parseOnWorkers(jobs, setupIn(dir, { cwd: dir, configFile: path.join(dir, 'missing.json') }), 2, (page) => pages.push(page));
    expect(pages).toEqual([]);
  });

  it('parses with workers started before the pages were known, whether they are ready by then or not', async () => {
    for (const waitMs of [0, 500]) {
      const workers = startParseWorkers(setupIn(dir), 2);
      expect(workers).toBeDefined();
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      const pages: ParsedPage[] = [];
      await workers?.parse(jobs, (page) => pages.push(page));
      expect(pages.map((page) => path.basename(page.file)).sort()).toEqual(['a.md', 'b.md']);
    }
  });

  it('stops workers that were started but not needed, and then parses nothing', async () => {
    const workers = startParseWorkers(setupIn(dir), 1);
    workers?.close();
    const pages: ParsedPage[] = [];
    await workers?.parse(jobs, (page) => pages.push(page));
    expect(pages).toEqual([]);
  });

  it('starts workers early only when the linted files alone are over a mebibyte', () => {
    expect(startParseWorkersFor(jobs.map((job) => job.file), 'auto', setupIn(dir))).toBeUndefined();
    const forced = startParseWorkersFor(jobs.map((job) => job.file), 1, setupIn(dir));
    expect(forced).toBeDefined();
    forced?.close();
  });

  it('starts workers on its own only for more than a mebibyte of Markdown, and never for nothing', () => {
    const large = [600, 700].map((kib) => ({ file: `${kib}.md`, size: kib << 10, linted: true }));
    expect(workerCount('auto', jobs)).toBe(0);
    expect(workerCount('auto', large)).toBe(os.availableParallelism() > 1 ? 2 : 0);
    expect(workerCount(3, jobs)).toBe(2);
    expect(workerCount('off', large)).toBe(0);
    expect(workerCount(2, [])).toBe(0);
  });

  it('counts no page too large for a worker: the main thread parses those', () => {
    const huge = { file: 'huge.md', size: 2 << 20, linted: true };
    expect(workerCount('auto', [huge])).toBe(0);
    expect(workerCount(2, [huge, ...jobs])).toBe(2);
    expect(workerCount(2, [huge])).toBe(0);
  });
});
