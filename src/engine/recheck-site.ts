import type { FaqDocument } from '../model/types.js';
import type { ParseOptions } from '../parse/parse-options.js';
import { isSiteRule, type SeverityName } from '../rules/define-rule.js';
import type { LintCache, RunRecord } from './cache.js';
import { CachedPages } from './cached-pages.js';
import { findingsOf, finishFile, runSiteRules, sitePagesLoader, type ReplayableParts } from './check-files.js';
import type { ActiveRule, ResolvedConfig } from './config-resolution.js';
import { fileOnlyFindings, runFileRules } from './file-rules.js';
import type { FileSearch } from './files.js';
import { crossPageRules, siteModelDigest } from './page-parts.js';
import type { EditedPage } from './recheck-pages.js';
import { compareMessages, type LintMessage, type LintResult } from './results.js';
import { siteLoader } from './sites.js';

export interface SiteRecheckPlan {
  resolved: ResolvedConfig;
  ruleOverrides: Record<string, SeverityName>;
  parseOptions: ParseOptions;
  rulesByFile: ReadonlyMap<string, ActiveRule[]>;
  unusedDirectiveSeverity: SeverityName;
  fileSearch: Omit<FileSearch, 'patterns'>;
  /** The linted files, as in the recorded run. */
  files: readonly string[];
  last: RunRecord;
  /** The pages whose content differs from the recorded run's, parsed; nothing else on disk differs. */
  edited: ReadonlyMap<string, EditedPage>;
  cache: LintCache;
}

/**
 * A run after an edit that changed only pages, and in none of them what the site model reads
 * (headings, anchors, URL settings), though maybe their questions, answers or links. Then:
 *
 * - the edited pages' own rules all run (they are parsed already);
 * - the `facts` rules' findings on every other page stand, since those depend on the page itself
 *   and the site model only;
 * - the site rules run over every page, the unchanged ones taken from the cache only if a rule
 *   reads them ({@link CachedPages});
 * - a page whose findings come out as recorded keeps its recorded result, and only the others
 *   are loaded to apply their inline comments.
 *
 * Undefined when an edited page's site-model part did change: then the whole run is checked.
 */
export async function recheckSite(plan: SiteRecheckPlan): Promise<{ results: LintResult[]; internalErrors: string[]; replayable: ReplayableParts } | undefined> {
  const { resolved, ruleOverrides, parseOptions, rulesByFile, unusedDirectiveSeverity, fileSearch, files, last, edited, cache } = plan;
  const rules = crossPageRules(resolved.rules);
  const parts: Record<string, string> = { ...last.parts };
  // What the replay check read: every page's digest (an edited page's is replaced below).
  const digests = new Map<string, string>();
  for (const [question, target, answer] of last.disk) if (question === 'read') digests.set(target, answer);
  for (const [file, page] of edited) {
    const before = last.parts[file];
    if (before === undefined || siteModelDigest(page.parts) !== siteModelDigest(before)) return undefined;
    parts[file] = page.parts;
    digests.set(file, page.digest);
  }

  const pages = new CachedPages(cache, digests, new Map([...edited].map(([file, page]) => [file, page.document])), parseOptions);
  // The site settings are as recorded, and so are the warnings about them (the run's own).
  const siteFor = siteLoader(resolved, pages, () => {}, fileSearch.hugoRootFor);
  const { messages: found, internalErrors, crashedOn, reportTo, ruleCrashed } = findingsOf(files, rulesByFile);

  const localIds = new Set(resolved.rules.filter((rule) => !isSiteRule(rule) && rule.meta.reads === 'file').map((rule) => rule.meta.id));
  for (const [file, { document }] of edited) {
    const active = rulesByFile.get(file);
    if (active) {
      runFileRules(document, active, () => true, () => siteFor(file), {
        report: (ruleId, report) => reportTo(document, ruleId, report),
        crashed: (ruleId, error) => ruleCrashed(ruleId, document, error),
      });
    }
    // A page read only for the site keeps facts alone; a file a rule crashed on, nothing.
    if (!crashedOn.has(file)) cache.set(file, digests.get(file) ?? '', document, active ? (found.get(file) ?? []).filter((message) => localIds.has(message.ruleId)) : null, parts[file]);
  }

  const linted = files.map((file) => pages.load(file)).filter((document): document is FaqDocument => document !== undefined);
  await runSiteRules(linted, siteFor, sitePagesLoader(resolved, fileSearch), resolved, ruleOverrides, pages, cache, reportTo, ruleCrashed);

  const crossIds = new Set(rules.map((rule) => rule.meta.id));
  const factsIds = new Set(rules.filter((rule) => !isSiteRule(rule)).map((rule) => rule.meta.id));
  const recorded = new Map(last.results.map((result) => [result.filePath, result]));
  const crossPage: Record<string, LintMessage[]> = {};
  const results: LintResult[] = [];
  for (const file of files) {
    const page = edited.get(file);
    if (page) {
      const list = found.get(file) ?? [];
      const cross = list.filter((message) => crossIds.has(message.ruleId));
      if (cross.length > 0) crossPage[file] = cross;
      results.push(finishFile(file, list, page.document, undefined, page.problems, unusedDirectiveSeverity));
      continue;
    }
    const before = last.crossPage[file] ?? [];
    const cross = [...before.filter((message) => factsIds.has(message.ruleId)), ...(found.get(file) ?? [])];
    const result = recorded.get(file);
    if (result && sameMessages(cross, before)) {
      // The very findings and result recorded: the cache keeps their segment where it is.
      if (last.crossPage[file]) crossPage[file] = last.crossPage[file];
      results.push(result);
      continue;
    }
    const crossOnly = cross.filter((message) => crossIds.has(message.ruleId));
    if (crossOnly.length > 0) crossPage[file] = crossOnly;
    // Findings on this page changed (a duplicate of an edited question, say): inline comments apply anew.
    const loaded = pages.page(file);
    let own = loaded.messages;
    if (own === null) {
      const checked = fileOnlyFindings(loaded.document, rulesByFile.get(file) ?? [], () => siteFor(file));
      internalErrors.push(...checked.internalErrors);
      own = checked.messages;
    }
    results.push(finishFile(file, [...own, ...cross], loaded.document, undefined, loaded.problems, unusedDirectiveSeverity));
  }
  return { results, internalErrors, replayable: { parts, crossPage } };
}

function sameMessages(a: readonly LintMessage[], b: readonly LintMessage[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (list: readonly LintMessage[]): string => JSON.stringify([...list].sort(compareMessages));
  return sorted(a) === sorted(b);
}
