import { describe, expect, it } from 'vitest';
import { documentFromFacts, factsOf, type DocumentFacts } from '../../src/engine/cache.js';
import { LineIndex } from '../../src/model/line-index.js';
import { parseFaqDocument } from '../../src/parse/document.js';

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
