import { parseFaqDocument } from '../parse/document.js';
import type { ParseOptions } from '../parse/parse-options.js';
import type { SeverityName } from '../rules/define-rule.js';
import type { RunRecord } from './cache.js';
import { finishFile } from './check-files.js';
import type { ActiveRule, ResolvedConfig } from './config-resolution.js';
import { fileOnlyFindings } from './file-rules.js';
import { crossPageRules, pageParts } from './page-parts.js';
import { readSource } from './read-source.js';
import type { LintResult } from './results.js';

export interface RecheckPlan {
  resolved: ResolvedConfig;
  parseOptions: ParseOptions;
  rulesByFile: ReadonlyMap<string, ActiveRule[]>;
  unusedDirectiveSeverity: SeverityName;
  last: RunRecord;
  /** Pages whose content differs from the recorded run's; nothing else on disk does. */
  changed: readonly string[];
}

/**
 * A run after an edit that changed only pages, and in them nothing a cross-page rule reads (the
 * questions other pages are compared with, headings that links point to, the links themselves…):
 * the changed pages are parsed and their own rules run; every finding of a cross-page rule is the
 * recorded run's. Undefined when some changed page's cross-page part did change (or it cannot be
 * read): then the whole run is checked.
 */
export function recheckPages(plan: RecheckPlan): { results: LintResult[]; internalErrors: string[] } | undefined {
  const { resolved, parseOptions, rulesByFile, unusedDirectiveSeverity, last, changed } = plan;
  const rules = crossPageRules(resolved.rules);
  const rechecked = new Map<string, LintResult>();
  const internalErrors: string[] = [];
  for (const file of changed) {
    const read = readSource(file, true);
    if (!read.ok) return undefined;
    const document = parseFaqDocument(file, read.text, parseOptions);
    if (pageParts(document, rules) !== last.parts[file]) return undefined;
    const active = rulesByFile.get(file);
    // A page read only for the site: its own rules never ran, and its cross-page parts are unchanged.
    if (!active) continue;
    const own = fileOnlyFindings(document, active, () => {
      throw new Error('a rule that reads only its file asked for the site');
    });
    internalErrors.push(...own.internalErrors);
    rechecked.set(file, finishFile(file, [...(last.crossPage[file] ?? []), ...own.messages], document, undefined, read.problems, unusedDirectiveSeverity));
  }
  return { results: last.results.map((result) => rechecked.get(result.filePath) ?? result), internalErrors };
}
