import { parseFaqDocument } from '../parse/document.js';
import type { ParseOptions } from '../parse/parse-options.js';
import type { FaqDocument } from '../model/types.js';
import type { RuleDefinition, SeverityName } from '../rules/define-rule.js';
import type { RunRecord } from './cache.js';
import { finishFile } from './check-files.js';
import type { ActiveRule, ResolvedConfig } from './config-resolution.js';
import { fileOnlyFindings } from './file-rules.js';
import { crossPageRules, pageParts } from './page-parts.js';
import { readSource } from './read-source.js';
import type { LintResult } from './results.js';

/** A page whose content differs from the recorded run's, parsed. */
export interface EditedPage {
  document: FaqDocument;
  /** Problems reading it (invalid UTF-8). */
  problems: Array<{ message: string; offset: number }>;
  /** The digest of its bytes. */
  digest: string;
  /** Its cross-page parts ({@link pageParts}). */
  parts: string;
}

/** The edited pages parsed, or undefined when one cannot be read (a whole run reports why). */
export function parseEditedPages(changed: readonly string[], parseOptions: ParseOptions, allRules: readonly RuleDefinition<never>[]): Map<string, EditedPage> | undefined {
  const rules = crossPageRules(allRules);
  const edited = new Map<string, EditedPage>();
  for (const file of changed) {
    const read = readSource(file, true);
    if (!read.ok) return undefined;
    const document = parseFaqDocument(file, read.text, parseOptions);
    edited.set(file, { document, problems: read.problems, digest: read.digest ?? '', parts: pageParts(document, rules) });
  }
  return edited;
}

export interface RecheckPlan {
  resolved: ResolvedConfig;
  rulesByFile: ReadonlyMap<string, ActiveRule[]>;
  unusedDirectiveSeverity: SeverityName;
  last: RunRecord;
  /** The pages whose content differs from the recorded run's, parsed; nothing else on disk differs. */
  edited: ReadonlyMap<string, EditedPage>;
}

/**
 * A run after an edit that changed only pages, and in them nothing a cross-page rule reads (the
 * questions other pages are compared with, headings that links point to, the links themselves…):
 * the edited pages' own rules run; every finding of a cross-page rule is the recorded run's.
 * Undefined when some edited page's cross-page part did change.
 */
export function recheckPages(plan: RecheckPlan): { results: LintResult[]; internalErrors: string[] } | undefined {
  const { rulesByFile, unusedDirectiveSeverity, last, edited } = plan;
  if ([...edited].some(([file, { parts }]) => parts !== last.parts[file])) return undefined;
  const rechecked = new Map<string, LintResult>();
  const internalErrors: string[] = [];
  for (const [file, { document, problems }] of edited) {
    const active = rulesByFile.get(file);
    // A page read only for the site: its own rules never ran, and its cross-page parts are unchanged.
    if (!active) continue;
    const own = fileOnlyFindings(document, active, () => {
      throw new Error('a rule that reads only its file asked for the site');
    });
    internalErrors.push(...own.internalErrors);
    rechecked.set(file, finishFile(file, [...(last.crossPage[file] ?? []), ...own.messages], document, undefined, problems, unusedDirectiveSeverity));
  }
  return { results: last.results.map((result) => rechecked.get(result.filePath) ?? result), internalErrors };
}
