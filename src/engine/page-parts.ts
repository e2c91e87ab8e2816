import { createHash } from 'node:crypto';
import type { FaqDocument } from '../model/types.js';
import { isSiteRule, type RuleDefinition } from '../rules/define-rule.js';

/** Rules whose findings depend on more than the file they are on: site rules and `facts` rules. */
export function crossPageRules(rules: readonly RuleDefinition<never>[]): RuleDefinition<never>[] {
  return rules.filter((rule) => isSiteRule(rule) || rule.meta.reads === 'facts');
}

/**
 * What the site model reads of a page: heading IDs come from headings and HTML anchors, URLs from
 * `url`, `slug` and `aliases`.
 */
function siteModelPart(document: FaqDocument): unknown {
  const data = document.frontMatter?.data as Record<string, unknown> | undefined;
  return [
    document.headings.map((heading) => [heading.text, heading.explicitId ?? null, heading.span.start]),
    document.htmlAnchors.map((anchor) => [anchor.id, anchor.span.start]),
    [data?.url ?? null, data?.slug ?? null, data?.aliases ?? null],
  ];
}

/**
 * Findings carry lines and columns, never offsets: a point's `offset` is left out, so an edit
 * that keeps the lines where they were (a word changed in a paragraph) leaves the parts after it
 * as they were. Cut from the JSON text rather than by a replacer function, which is several times
 * slower; inside a JSON string a quote is escaped, so the pattern only matches keys.
 */
function digest(value: unknown): string {
  const json = (JSON.stringify(value) ?? '').replace(/"offset":-?\d+/g, '');
  return createHash('sha1').update(json).digest('base64');
}

/** Every fact of a page, with spans (whose offsets the digest leaves out) rather than packed offsets. */
function everyFact(document: FaqDocument): unknown {
  const { text: _text, lineIndex: _lineIndex, tree: _tree, textRuns: _textRuns, shortcodes: _shortcodes, blocks, ...rest } = document;
  return {
    ...rest,
    blocks: blocks.map((block) => ({
      index: block.index,
      syntax: block.syntax,
      name: block.name,
      question: block.question,
      questionSpan: block.questionSpan,
      isQuestion: block.isQuestion,
      span: block.span,
      answerSpan: block.answerSpan,
      answerText: block.answerText,
      sectionIndex: block.sectionIndex,
    })),
  };
}

/**
 * One digest of every part of a page that findings on other files (or, for `facts` rules, on this
 * file) depend on: the site model's part and each cross-page rule's. An edit that leaves the
 * digest as it was changes no finding of those rules.
 */
export function pageParts(document: FaqDocument, rules: readonly RuleDefinition<never>[]): string {
  return digest([siteModelPart(document), ...rules.map((rule) => [rule.meta.id, rule.meta.factsRead ? rule.meta.factsRead(document) : everyFact(document)])]);
}
