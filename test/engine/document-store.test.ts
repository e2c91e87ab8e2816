import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentStore } from '../../src/engine/document-store.js';
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
