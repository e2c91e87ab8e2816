import { describe, expect, it } from 'vitest';
import { parseFaqDocument } from '../../src/parse/document.js';
import noDuplicateQuestion, { type NoDuplicateQuestionOptions } from '../../src/rules/no-duplicate-question.js';
import type { RuleReport, SiteRuleContext } from '../../src/rules/define-rule.js';

const PAGE = [
  '## How do I delete my account?\n\nA.\n',
  '## How can I delete my account?\n\nB.\n',
  '## How do I rename a bucket?\n\nC.\n',
  '## What does pruning delete?\n\nD.\n',
].join('\n');

/** Runs the rule on one page with a memo that recalls `recalled` for every key; returns its reports and what it kept. */
function run(recalled: unknown): { reports: string[]; kept: Map<string, unknown> } {
  const document = parseFaqDocument('/site/faq.md', PAGE);
  const reports: string[] = [];
  const kept = new Map<string, unknown>();
  const context: SiteRuleContext<NoDuplicateQuestionOptions> = {
    documents: [document],
    options: noDuplicateQuestion.meta.defaultOptions,
    site: { root: '/site', treeOf: () => undefined } as never,
    report: (_, report: RuleReport) => reports.push(`${report.span.start.line}: ${report.message}`),
    memo: { recall: () => recalled, keep: (key, value) => kept.set(key, value) },
  };
  noDuplicateQuestion.check(context);
  return { reports, kept };
}

describe('no-duplicate-question with a memo', () => {
  it('keeps the wording pairs it found, as [a, b, score] over the distinct questions, under a digest of the texts', () => {
    const { reports, kept } = run(undefined);
    expect(reports).toEqual([expect.stringMatching(/^5: Question "How can I delete my account\?" is nearly the same as "How do I delete my account\?" at faq\.md:1:4 \(similarity 0\.\d\d\)$/)]);
    expect([...kept.keys()]).toEqual([expect.stringMatching(/^wording-pairs \S+$/)]);
    expect([...kept.values()]).toEqual([[0, 1, expect.any(Number)]]);
  });

  it('recalls the pairs instead of searching: a recalled pair is reported, and kept again for the next run', () => {
    const { reports, kept } = run([2, 3, 0.9]);
    expect(reports).toEqual(['13: Question "What does pruning delete?" is nearly the same as "How do I rename a bucket?" at faq.md:9:4 (similarity 0.90)']);
    expect([...kept.values()]).toEqual([[2, 3, 0.9]]);
  });

  it('searches again when what it recalls is not pairs of these questions', () => {
    const searched = run(undefined).reports;
    for (const recalled of [[0, 1], [0, 9, 0.9], [0, 1, 2], ['0', '1', 0.9], { pairs: [] }, 'x']) expect(run(recalled).reports).toEqual(searched);
  });
});
