import path from 'node:path';
import type { FaqDocument, QaBlock } from '../model/types.js';
import { normalizeQuestion } from '../text/normalize.js';
import { quoteExcerpt } from '../text/quote.js';
import { defineSiteRule } from './define-rule.js';

export interface NoDuplicateQuestionOptions {
  /** Compare questions within each page, or across the whole site (each language tree apart). */
  scope: 'page' | 'site';
}

/** "content/en/faq/_index.md:17:14", relative to the site root so messages read the same everywhere. */
function where(root: string, document: FaqDocument, block: QaBlock): string {
  const relative = path.relative(root, document.path) || document.path;
  return `${relative.split(path.sep).join('/')}:${block.questionSpan.start.line}:${block.questionSpan.start.column}`;
}

export default defineSiteRule<NoDuplicateQuestionOptions>({
  meta: {
    id: 'no-duplicate-question',
    description: 'Flags a question asked again, on the same page or elsewhere on the site, at every repeat.',
    defaultSeverity: 'error',
    scope: 'site',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { scope: { enum: ['page', 'site'] } },
    },
    defaultOptions: { scope: 'site' },
    docs: {
      rationale:
        'A question answered twice drifts: one copy gets fixed, the other goes stale, and readers find contradicting answers. Questions are compared after normalising case, Unicode forms, quotes, dashes, spacing and trailing punctuation. Each language tree of a Hugo site is compared on its own, so an untranslated copy is not a repeat. Blocks whose title is not a question (a <details> around a table) are not compared.',
      options: { scope: '`"site"` (default) compares every page of a language tree; `"page"` compares questions within each page only.' },
    },
  },
  check({ documents, options, site, report }) {
    // Each language tree is its own site: an untranslated copy in content/nl is not a repeat.
    const firstAsked = new Map<string, { document: FaqDocument; block: QaBlock }>();
    for (const document of documents) {
      const tree = site.treeOf(document.path)?.lang ?? '';
      const scopeKey = options.scope === 'page' ? `page:${document.path}` : `tree:${tree}`;
      for (const block of document.blocks) {
        if (!block.isQuestion) continue;
        const normalized = normalizeQuestion(block.question);
        if (normalized === '') continue;
        const key = `${scopeKey}\u0000${normalized}`;
        const first = firstAsked.get(key);
        if (!first) {
          firstAsked.set(key, { document, block });
          continue;
        }
        report(document, {
          message: `Duplicate question "${quoteExcerpt(block.question)}": also asked at ${where(site.root, first.document, first.block)}`,
          span: block.questionSpan,
          related: [{ message: 'first asked here', path: first.document.path, span: first.block.questionSpan }],
        });
      }
    }
  },
  examples: {
    valid: [
      {
        name: 'look-alike questions that ask different things',
        code:
          '{{< details "What is the difference between a snapshot and a backup set?" >}}\nA.\n{{< /details >}}\n\n{{< details "What is the difference between a partial snapshot and a snapshot?" >}}\nB.\n{{< /details >}}\n\n{{< details "How do I add a repository key?" >}}\nC.\n{{< /details >}}\n\n{{< details "How do I remove a repository key?" >}}\nD.\n{{< /details >}}\n',
      },
      {
        name: 'a disclosure that is not a question',
        code: '<details><summary>Full configuration</summary>\n\nA table.\n\n</details>\n\n<details><summary>Full configuration</summary>\n\nAnother table.\n\n</details>\n',
      },
    ],
    invalid: [
      {
        name: 'an exact repeat in one section',
        code:
          '## Basics\n\n{{< details "What is a snapshot?" >}}\nA.\n{{< /details >}}\n\n{{< details "What is a snapshot?" >}}\nB.\n{{< /details >}}\n',
        errors: [{ message: 'Duplicate question "What is a snapshot?": also asked at faq.md:3:14', line: 7, column: 14 }],
      },
      {
        name: 'repeats differ only in case, quotes and spacing',
        code: '## What’s a  pack file?\n\nA.\n\n## what\'s a pack file ?\n\nB.\n\n## WHAT’S A PACK FILE?\n\nC.\n',
        errors: [
          { message: 'also asked at faq.md:1:4', line: 5, column: 4 },
          { message: 'also asked at faq.md:1:4', line: 9, column: 4 },
        ],
      },
    ],
  },
});
