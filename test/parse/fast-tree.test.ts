import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { factsOf } from '../../src/engine/cache.js';
import { release } from '../../src/engine/document-store.js';
import { pageParts } from '../../src/engine/page-parts.js';
import { LineIndex } from '../../src/model/line-index.js';
import { builtinRules } from '../../src/rules/index.js';
import { parseFaqDocument, parseFaqDocumentWithMdast } from '../../src/parse/document.js';
import { parseMarkdownSlice, readMarkdownFast } from '../../src/parse/markdown.js';
import { modelOf, readingOf } from '../helpers/readings.js';

/** Markdown whose every construct the reading tree must read as mdast does. */
const CASES: Record<string, string> = {
  'escapes and character references': '\\# not a heading, *a*\\* b &amp;c\n\nText with \\* escape, \\\\ and &amp; &#35; &#x41; &nbsp; &notanentity; end.\n',
  'hard breaks, trailing and escaped': 'one  \ntwo\\\nthree\n',
  'setext headings over two lines': 'Setext *heading*\nwith two lines\n===\n\nSub\n---\n',
  'ATX heading with a custom ID, code and a link': '## Install `faq` with [the tool](http://x.y "Title") {#install}\n',
  'closed ATX headings': '### Closed ###\n\n## Closed longer ####\n',
  'links of every kind': '[ref]: <http://example.com/a b> "T"\n[other]: /p\\_x\n\nA [full][ref], [collapsed][], [ref], [other] and [missing][nope].\n',
  'images, with code and HTML in the alt text': '![an *alt* `code` <b>x</b> &amp;](/i.png "t") and ![ref]\n\n[ref]: /r.png\n',
  'autolinks': 'See <https://auto.link/x?y=1&amp;z>, <mail@example.com> and www.example.com.\n',
  'inline HTML and code spanning lines': 'Inline <span title="x\ny">html</span> and `code\nspan` end.\n',
  'lists: loose, nested, in block quotes, with trailing blank lines': '> - one\n>\n>   more\n> - two\n\n1. a\n2. b\n\n   para\n\n   - nested\n     * deeper\n\n\n- x\n\n- y\n\n\n',
  'list items ending in indented blank lines': '- a\n  \n- b\n   \n\n* c\n  - d\n    \n  e\n\n> 1. x\n>    \n> 2. y\n\n  - indented\n  - markers\n',
  'tabs, CRLF and NUL': 'Tab\there *x*\r\n\r\n-\ttab item\r\n\r\n>\tquote\r\n\r\nNUL \u0000 char\r\n',
  'HTML blocks and comments': '<div>\n<!-- block\ncomment -->\n</div>\n\nText <!-- inline --> end.\n',
  'code blocks: indented, fenced, unclosed': '    indented\n\n```js\nfenced `x`\n```\n\n~~~\nunclosed\n',
  'directives with a label and attributes': ':::details[A **question**?]{#id .a .b title="A &amp; B" data-x=y}\nAnswer [x](/x).\n:::\n\n:::note\n:::\n',
  'FAQ blocks of every syntax': '{{< details "Q one?" >}}\nA &copy; `c`.\n{{< /details >}}\n\n<details>\n<summary>Q two?</summary>\n\nA *b*.\n\n</details>\n\n::: details Q three?\nA.\n:::\n\n## Q four?\n\nA.\n',
};

const fixtureFiles = globSync(['**/*.md'], { cwd: path.resolve(import.meta.dirname, '../../fixtures'), absolute: true }).sort();

