import { createHash } from 'node:crypto';
import type { FaqDocument } from '../model/types.js';
import { isSiteRule, type RuleDefinition } from '../rules/define-rule.js';
import { blockScalars, withoutTree } from './packed-facts.js';

/** Rules whose findings depend on more than the file they are on: site rules and `facts` rules. */
export function crossPageRules(rules: readonly RuleDefinition<never>[]): RuleDefinition<never>[] {
  return rules.filter((rule) => isSiteRule(rule) || rule.meta.reads === 'facts');
}

/**
 * What the site model reads of a page, and so what other pages' findings can depend on: heading
 * IDs come from headings (their text and explicit IDs, in order) and HTML anchors, URLs from
 * `url`, `slug` and `aliases`. Not where they are: an edit that moves a heading down a line
 * changes no other page's findings.
 */
function siteModelPart(document: FaqDocument): unknown {
  const data = document.frontMatter?.data as Record<string, unknown> | undefined;
  return [
    document.headings.map((heading) => [heading.text, heading.explicitId ?? null]),
    document.htmlAnchors.map((anchor) => anchor.id),
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
  const { text: _text, lineIndex: _lineIndex, textRuns: _textRuns, shortcodes: _shortcodes, blocks, ...rest } = withoutTree(document);
  return {
    ...rest,
    blocks: blocks.map((block) => ({ ...blockScalars(block), questionSpan: block.questionSpan, span: block.span, answerSpan: block.answerSpan })),
  };
}

/**
 * The digests of every part of a page that findings on other files (or, for `facts` rules, on
 * this file) depend on, as one string: the site model's part, then that part with each cross-page
 * rule's. An edit that leaves the string as it was changes no finding of those rules; one that
 * leaves the first digest ({@link siteModelDigest}) changes none of a `facts` rule on another page.
 */
export function pageParts(document: FaqDocument, rules: readonly RuleDefinition<never>[]): string {
  const siteModel = siteModelPart(document);
  return `${digest(siteModel)}.${digest([siteModel, ...rules.map((rule) => [rule.meta.id, rule.meta.factsRead ? rule.meta.factsRead(document) : everyFact(document)])])}`;
}

/** The digest of the site model's part of a page, from its {@link pageParts}. */
export function siteModelDigest(parts: string): string {
  return parts.slice(0, parts.indexOf('.'));
}
