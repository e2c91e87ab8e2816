import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/progress-line.js';
import { lint, type LintProgress } from '../../src/index.js';
import { repoRoot } from '../helpers/lint-text.js';

describe('progressLine', () => {
  it('shows nothing for the first second, then redraws in place at most every 100 ms, a new phase at once, and clears itself', () => {
    let clock = 0;
    const written: string[] = [];
    const line = progressLine((text) => written.push(text), () => clock);
    line.update({ phase: 'parse', done: 1, total: 3000 });
    clock = 999;
    line.update({ phase: 'parse', done: 900, total: 3000 });
    expect(written).toEqual([]);
    clock = 1000;
    line.update({ phase: 'parse', done: 1000, total: 3000 });
    clock = 1050;
    line.update({ phase: 'parse', done: 1100, total: 3000 });
    line.update({ phase: 'check', done: 0, total: 3000 });
    clock = 1200;
    line.update({ phase: 'site', done: 0, total: 1 });
    line.clear();
    expect(written).toEqual([
      '\r\u001b[Kfaqlint: parsing pages: 1000/3000',
      '\r\u001b[Kfaqlint: checking files: 0/3000',
      '\r\u001b[Kfaqlint: checking the whole site',
      '\r\u001b[K',
    ]);
  });

  it('leaves nothing to clear when it never showed', () => {
    const written: string[] = [];
    const line = progressLine((text) => written.push(text), () => 0);
    line.update({ phase: 'check', done: 0, total: 1 });
    line.clear();
    expect(written).toEqual([]);
  });
});

describe('lint() progress', () => {
  it('reports every file checked in order, then the site-wide rules', async () => {
    const seen: LintProgress[] = [];
    const run = await lint({ cwd: path.join(repoRoot, 'fixtures/example-site'), concurrency: 'off', onProgress: (progress) => seen.push(progress) });
    const total = run.results.length;
    expect(seen).toEqual([...Array.from({ length: total }, (_, done) => ({ phase: 'check', done, total })), { phase: 'site', done: 0, total: 1 }]);
  });
});
