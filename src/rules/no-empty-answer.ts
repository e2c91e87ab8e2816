import type { QaBlock } from '../model/types.js';
import { findPlaceholder } from '../text/placeholders.js';
import { quoteExcerpt } from '../text/quote.js';
import { defineRule } from './define-rule.js';

/** Answer content that is not prose but still answers: code, images, tables, embedded HTML. */
function hasNonTextContent(block: QaBlock): boolean {
  const label = block.node.children[0];
  return block.node.children.some(
    (child) => child !== label && (child.type === 'code' || child.type === 'table' || child.type === 'html' || child.type === 'containerDirective' || child.type === 'list'),
  );
}

/** True when the whole answer is one placeholder ("TODO", "TBD.", "Coming soon!"). */
function isOnlyPlaceholder(answer: string): boolean {
  const found = findPlaceholder(answer);
  if (!found) return false;
  const rest = (answer.slice(0, found.start) + answer.slice(found.end)).replace(/[\s.!…:;,-]+/g, '');
  return rest === '';
}

export default defineRule<Record<string, never>>({
  meta: {
    id: 'no-empty-answer',
    description: 'Flags questions with no answer, or with only whitespace or a placeholder for an answer.',
    defaultSeverity: 'error',
    scope: 'file',
    reads: 'file',
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    docs: {
      rationale:
        'A question with nothing under it tells readers the page is unfinished. Answers that are code, a list, a table or an image count as answers; an answer that is only "TODO", "TBD" or "Coming soon." does not. The finding is on the question, so it is easy to see which one is missing. Blocks whose title is not a question (a <details> around a table) are not checked.',
    },
  },
  check({ document, report }) {
    for (const block of document.blocks) {
      if (!block.isQuestion) continue;
      const answer = block.answerText;
      if (answer === '' && !hasNonTextContent(block)) {
        report({ message: `Question "${quoteExcerpt(block.question)}" has no answer`, span: block.questionSpan });
      } else if (answer !== '' && isOnlyPlaceholder(answer)) {
        report({ message: `Question "${quoteExcerpt(block.question)}" has only a placeholder for an answer ("${quoteExcerpt(answer, 30)}")`, span: block.questionSpan });
      }
    }
  },
  examples: {
    valid: [
      { name: 'an answer in prose', code: '{{< details "How long are snapshots kept?" >}}\nAs long as the retention policy says.\n{{< /details >}}\n' },
      { name: 'an answer that is only code', code: '{{< details "What is the restore command?" >}}\n```sh\nstashbox restore latest --target /tmp/r\n```\n{{< /details >}}\n' },
      { name: 'a disclosure that is not a question may be empty', code: '<details><summary>Changelog</summary>\n</details>\n' },
      { name: 'a question heading followed by its answer', code: '## How do I prune?\n\nRun `stashbox prune`.\n\n## Next\n\nText.\n' },
    ],
    invalid: [
      {
        name: 'an empty shortcode block',
        code: '{{< details "How do I rotate keys?" >}}\n{{< /details >}}\n',
        errors: [{ message: 'Question "How do I rotate keys?" has no answer', line: 1, column: 14 }],
      },
      {
        name: 'a question heading directly followed by the next heading',
        code: '## Can I pause a backup?\n\n## Next topic\n\nText.\n',
        errors: [{ message: 'Question "Can I pause a backup?" has no answer', line: 1, column: 4 }],
      },
      {
        name: 'an answer that is only a placeholder',
        code: '<details><summary>Is there a GUI?</summary>\n\nTBD.\n\n</details>\n',
        errors: [{ message: 'Question "Is there a GUI?" has only a placeholder for an answer ("TBD.")', line: 1, column: 19 }],
      },
    ],
  },
});
