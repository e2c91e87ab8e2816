import safeRegex from 'safe-regex2';
import type { TextRun } from '../model/types.js';
import { findFiller } from '../text/lorem.js';
import { findPlaceholder } from '../text/placeholders.js';
import { quoteExcerpt } from '../text/quote.js';
import { defineRule } from './define-rule.js';

export interface NoPlaceholderOptions {
  /** Extra placeholder patterns (regular expressions, case-insensitive). */
  patterns: string[];
  /** Phrases that are never placeholders here (a product really called "Coming Soon"). */
  allow: string[];
  /** Front-matter string fields checked for placeholders. */
  frontMatterFields: string[];
  /** Fields that must not be empty when present. */
  requiredFields: string[];
  /** Also check text inside HTML comments. */
  checkComments: boolean;
}

const MAX_PATTERN_LENGTH = 200;
/** User patterns only ever see this much of one paragraph, so even a slow pattern stays bounded. */
const MAX_TEXT_FOR_USER_PATTERNS = 10_000;

/** Why a user pattern cannot be used, or undefined when it can. */
export function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'i');
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  // Nested quantifiers like (a+)+ backtrack exponentially on near-misses and would stall a run.
  if (!safeRegex(pattern)) return 'regular expression may take exponential time (nested quantifiers); simplify it';
  return undefined;
}


/** Where a run's part `[start, end)` is in the source. */
function runSpan(run: TextRun, start: number, end: number): [number, number] {
  const from = run.offsets[start] ?? run.endOffset;
  const to = end > start ? (run.offsets[end - 1] ?? from) + 1 : from;
  return [from, Math.max(from, to)];
}

