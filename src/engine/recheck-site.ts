import type { FaqDocument } from '../model/types.js';
import { parseFaqDocument } from '../parse/document.js';
import type { ParseOptions } from '../parse/parse-options.js';
import { isSiteRule, type RuleReport, type SeverityName } from '../rules/define-rule.js';
import type { LintCache, RunRecord } from './cache.js';
import { CachedPages } from './cached-pages.js';
import { finishFile, runSiteRules, sitePagesLoader, type ReplayableParts } from './check-files.js';
import type { ActiveRule, ResolvedConfig } from './config-resolution.js';
import { crashReport, fileOnlyFindings, messageFor, runFileRules } from './file-rules.js';
import type { FileSearch } from './files.js';
import { crossPageRules, pageParts, siteModelDigest } from './page-parts.js';
import { readSource } from './read-source.js';
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
  /** Pages whose content differs from the recorded run's; nothing else on disk does. */
  changed: readonly string[];
  cache: LintCache;
}

/**
 * A run after an edit that changed only pages, and in none of them what the site model reads
 * (headings, anchors, URL settings), though maybe their questions, answers or links. Then:
 *
 * - the edited pages are parsed and all their own rules run;
 * - the `facts` rules' findings on every other page stand, since those depend on the page itself
 *   and the site model only;
 * - the site rules run over every page, the unchanged ones taken from the cache only if a rule
 *   reads them ({@link CachedPages});
 * - a page whose findings come out as recorded keeps its recorded result, and only the others
 *   are loaded to apply their inline comments.
 *
 * Undefined when an edited page's site-model part did change (or it cannot be read): then the
 * whole run is checked.
 */
export async function recheckSite(plan: SiteRecheckPlan): Promise<{ results: LintResult[]; internalErrors: string[]; replayable: ReplayableParts } | undefined> {
  const { resolved, ruleOverrides, parseOptions, rulesByFile, unusedDirectiveSeverity, fileSearch, files, last, changed, cache } = plan;
  const rules = crossPageRules(resolved.rules);
  const edited = new Map<string, FaqDocument>();
  const readProblems = new Map<string, Array<{ message: string; offset: number }>>();
  const parts: Record<string, string> = { ...last.parts };
  // What the replay check read: every page's digest (an edited page's is replaced below).
  const digests = new Map<string, string>();
  for (const [question, target, answer] of last.disk) if (question === 'read') digests.set(target, answer);
  for (const file of changed) {
    const read = readSource(file, true);
    const before = last.parts[file];
    if (!read.ok || before === undefined) return undefined;
    const document = parseFaqDocument(file, read.text, parseOptions);
    parts[file] = pageParts(document, rules);
    if (siteModelDigest(parts[file]) !== siteModelDigest(before)) return undefined;
    edited.set(file, document);
    readProblems.set(file, read.problems);
    digests.set(file, read.digest ?? '');
  }

  const pages = new CachedPages(cache, digests, edited, parseOptions);
  // The site settings are as recorded, and so are the warnings about them (the run's own).
  const siteFor = siteLoader(resolved, pages, () => {}, fileSearch.hugoRootFor);
  const found = new Map<string, LintMessage[]>(files.map((file) => [file, []]));
  const internalErrors: string[] = [];
  const crashedOn = new Set<string>();
  const reportTo = (document: FaqDocument, ruleId: string, report: RuleReport): void => {
    const active = rulesByFile.get(document.path)?.find((candidate) => candidate.rule.meta.id === ruleId);
    if (active) found.get(document.path)?.push(messageFor(ruleId, active.severity, report));
  };
  const ruleCrashed = (ruleId: string, document: FaqDocument, error: unknown): void => {
    const crash = crashReport(ruleId, document.path, error);
    crashedOn.add(document.path);
    internalErrors.push(crash.internalError);
    found.get(document.path)?.push(crash.message);
  };

  const localIds = new Set(resolved.rules.filter((rule) => !isSiteRule(rule) && rule.meta.reads === 'file').map((rule) => rule.meta.id));
  for (const [file, document] of edited) {
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
    const document = edited.get(file);
    if (document) {
      const list = found.get(file) ?? [];
      const cross = list.filter((message) => crossIds.has(message.ruleId));
      if (cross.length > 0) crossPage[file] = cross;
      results.push(finishFile(file, list, document, undefined, readProblems.get(file), unusedDirectiveSeverity));
      continue;
    }
    const before = last.crossPage[file] ?? [];
    const cross = [...before.filter((message) => factsIds.has(message.ruleId)), ...(found.get(file) ?? [])];
    if (cross.some((message) => crossIds.has(message.ruleId))) crossPage[file] = cross.filter((message) => crossIds.has(message.ruleId));
    const result = recorded.get(file);
    if (result && sameMessages(cross, before)) {
      results.push(result);
      continue;
    }
    // Findings on this page changed (a duplicate of an edited question, say): inline comments apply anew.
    const page = pages.page(file);
    let own = page.messages;
    if (own === null) {
      const checked = fileOnlyFindings(page.document, rulesByFile.get(file) ?? [], () => siteFor(file));
      internalErrors.push(...checked.internalErrors);
      own = checked.messages;
    }
    results.push(finishFile(file, [...own, ...cross], page.document, undefined, page.problems, unusedDirectiveSeverity));
  }
  return { results, internalErrors, replayable: { parts, crossPage } };
}

function sameMessages(a: readonly LintMessage[], b: readonly LintMessage[]): boolean {
  if (a.length !== b.length) return false;
  const sorted = (list: readonly LintMessage[]): string => JSON.stringify([...list].sort(compareMessages));
  return sorted(a) === sorted(b);
}
