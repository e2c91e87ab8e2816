import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWithRule, repoRoot } from '../helpers/lint-text.js';

const corpus = (name: string): string => fs.readFileSync(path.join(repoRoot, 'fixtures/corpus', name), 'utf8');

describe('no-placeholder on the corpora', () => {
  it('finds nothing in realistic documentation prose', async () => {
    const messages = await lintWithRule('no-placeholder', corpus('prose-clean.md'));
    expect(messages.map((message) => `${message.line}:${message.column} ${message.message}`)).toEqual([]);
  });

  it('finds every paragraph of filler, once each, where it starts', async () => {
    const text = corpus('filler.md');
    const lines = text.split('\n');
    // Each filler paragraph follows a `<!-- kind: … -->` marker and a blank line.
    const expected: Array<{ line: number; column: number; kind: string }> = [];
    lines.forEach((line, index) => {
      const kind = /<!-- kind: (\w+) -->/.exec(line)?.[1];
      if (!kind) return;
      let next = index + 1;
      while ((lines[next] ?? '').trim() === '') next++;
      // The finding starts at the paragraph's first word, after any emphasis markers.
      expected.push({ line: next + 1, column: (lines[next] ?? '').search(/[\p{L}[]/u) + 1, kind });
    });
    expect(expected.length).toBeGreaterThanOrEqual(40);
    const messages = await lintWithRule('no-placeholder', text);
    expect(messages.map((message) => [message.line, message.column])).toEqual(expected.map((entry) => [entry.line, entry.column]));
    const latin = expected.filter((entry) => entry.kind === 'latin').map((entry) => entry.line);
    for (const message of messages) {
      if (latin.includes(message.line)) expect(message.message).toMatch(/^Lorem-ipsum filler text|^Placeholder text: ".*ipsum/i);
    }
  });
});
