import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/engine/cache.js';
import { DocumentStore } from '../../src/engine/document-store.js';
import { FactsBlock } from '../../src/engine/packed-facts.js';
import { lint } from '../../src/engine/lint.js';
import { DEFAULT_PARSE_OPTIONS } from '../../src/parse/parse-options.js';
import { folderWith } from '../helpers/folder.js';

describe('DocumentStore.frontMatterOf (pages the site model has not loaded)', () => {
  const dir = folderWith({
    'yaml.md': '---\ntitle: "Restoring"\nurl: /help/restore/\nslug: recovery\naliases: [/old/restore/]\ndraft: true\n---\nBody mentions url and slug.\n',
    'toml.md': '+++\ntitle = "Keys"\nslug = "keys"\n+++\nBody.\n',
    'json.md': '{\n  "title": "Tags",\n  "aliases": "/tags-old/"\n}\nBody.\n',
    'plain.md': '---\ntitle: "Nothing about addresses"\nweight: 3\n---\nThis page links to /url/ and a slug in its body only.\n',
    'escaped.md': '---\n"\\u0075rl": /spelt-with-escapes/\n---\nBody.\n',
    'none.md': 'No front matter.\n',
  });
  const store = new DocumentStore(DEFAULT_PARSE_OPTIONS, undefined, new Set(), undefined);
  const of = (name: string): unknown => store.frontMatterOf(path.join(dir, name));

  it('gives the keys that set URLs, and only those', () => {
    expect(of('yaml.md')).toEqual({ url: '/help/restore/', slug: 'recovery', aliases: ['/old/restore/'] });
    expect(of('toml.md')).toEqual({ slug: 'keys' });
    expect(of('json.md')).toEqual({ aliases: '/tags-old/' });
  });

  it('gives nothing for front matter without them, whatever the body says', () => {
    expect(of('plain.md')).toEqual({});
    expect(of('none.md')).toBeUndefined();
  });

  it('still finds a key spelt with escapes', () => {
    expect(of('escaped.md')).toEqual({ url: '/spelt-with-escapes/' });
  });
});

describe('DocumentStore.settle (pages parsed on the main thread)', () => {
  const page = [
    '---',
    'title: "Backups"',
    '---',
    '## Restoring',
    '',
    '{{< details "How do I restore a snapshot to another host?" >}}',
    'Run `stashbox restore` there. The [restore guide](/guide/restore/#other-hosts) has the details.',
    '{{< /details >}}',
    '',
  ].join('\n');
  const dir = folderWith({ 'faq.md': page });
  const file = path.join(dir, 'faq.md');

  it('keeps only the facts of a linted page once its rules have run, as a worker would send them', () => {
    const store = new DocumentStore(DEFAULT_PARSE_OPTIONS, undefined, new Set([file]), undefined);
    const parsed = store.load(file);
    if (!parsed) throw new Error('not loaded');
    expect(parsed.tree.children.length).toBeGreaterThan(0);
    const facts = JSON.parse(JSON.stringify(factsOf(parsed))) as unknown;
    const spans = parsed.blocks.map((block) => [block.span, block.questionSpan, block.answerSpan]);
    const settled = store.settle(parsed);
    expect(settled).not.toBe(parsed);
    expect(store.load(file)).toBe(settled);
    expect(settled.tree.children).toEqual([]);
    expect(settled.text).toBe('');
    expect(settled.blocks.every((block) => block instanceof FactsBlock)).toBe(true);
    expect(settled.blocks.map((block) => [block.span, block.questionSpan, block.answerSpan])).toEqual(spans);
    expect(factsOf(settled)).toEqual(facts);
    expect(store.settle(settled)).toBe(settled);
  });

  it('keeps only the facts of a page read as context at once', () => {
    const store = new DocumentStore(DEFAULT_PARSE_OPTIONS, undefined, new Set(), undefined);
    const loaded = store.load(file);
    expect(loaded?.tree.children).toEqual([]);
    expect(loaded?.blocks[0]).toBeInstanceOf(FactsBlock);
    expect(loaded?.blocks[0]?.question).toBe('How do I restore a snapshot to another host?');
    expect(loaded && store.settle(loaded)).toBe(loaded);
  });
});

describe('URLs set in the front matter of pages that are not linted', () => {
  it('resolves links to them when only the linking page is linted', async () => {
    const dir = folderWith({
      'hugo.toml': 'title = "Site"\n',
      'content/faq.md': '## Questions\n\nSee [the guide](/guide/#installing), [the old one](/old-guide/) and [a missing page](/nowhere/).\n',
      'content/docs/setup.md': '---\ntitle: "Setup"\nurl: /guide/\naliases:\n  - /old-guide/\n---\n## Installing\n\nSteps.\n',
    });
    const run = await lint({ cwd: dir, patterns: ['content/faq.md'], concurrency: 'off', noConfigLookup: true });
    const found = run.results.flatMap((result) => result.messages.map((message) => `${message.ruleId} ${message.line}:${message.column}`));
    expect(found).toEqual(['valid-internal-link 3:69']);
  });
});