describe('the reading tree (fast-tree.ts) against mdast-util-from-markdown', () => {
  it.each(Object.entries(CASES))('reads %s as mdast does', (_name, text) => {
    const lineIndex = new LineIndex(text);
    expect(readingOf(readMarkdownFast(text, 0, lineIndex).tree.children)).toEqual(readingOf(parseMarkdownSlice(text, 0, lineIndex).tree.children));
    expect(modelOf(parseFaqDocument('faq.md', text))).toBe(modelOf(parseFaqDocumentWithMdast('faq.md', text)));
  });

  it('reads a slice at an offset with the offsets of the whole page', () => {
    const page = '---\ntitle: x\n---\nSome [link](/a) and `code`.\n';
    const base = page.indexOf('Some');
    const lineIndex = new LineIndex(page);
    const fast = readingOf(readMarkdownFast(page.slice(base), base, lineIndex).tree.children);
    expect(fast).toEqual(readingOf(parseMarkdownSlice(page.slice(base), base, lineIndex).tree.children));
    expect(JSON.stringify(fast)).toContain(`"at":[${base},`);
  });

  it('gives every fixture page the model the mdast reading gives it', () => {
    expect(fixtureFiles.length).toBeGreaterThan(20);
    for (const file of fixtureFiles) {
      const text = fs.readFileSync(file, 'utf8');
      expect(modelOf(parseFaqDocument(file, text)), file).toBe(modelOf(parseFaqDocumentWithMdast(file, text)));
    }
  });

  it('reads each slice on its own: no definition or lazy line carries over from the slice read before', () => {
    const read = (text: string) => JSON.stringify(readingOf(readMarkdownFast(text, 0, new LineIndex(text)).tree.children));
    const alone = { reference: read('See [term].\n'), indented: read('p\n\n    code\n') };
    // Defines `term`, and makes line 3 a lazy continuation of the quote.
    read('[term]: /glossary/\n> a\n> b\nc\n');
    expect(read('See [term].\n')).toBe(alone.reference);
    expect(alone.reference).not.toContain('"link"');
    read('> a\n> b\nc\n');
    expect(read('p\n\n    code\n')).toBe(alone.indented);
    expect(alone.indented).toContain('"code"');
  });

  it('cuts nodes nested too deep at the same place', () => {
    const text = `${'> '.repeat(300)}deep\n`;
    const lineIndex = new LineIndex(text);
    const fast = readMarkdownFast(text, 0, lineIndex);
    const mdast = parseMarkdownSlice(text, 0, lineIndex);
    expect(fast.truncatedAt).toBeDefined();
    expect(fast.truncatedAt).toBe(mdast.truncatedAt);
    expect(readingOf(fast.tree.children)).toEqual(readingOf(mdast.tree.children));
  });
});

describe('the mdast tree of a parsed page', () => {
  it('is built when first read, with line and column, and each block node carries its block', () => {
    const text = 'Intro.\n\n{{< details "Why?" >}}\nBecause *so*.\n{{< /details >}}\n';
    const document = parseFaqDocument('faq.md', text);
    expect(Object.keys(document)).not.toContain('tree');
    const block = document.blocks[0]!;
    expect(block.node.type).toBe('containerDirective');
    expect(block.node.data).toMatchObject({ faq: block });
    expect(document.tree.children.map((node) => `${node.type}@${node.position?.start.line}:${node.position?.start.column}`)).toEqual(['paragraph@1:1', 'containerDirective@3:1']);
    expect(document.tree.children[1]).toBe(block.node);
    const answer = block.node.children[1];
    expect(answer?.type === 'paragraph' && answer.children.map((child) => child.type)).toEqual(['text', 'emphasis', 'text']);
  });

  it('is not built by taking the page\'s facts, its parts, or releasing it', () => {
    const document = parseFaqDocument('faq.md', '## Section\n\n{{< details "Why?" >}}\nBecause.\n{{< /details >}}\n');
    const built = (target: object, key: string): boolean => Object.getOwnPropertyDescriptor(target, key)?.get === undefined;
    expect(built(document, 'tree')).toBe(false);
    factsOf(document);
    pageParts(document, builtinRules);
    expect(built(document, 'tree')).toBe(false);
    expect(document.blocks.some((block) => built(block, 'node'))).toBe(false);
    release(document);
    expect(document.tree).toEqual({ type: 'root', children: [] });
    expect(document.blocks.some((block) => built(block, 'node'))).toBe(false);
  });

  it('can be replaced, and then is not built', () => {
    const document = parseFaqDocument('faq.md', '## Why?\n\nBecause.\n');
    document.tree = { type: 'root', children: [] };
    expect(document.tree.children).toEqual([]);
  });
});
