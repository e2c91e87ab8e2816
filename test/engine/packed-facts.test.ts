import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { documentFromFacts, factsOf, type DocumentFacts } from '../../src/engine/cache.js';
import { FactsHeading, FactsLink, FactsSection } from '../../src/engine/packed-facts.js';
import { crossPageRules, pageParts } from '../../src/engine/page-parts.js';
import { LineIndex } from '../../src/model/line-index.js';
import { parseFaqDocument } from '../../src/parse/document.js';
import { builtinRules } from '../../src/rules/index.js';

const PAGE = [
  '\uFEFF---\r\ntitle: FAQ\r\n---\r\n',
  '## Basics\r\n',
  '{{< details "How do I restore a file?" >}}\r\nCopy it back from the snapshot.\r\n{{< /details >}}\r\n',
  '<details><summary>Can I restore “offline”?</summary>\n\nYes — with the CLI.\n\n</details>\n',
  ':::details[Is there an empty one?]\n:::\n',
  '## What does pruning delete?\n\nOnly unreferenced packs.\n',
].join('\n');

describe('documents known by their facts', () => {
  const parsed = parseFaqDocument('/site/faq.md', PAGE);
  // As a worker or the cache hands them over: through JSON, with the line index rebuilt from its parts.
  const facts = JSON.parse(JSON.stringify(factsOf(parsed))) as DocumentFacts;
  const fromFacts = documentFromFacts(facts, new LineIndex(parsed.lineIndex.parts()));

  it('give every block the spans, and everything else, of the parsed block', () => {
    expect(fromFacts.blocks.length).toBe(4);
    fromFacts.blocks.forEach((block, index) => {
      const original = parsed.blocks[index];
      expect([block.questionSpan, block.span, block.answerSpan]).toEqual([original?.questionSpan, original?.span, original?.answerSpan]);
      expect([block.index, block.syntax, block.name, block.question, block.isQuestion, block.answerText, block.sectionIndex]).toEqual([
        original?.index,
        original?.syntax,
        original?.name,
        original?.question,
        original?.isQuestion,
        original?.answerText,
        original?.sectionIndex,
      ]);
    });
  });

  it('give back the facts they were made from, in the same order, so digests and the cache read the same', () => {
    expect(JSON.stringify(factsOf(fromFacts))).toBe(JSON.stringify(factsOf(parsed)));
  });
});

const fixtureFiles = globSync(['**/*.md'], { cwd: path.resolve(import.meta.dirname, '../../fixtures'), absolute: true }).sort();

/** A page as a worker or the cache hands it over: its facts through JSON, the line index rebuilt from its parts. */
function throughFacts(file: string) {
  const parsed = parseFaqDocument(file, fs.readFileSync(file, 'utf8'));
  const facts = JSON.parse(JSON.stringify(factsOf(parsed))) as DocumentFacts;
  return { parsed, fromFacts: documentFromFacts(facts, new LineIndex(parsed.lineIndex.parts())) };
}

describe('headings, sections and links known by their facts', () => {
  it('read as the parsed page reads them, spans included, on every fixture page', () => {
    expect(fixtureFiles.length).toBeGreaterThan(20);
    let links = 0;
    for (const file of fixtureFiles) {
      const { parsed, fromFacts } = throughFacts(file);
      expect(fromFacts.headings.every((heading) => heading instanceof FactsHeading), file).toBe(true);
      expect(fromFacts.sections.every((section) => section instanceof FactsSection), file).toBe(true);
      expect(fromFacts.links.every((link) => link instanceof FactsLink), file).toBe(true);
      expect(fromFacts.headings.map((heading) => [heading.depth, heading.text, heading.explicitId, heading.isQuestion, heading.span]), file).toEqual(
        parsed.headings.map((heading) => [heading.depth, heading.text, heading.explicitId, heading.isQuestion, heading.span]),
      );
      expect(fromFacts.sections.map((section) => [section.index, section.heading?.span, section.depth, section.span, section.blockIndices]), file).toEqual(
        parsed.sections.map((section) => [section.index, section.heading?.span, section.depth, section.span, section.blockIndices]),
      );
      expect(fromFacts.links.map((link) => [link.kind, link.destination, link.span, link.destinationSpan, link.blockIndex]), file).toEqual(
        parsed.links.map((link) => [link.kind, link.destination, link.span, link.destinationSpan, link.blockIndex]),
      );
      links += parsed.links.length;
    }
    expect(links).toBeGreaterThan(20);
  });

  it("give a section the page's own heading, not a copy", () => {
    const opened = fixtureFiles.flatMap((file) => {
      const { fromFacts } = throughFacts(file);
      return fromFacts.sections.filter((section) => section.heading !== undefined).map((section) => ({ section, headings: fromFacts.headings }));
    });
    expect(opened.length).toBeGreaterThan(10);
    for (const { section, headings } of opened) expect(headings).toContain(section.heading);
  });

  it('give the JSON, and so the page-part digests, of the parsed page', () => {
    const rules = crossPageRules(builtinRules);
    for (const file of fixtureFiles) {
      const { parsed, fromFacts } = throughFacts(file);
      expect(JSON.stringify([fromFacts.headings, fromFacts.sections, fromFacts.links]), file).toBe(JSON.stringify([parsed.headings, parsed.sections, parsed.links]));
      expect(pageParts(fromFacts, rules), file).toBe(pageParts(parsed, rules));
      expect(JSON.stringify(factsOf(fromFacts)), file).toBe(JSON.stringify(factsOf(parsed)));
    }
  });
});