export default defineRule<NoPlaceholderOptions>({
  meta: {
    id: 'no-placeholder',
    description: 'Flags lorem-ipsum filler and placeholder text (TODO, "put your answer here", "[Add answer]") in prose and front matter.',
    defaultSeverity: 'error',
    scope: 'file',
    reads: 'file',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        patterns: { type: 'array', items: { type: 'string', minLength: 1, maxLength: MAX_PATTERN_LENGTH } },
        allow: { type: 'array', items: { type: 'string', minLength: 1 } },
        frontMatterFields: { type: 'array', items: { type: 'string' } },
        requiredFields: { type: 'array', items: { type: 'string' } },
        checkComments: { type: 'boolean' },
      },
    },
    validateOptions: (options) =>
      (options.patterns ?? []).flatMap((pattern, index): Array<[string, string]> => {
        const problem = patternProblem(pattern);
        return problem ? [[`patterns[${index}]`, problem]] : [];
      }),
    defaultOptions: {
      patterns: [],
      allow: [],
      frontMatterFields: ['title', 'linktitle', 'description', 'lead', 'summary', 'subtitle', 'excerpt', 'intro'],
      requiredFields: ['title', 'description', 'lead', 'summary'],
      checkComments: false,
    },
    docs: {
      rationale:
        'Filler and stubs reach readers when a half-written page is published. Lorem-ipsum filler is recognised by its vocabulary (a sentence made mostly of the Latin words generators use), not by the word "lorem", so generated text without it is found too; real English that borrows "ad hoc" or "et al." is not. Markers are judged by form and place ("TODO:" or a body that is only "TODO"), so "the TODO app example" is prose. Code, URLs, shortcode arguments and HTML comments are never read. One finding per block, where the filler starts.',
      options: {
        patterns: 'Extra placeholder patterns: regular expressions, matched case-insensitively.',
        allow: 'Phrases never reported (a product really called "Coming Soon").',
        frontMatterFields: 'Front-matter string fields checked for placeholders.',
        requiredFields: 'Front-matter fields reported when present but empty (`description: ""`).',
        checkComments: 'Also read the text of HTML comments (off by default: comments are where writers keep notes). faqlint-* directives are never read.',
      },
    },
  },
  check({ document, options, report }) {
    const extra = options.patterns.map((pattern) => new RegExp(pattern, 'i'));
    const frontMatterFields = new Set(options.frontMatterFields.map((field) => field.toLowerCase()));
    // One finding per block (or per run outside blocks), on the line where the filler starts.
    const reportedBlocks = new Set<number>();

    for (const entry of document.frontMatter?.entries ?? []) {
      const key = entry.path.join('.').toLowerCase();
      if (entry.path.length === 1 && options.requiredFields.includes(key) && typeof entry.value === 'string' && entry.value.trim() === '') {
        report({ message: `Front-matter field "${entry.path.join('.')}" is empty`, span: document.lineIndex.span(entry.keyStart, entry.valueEnd) });
      }
    }

    for (const run of document.textRuns) {
      if (run.kind === 'front-matter' && !frontMatterFields.has((run.frontMatterKey ?? '').toLowerCase())) continue;
      if (run.blockIndex !== -1 && reportedBlocks.has(run.blockIndex)) continue;
      const filler = findFiller(run.text)[0];
      const placeholder =
        findPlaceholder(run.text, [], options.allow) ??
        (extra.length > 0 ? findPlaceholder(run.text.slice(0, MAX_TEXT_FOR_USER_PATTERNS), extra, options.allow) : undefined);
      let finding: { start: number; end: number; message: string } | undefined;
      if (filler && (!placeholder || filler.start <= placeholder.start)) {
        finding = { start: filler.start, end: filler.end, message: `Lorem-ipsum filler text: "${quoteExcerpt(run.text.slice(filler.start, filler.end))}"` };
      } else if (placeholder) {
        finding = { start: placeholder.start, end: placeholder.end, message: `Placeholder text: "${quoteExcerpt(placeholder.text)}"` };
      }
      if (!finding) continue;
      const where = run.kind === 'front-matter' ? ` in front-matter field "${run.frontMatterKey}"` : '';
      const [from, to] = runSpan(run, finding.start, finding.end);
      report({ message: `${finding.message}${where}`, span: document.lineIndex.span(from, to) });
      if (run.blockIndex !== -1) reportedBlocks.add(run.blockIndex);
    }

    if (!options.checkComments) return;
    for (const comment of document.comments) {
      if (comment.text.startsWith('faqlint-')) continue;
      const placeholder = findPlaceholder(comment.text, extra, options.allow);
      if (!placeholder) continue;
      // The comment's text starts after "<!--" and any spaces.
      const raw = document.text.slice(comment.span.start.offset, comment.span.end.offset);
      const textStart = comment.span.start.offset + raw.indexOf(comment.text);
      report({
        message: `Placeholder text in an HTML comment: "${quoteExcerpt(placeholder.text)}"`,
        span: document.lineIndex.span(textStart + placeholder.start, textStart + placeholder.end),
      });
    }
  },
  examples: {
    valid: [
      {
        name: 'real answers with Latin phrases used on purpose',
        code:
          '## Basics\n\n{{< details "Can I run a backup ad hoc?" >}}\nYes: run `stashbox backup` at any time, e.g. before an upgrade. The schedule is, per se, only a default, and the files stay in situ.\n{{< /details >}}\n',
      },
      { name: 'a person called Dolores and et al.', code: 'Dolores Park et al. wrote the first version; the id of a snapshot is non-negotiable.\n' },
      { name: 'TODO as a name', code: 'The TODO app example shows a small todo list with the placeholder attribute on its input.\n' },
      { name: 'filler inside code', code: 'Generate test data:\n\n```\nLorem ipsum dolor sit amet, consectetur adipiscing elit.\n```\n\nOr run `lorem --words 5`.\n' },
      { name: 'filler in a URL', code: 'See [the generator](https://example.com/lorem-ipsum-dolor-sit-amet) for details.\n' },
      { name: 'an HTML comment', code: '<!-- TODO: expand this section -->\n\nBackups run nightly.\n' },
    ],
    invalid: [
      {
        name: 'Latin filler without the word lorem',
        code: '{{< details "What is a snapshot?" >}}\nCommodo pariatur laboris excepteur ut nostrud voluptate.\n{{< /details >}}\n',
        errors: [{ message: 'Lorem-ipsum filler text: "Commodo pariatur', line: 2, column: 1 }],
      },
      {
        name: 'HTML comments when asked to read them',
        code: 'Backups run nightly.\n\n<!-- TODO: add the schedule table -->\n',
        options: { checkComments: true },
        errors: [{ message: 'Placeholder text in an HTML comment: "TODO: add the schedule table"', line: 3, column: 6 }],
      },
      { name: 'a short filler sentence', code: 'Pariatur aliquip ea ea ea.\n', errors: [{ message: 'Lorem-ipsum filler', line: 1, column: 1 }] },
      { name: 'a TODO marker', code: 'Intro.\n\nTODO: write this answer\n', errors: [{ message: 'Placeholder text: "TODO: write this answer"', line: 3, column: 1 }] },
      { name: 'a bracketed stub', code: 'Restores are fast. [Add answer]\n', errors: [{ message: 'Placeholder text: "[Add answer]"', line: 1, column: 20 }] },
      {
        name: 'front matter placeholder and empty field',
        code: '---\ntitle: "FAQ"\ndescription: ""\nlead: "put some intro text here"\n---\n',
        errors: [
          { message: 'Front-matter field "description" is empty', line: 3, column: 1 },
          { message: 'Placeholder text: "put some intro text here" in front-matter field "lead"', line: 4, column: 8 },
        ],
      },
      { name: 'coming soon as a whole body', code: '## Pricing\n\nComing soon.\n', errors: [{ message: 'Placeholder text: "Coming soon."', line: 3, column: 1 }] },
    ],
  },
});
