import { quoteExcerpt } from '../text/quote.js';
import { defineRule } from './define-rule.js';

export interface QuestionFormatOptions {
  /** Questions must end with a question mark. */
  requireQuestionMark: boolean;
  /** Allow "Why ?" (French typography puts a space before "?"). */
  allowSpaceBeforeQuestionMark: boolean;
}

const QUESTION_MARK = /[?？؟]$/;

export default defineRule<QuestionFormatOptions>({
  meta: {
    id: 'question-format',
    description: 'Flags questions that do not end with "?", or have doubled, leading or trailing spaces.',
    defaultSeverity: 'warn',
    scope: 'file',
    reads: 'file',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { requireQuestionMark: { type: 'boolean' }, allowSpaceBeforeQuestionMark: { type: 'boolean' } },
    },
    defaultOptions: { requireQuestionMark: true, allowSpaceBeforeQuestionMark: false },
    docs: {
      rationale:
        'Consistent questions read better and keep search and tables of contents tidy. A block counts as a question when its title ends with "?" or starts like one ("How do I…"), so "How do I restore a file" is flagged for its missing "?", while a disclosure titled "Advanced settings" is left alone. Spacing is checked in the question as written, before Markdown collapses it.',
      options: {
        requireQuestionMark: 'Report questions that do not end with "?".',
        allowSpaceBeforeQuestionMark: 'Accept a space before the final "?" (French typography).',
      },
    },
  },
  check({ document, options, report }) {
    for (const block of document.blocks) {
      if (!block.isQuestion || block.question === '') continue;
      const raw = document.text.slice(block.questionSpan.start.offset, block.questionSpan.end.offset);
      // Quoted only in a message: most questions have none.
      const quoted = (): string => quoteExcerpt(block.question);
      if (raw !== raw.trim() && block.syntax !== 'heading') {
        report({ message: `Question "${quoted()}" has leading or trailing spaces`, span: block.questionSpan });
      } else if (/\S {2,}\S/.test(raw)) {
        const at = raw.search(/ {2,}/);
        const start = block.questionSpan.start.offset + at;
        report({ message: `Question "${quoted()}" has doubled spaces`, span: document.lineIndex.span(start, start + (/ +/.exec(raw.slice(at))?.[0].length ?? 2)) });
      }
      const trimmed = block.question.trim();
      if (options.requireQuestionMark && !QUESTION_MARK.test(trimmed)) {
        report({ message: `Question "${quoted()}" does not end with "?"`, span: block.questionSpan });
      } else if (!options.allowSpaceBeforeQuestionMark && /\s[?？]$/.test(trimmed)) {
        report({ message: `Question "${quoted()}" has a space before "?"`, span: block.questionSpan });
      }
    }
  },
  examples: {
    valid: [
      { name: 'a well-formed question', code: '{{< details "How do I restore one file?" >}}\nUse --include.\n{{< /details >}}\n' },
      { name: 'a disclosure that is not a question', code: '<details><summary>Advanced settings</summary>\n\nA table.\n\n</details>\n' },
      { name: 'a space before "?" when allowed', code: '{{< details "Pourquoi chiffrer ?" >}}\nParce que.\n{{< /details >}}\n', options: { allowSpaceBeforeQuestionMark: true } },
    ],
    invalid: [
      {
        name: 'a question without "?"',
        code: '{{< details "How do I restore one file" >}}\nUse --include.\n{{< /details >}}\n',
        errors: [{ message: 'Question "How do I restore one file" does not end with "?"', line: 1, column: 14 }],
      },
      {
        name: 'doubled and trailing spaces',
        code: '{{< details "Can I  pause a backup?" >}}\nYes.\n{{< /details >}}\n\n{{< details "Is it free? " >}}\nYes.\n{{< /details >}}\n',
        errors: [
          { message: 'Question "Can I pause a backup?" has doubled spaces', line: 1, column: 19 },
          { message: 'Question "Is it free?" has leading or trailing spaces', line: 5, column: 14 },
        ],
      },
      {
        name: 'a space before "?"',
        code: '## Why encrypt ?\n\nBecause.\n',
        errors: [{ message: 'Question "Why encrypt ?" has a space before "?"', line: 1, column: 4 }],
      },
    ],
  },
});
