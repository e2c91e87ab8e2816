import type { FaqDocument, Span } from '../model/types.js';
import type { SiteModel } from '../site/site-model.js';

/** Severity as written in config. */
export type SeverityName = 'off' | 'warn' | 'error';

/** A JSON Schema fragment (draft 2020-12 subset) describing a rule's options object. */
export type OptionsSchema = Record<string, unknown>;

/** Where a finding also points ("first asked at faq.md:17:1"). */
export interface RelatedLocation {
  message: string;
  path: string;
  span: Span;
}

/** What a rule reports; the engine adds rule id, severity and file. */
export interface RuleReport {
  message: string;
  span: Span;
  related?: RelatedLocation[];
}

export interface RuleMeta<Options> {
  /** kebab-case id, also the docs page name. */
  id: string;
  /** One sentence: what the rule flags. */
  description: string;
  defaultSeverity: Exclude<SeverityName, 'off'>;
  /** `site` rules see every document of the site at once (duplicates across pages). */
  scope: 'file' | 'site';
  /**
   * What a file rule's findings depend on, so `--cache` can skip work: `file` — only the file
   * itself (its findings are cached with it); `facts` — other pages too, but only through the
   * document's facts (links, headings, blocks, front matter), never its tree, text, text runs or
   * shortcode uses (it re-runs on cached facts). Unset: the rule needs the whole parsed file every run. Site rules always read facts
   * only, and the site's settings (root, language trees, glossary pages), never other files on
   * disk: with `--cache`, when no page and no setting changed, their earlier reports are replayed.
   */
  reads?: 'file' | 'facts';
  /**
   * For site rules and `facts` rules: the part of a page the rule's findings depend on — for a
   * site rule, of every page; for a `facts` rule, of the file it checks (what it reads of other
   * pages goes through the site model: their headings, HTML anchors and URL settings). With
   * `--cache`, after an edit that left this part of every changed page as it was, the rule's
   * earlier findings stand. Unset: every fact of the page.
   */
  factsRead?: (document: FaqDocument) => unknown;
  /** JSON Schema of the options object; also feeds the config schema and the docs. */
  optionsSchema: OptionsSchema;
  defaultOptions: Options;
  /**
   * Checks the schema cannot express (a pattern that is not a valid or safe regular expression).
   * Returns problems as `[keyPath, message]`, the key path relative to the options object.
   */
  validateOptions?: (options: Options) => Array<[string, string]>;
  /** Documentation URL; built-in rules leave it unset and get theirs from {@link ruleDocsUrl}. */
  docsUrl?: string;
  /** Text for the rule's docs page. */
  docs: {
    /** Why the problem matters to readers and writers. */
    rationale: string;
    /** One line per option. */
    options?: { [Key in keyof Options]?: string };
  };
}

export interface FileRuleContext<Options> {
  document: FaqDocument;
  options: Options;
  site: SiteModel;
  report(report: RuleReport): void;
}

/**
 * What a site rule may keep from one run to the next, with `--cache`: work that depends on less
 * than every fact of every page (the near-duplicate pairs among a site's question texts stay the
 * same when only an answer changes). Without a cache nothing is recalled.
 */
export interface SiteRuleMemo {
  /**
   * The value kept under `key` in the last run with the same config and faqlint version, or
   * undefined. It is trusted as is: the key must name everything the value depends on (a digest
   * of its inputs), and the value comes back as JSON gives it.
   */
  recall(key: string): unknown;
  /**
   * Keeps `value` (anything JSON can hold, or an object whose `toJSON` makes it when the cache is
   * saved) under `key` for the next run; only what this run keeps is kept. The very value
   * recalled, kept again, stays where it is in the cache file.
   */
  keep(key: string, value: unknown): void;
  /**
   * Keeps what the last run kept under `key` as it was, without reading it (nothing, if it kept
   * nothing there): for a large value the rule knows to be still good without recalling it.
   */
  keepAsBefore(key: string): void;
  /**
   * As {@link recall}, for a value worked out from one page alone (its questions, normalised): it
   * is recalled only while the page's content is byte for byte as it was when kept. A rule that
   * keeps such values for every page reads the facts of only the pages that changed, so a run
   * after an edit need not load the others.
   */
  recallPage(document: FaqDocument, key: string): unknown;
  /** Keeps `value` for `document` as it is now (see {@link recallPage}). */
  keepPage(document: FaqDocument, key: string, value: unknown): void;
  /** Keeps every value kept for `document` in the last run, unread, while the page is as it was then. */
  keepPageAsBefore(document: FaqDocument): void;
  /**
   * A string that changes whenever the page's content does (undefined without a cache): a rule
   * that keeps facts of many pages in one value tells by it which pages it must read again.
   */
  pageVersion(document: FaqDocument): string | undefined;
}

export interface SiteRuleContext<Options> {
  /**
   * Every document of the site, reported-on or not, in a stable order. To keep memory bounded
   * on large sites their syntax trees, texts, text runs and shortcode uses are released: read the
   * facts (blocks, headings, links, front matter), not `tree`, `text`, `textRuns` or `shortcodes`.
   * A document's facts may be loaded only when first read (after an edit, with `--cache`): its
   * `path` costs nothing, so a rule that recalls a page's values by {@link SiteRuleMemo.recallPage}
   * should do so before reading anything else of it.
   */
  documents: readonly FaqDocument[];
  options: Options;
  site: SiteModel;
  report(document: FaqDocument, report: RuleReport): void;
  memo: SiteRuleMemo;
}

/** One example page for a rule: run as a test, and shown in the rule's docs. */
export interface RuleCase<Options> {
  /** What the case shows, in a few words. */
  name: string;
  /** The whole Markdown file. */
  code: string;
  options?: Partial<Options>;
  /** Path of the file inside `site` (default `faq.md`), for cases that need a site around them. */
  filePath?: string;
  /** Fixture folder (relative to the repository) the case is linted in, for link rules. */
  site?: string;
}

export interface InvalidRuleCase<Options> extends RuleCase<Options> {
  /** Every finding the rule must make, in order: message (exact, or a part of it) and start. */
  errors: Array<{ message: string; line: number; column: number }>;
}

/** A rule's own cases: text it must not flag, and text it must flag exactly so. */
export interface RuleExamples<Options> {
  valid: Array<RuleCase<Options>>;
  invalid: Array<InvalidRuleCase<Options>>;
}

export interface FileRuleDefinition<Options> {
  meta: RuleMeta<Options> & { scope: 'file' };
  examples: RuleExamples<Options>;
  check(context: FileRuleContext<Options>): void;
}

export interface SiteRuleDefinition<Options> {
  meta: RuleMeta<Options> & { scope: 'site' };
  examples: RuleExamples<Options>;
  check(context: SiteRuleContext<Options>): void;
}

export type RuleDefinition<Options = Record<string, unknown>> = FileRuleDefinition<Options> | SiteRuleDefinition<Options>;

/** Identity function that gives rule authors (and plugin authors) type checking and inference. */
export function defineRule<Options>(rule: FileRuleDefinition<Options>): FileRuleDefinition<Options> {
  return rule;
}

/** As {@link defineRule}, for a rule that needs every page of the site at once. */
export function defineSiteRule<Options>(rule: SiteRuleDefinition<Options>): SiteRuleDefinition<Options> {
  return rule;
}

export function isSiteRule<Options>(rule: RuleDefinition<Options>): rule is SiteRuleDefinition<Options> {
  return rule.meta.scope === 'site';
}

/** The one place a rule's documentation URL is built. */
export const RULE_DOCS_BASE = 'https://github.com/faqlint/faqlint/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}
