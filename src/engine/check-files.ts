import type { FaqDocument } from '../model/types.js';
import type { ParseOptions } from '../parse/document.js';
import { fileKind, listDigest, noteOnDisk } from '../io/disk.js';
import { isSiteRule, type RuleDefinition, type RuleReport, type SeverityName, type SiteRuleMemo } from '../rules/define-rule.js';
import type { SiteModel } from '../site/site-model.js';
import { activeRulesFor, type ActiveRule, type ConfigLookup, type ResolvedConfig } from './config-resolution.js';
import { findFiles, type FileSearch } from './files.js';
import { applyInlineDirectives } from './inline-directives.js';
import { cacheKey, type LintCache } from './cache.js';
import { DocumentStore, type PageSource } from './document-store.js';
import { crashReport, messageFor, runFileRules } from './file-rules.js';
import { finishResult, spanFields, type LintMessage, type LintResult } from './results.js';
import { siteLoader } from './sites.js';
import { crossPageRules, pageParts } from './page-parts.js';
import { startParseWorkers, workerCount, type Concurrency, type ParseWorkers } from './worker-pool.js';

/** What a run checks, as `lint()` resolved it. */
export interface CheckPlan {
  resolved: ResolvedConfig;
  ruleOverrides: Record<string, SeverityName>;
  /** Text given on standard input, as the file at `path`. */
  stdin: { path: string; text: string } | undefined;
  fileSearch: Omit<FileSearch, 'patterns'>;
  /** The linted files, absolute and sorted. */
  files: string[];
  parseOptions: ParseOptions;
  rulesByFile: Map<string, ActiveRule[]>;
  /** Whether every rule can work from cached facts (no rule needs the whole parsed file every run). */
  factsSuffice: boolean;
  cache: LintCache | undefined;
  concurrency: Concurrency | undefined;
  /** How worker threads find the config again. */
  workerLookup: ConfigLookup;
  /** Workers that `lint()` started for the linted files before the parser was loaded (it closes them; a finished parse does too). */
  workers: ParseWorkers | undefined;
  unusedDirectiveSeverity: SeverityName;
  onProgress: ((progress: { phase: 'parse' | 'check' | 'site'; done: number; total: number }) => void) | undefined;
}

/**
 * The work of a run that is not replayed: parse (or take from the cache) every file the rules
 * need, run file rules, then site rules, and apply inline comments. Kept apart from `lint()` so
 * a replayed run never loads the parser.
 */
export async function checkFiles(plan: CheckPlan): Promise<{ results: LintResult[]; internalErrors: string[]; warnings: string[]; replayable: ReplayableParts | undefined }> {
  const { resolved, ruleOverrides, stdin, fileSearch, files, parseOptions, rulesByFile, factsSuffice, cache, concurrency, workerLookup, workers, unusedDirectiveSeverity, onProgress } = plan;
  const hugoRootFor = fileSearch.hugoRootFor;
  const partRules = crossPageRules(resolved.rules);
  const store = new DocumentStore(parseOptions, stdin, new Set(files), cache, cache ? (document) => pageParts(document, partRules) : undefined);
  const warnings: string[] = [];
  const siteFor = siteLoader(resolved, store, (warning) => warnings.push(warning), hugoRootFor);
  const pagesOf = sitePagesLoader(resolved, fileSearch);

  const { messages, internalErrors, crashedOn, reportTo, ruleCrashed } = findingsOf(files, rulesByFile);

  // Large runs parse on worker threads first; whatever they did not do is parsed below.
  if (factsSuffice && !stdin && concurrency !== 'off') {
    // The site's layout only: checking it looks its glossary up, which for a URL reads every
    // page's front matter, left until the workers have sent it.
    const needed = await filesToParse(files, (file) => siteFor.layoutOf(file), (file) => rulesByFile.get(file)?.some(({ rule }) => isSiteRule(rule)) === true, pagesOf);
    const jobs = store.pagesToParse([...needed]).map((job) => ({ ...job, linted: messages.has(job.file) }));
    let parsed = 0;
    const pool = workers ?? startParseWorkers({ lookup: workerLookup, ruleOverrides, parseOptions, forCache: cache !== undefined }, workerCount(concurrency, jobs));
    await pool?.parse(jobs, (page) => {
      if (store.adopt(page, page.internalErrors.length === 0)) internalErrors.push(...page.internalErrors);
      onProgress?.({ phase: 'parse', done: ++parsed, total: jobs.length });
    });
  }

  // One file at a time: parse (or take from the cache), run its file rules, keep only its facts.
  const linted: FaqDocument[] = [];
  for (const [index, file] of files.entries()) {
    onProgress?.({ phase: 'check', done: index, total: files.length });
    const document = store.load(file);
    if (!document) continue;
    // Loaded even when no rule reads it, so a glossary the config names but the site lacks fails every run.
    siteFor(document.path);
    const cached = store.cachedMessages.get(file);
    if (cached) messages.get(file)?.push(...cached);
    runFileRules(document, rulesByFile.get(file) ?? [], ({ rule }) => !(cached && rule.meta.reads === 'file'), () => siteFor(document.path), {
      report: (ruleId, report) => reportTo(document, ruleId, report),
      crashed: (ruleId, error) => ruleCrashed(ruleId, document, error),
    });
    // A file a rule crashed on keeps no cached findings: the next run runs its rules again.
    const local = cache && !cached && !crashedOn.has(file) ? new Set((rulesByFile.get(file) ?? []).filter(({ rule }) => rule.meta.reads === 'file').map(({ rule }) => rule.meta.id)) : undefined;
    linted.push(store.settle(document, local && (messages.get(file) ?? []).filter((message) => local.has(message.ruleId))));
  }

  onProgress?.({ phase: 'site', done: 0, total: 1 });
  await runSiteRules(linted, siteFor, pagesOf, resolved, ruleOverrides, store, cache, reportTo, ruleCrashed);
  store.dropPending();

  // What a later run needs to keep these findings after an edit that leaves every cross-page part as it was.
  const replayable = cache ? replayableParts(partRules, store, files, messages) : undefined;
  const results = files.map((file) => finishFile(file, messages.get(file) ?? [], store.documents.get(file), store.unreadable.get(file), store.readProblems.get(file), unusedDirectiveSeverity));
  return { results, internalErrors, warnings, replayable };
}

/** Where a run's findings go: per linted file, its messages; the run's internal errors; the files a rule crashed on. */
export interface Findings {
  messages: Map<string, LintMessage[]>;
  internalErrors: string[];
  crashedOn: Set<string>;
  /** Files a rule reports on, at the severity their config gives it. */
  reportTo(document: FaqDocument, ruleId: string, report: RuleReport): void;
  /** A rule that threw on a document: a `rule-error` finding there, and an internal error. */
  ruleCrashed(ruleId: string, document: FaqDocument, error: unknown): void;
}

/** Empty findings for the linted `files`. */
export function findingsOf(files: readonly string[], rulesByFile: ReadonlyMap<string, ActiveRule[]>): Findings {
  const messages = new Map<string, LintMessage[]>(files.map((file) => [file, []]));
  const internalErrors: string[] = [];
  const crashedOn = new Set<string>();
  return {
    messages,
    internalErrors,
    crashedOn,
    reportTo: (document, ruleId, report) => {
      const list = messages.get(document.path);
      // Pages known only as context (the glossary, the rest of the site) are not reported on,
      // and a file whose overrides switch the rule off gets nothing from it.
      const active = rulesByFile.get(document.path)?.find((candidate) => candidate.rule.meta.id === ruleId);
      if (!list || !active) return;
      list.push(messageFor(ruleId, active.severity, report));
    },
    ruleCrashed: (ruleId, document, error) => {
      crashedOn.add(document.path);
      const crash = crashReport(ruleId, document.path, error);
      internalErrors.push(crash.internalError);
      messages.get(document.path)?.push(crash.message);
    },
  };
}

/** Per page, the digest of its cross-page parts; per linted file with any, the findings of cross-page rules before inline comments. */
export interface ReplayableParts {
  parts: Record<string, string>;
  crossPage: Record<string, LintMessage[]>;
}

function replayableParts(rules: readonly RuleDefinition<never>[], store: DocumentStore, files: readonly string[], messages: ReadonlyMap<string, LintMessage[]>): ReplayableParts {
  const ids = new Set(rules.map((rule) => rule.meta.id));
  // With a cache the store digests every document it holds, parsed here, on a worker or cached.
  const parts: ReplayableParts['parts'] = Object.fromEntries(store.parts);
  const crossPage: ReplayableParts['crossPage'] = {};
  for (const file of files) {
    const found = (messages.get(file) ?? []).filter((message) => ids.has(message.ruleId));
    if (found.length > 0) crossPage[file] = found;
  }
  return { parts, crossPage };
}

/**
 * A file's result from its findings: parse and read problems added, inline comments applied
 * (`<!-- faqlint-disable -->`), unused ones reported at `unusedDirectiveSeverity`.
 */
export function finishFile(
  file: string,
  found: readonly LintMessage[],
  document: FaqDocument | undefined,
  unreadableReason: string | undefined,
  readProblems: ReadonlyArray<{ message: string; offset: number }> | undefined,
  unusedDirectiveSeverity: SeverityName,
): LintResult {
  const list = [...found];
  if (unreadableReason || !document) {
    list.push({ ruleId: 'parse-error', severity: 2, message: unreadableReason ?? 'Cannot read file', line: 1, column: 1, endLine: 1, endColumn: 1 });
    return finishResult(file, list);
  }
  for (const problem of document.parseProblems) list.push({ ruleId: 'parse-error', severity: 2, message: problem.message, ...spanFields(problem.span) });
  for (const problem of readProblems ?? []) {
    list.push({ ruleId: 'parse-error', severity: 2, message: problem.message, ...spanFields(document.lineIndex.span(problem.offset, problem.offset + 1)) });
  }
  const { kept, unused } = applyInlineDirectives(document, list);
  if (unusedDirectiveSeverity !== 'off') {
    for (const directive of unused) {
      kept.push({
        ruleId: 'unused-disable-directive',
        severity: unusedDirectiveSeverity === 'error' ? 2 : 1,
        message: `Unused directive <!-- ${directive.text} -->: it silences no problem`,
        line: directive.line,
        column: directive.column,
        endLine: directive.endLine,
        endColumn: directive.endColumn,
      });
    }
  }
  return finishResult(file, kept);
}

/**
 * Site rules run once per site over every page of it, with the options of the config's base
 * `rules` (an override can change a site rule's severity or switch it off for some files, not
 * its options).
 */
export async function runSiteRules(
  linted: readonly FaqDocument[],
  siteFor: (file: string) => SiteModel,
  pagesOf: (site: SiteModel) => Promise<string[]>,
  resolved: ResolvedConfig,
  ruleOverrides: Record<string, SeverityName>,
  store: PageSource,
  cache: LintCache | undefined,
  reportTo: (document: FaqDocument, ruleId: string, report: RuleReport) => void,
  ruleCrashed: (ruleId: string, document: FaqDocument, error: unknown) => void,
): Promise<void> {
  const siteRules = resolved.rules.filter(isSiteRule);
  if (siteRules.length === 0 || linted.length === 0) return;
  const bySite = new Map<SiteModel, FaqDocument[]>();
  for (const document of linted) {
    const site = siteFor(document.path);
    // Pushed, not copied: a site's thousands of pages made copying each list quadratic.
    const ofSite = bySite.get(site);
    if (ofSite) ofSite.push(document);
    else bySite.set(site, [document]);
  }
  for (const [site, siteLinted] of bySite) {
    const base = activeRulesFor(resolved, undefined, ruleOverrides);
    const onForSomeFile = (rule: (typeof siteRules)[number]): boolean =>
      siteLinted.some((document) => activeRulesFor(resolved, document.path, ruleOverrides).some((active) => active.rule === rule));
    const wanted = siteRules.filter(onForSomeFile);
    if (wanted.length === 0) continue;
    const pages = await pagesOf(site);
    const documents = [...new Set([...pages.map((page) => store.load(page)), ...siteLinted])]
      .filter((document): document is FaqDocument => document !== undefined)
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const byPath = new Map(documents.map((document) => [document.path, document]));
    for (const rule of wanted) {
      const options = { ...(rule.meta.defaultOptions as Record<string, unknown>), ...(base.find((active) => active.rule === rule)?.options ?? {}) };
      // A site rule reads only facts and the site's settings: with every page as it was, its reports are too.
      const slot = `${rule.meta.id} ${site.root}`;
      const inputs = cache
        ? cacheKey([rule.meta.id, options, site.root, site.hugo ?? null, site.trees, site.glossaryFiles, documents.map((document) => [document.path, store.hashes.get(document.path) ?? ''])])
        : '';
      const replayed = cache?.siteRuleReports(slot, inputs);
      if (replayed) {
        for (const { path: file, report } of replayed) {
          const document = byPath.get(file);
          if (document) reportTo(document, rule.meta.id, report);
        }
        continue;
      }
      const recorded: Array<{ path: string; report: RuleReport }> = [];
      const memo = cache?.memoFor(slot, (document) => store.hashes.get(document.path));
      try {
        rule.check({
          documents,
          options: options as never,
          site,
          report: (document, report) => {
            recorded.push({ path: document.path, report });
            reportTo(document, rule.meta.id, report);
          },
          memo: memo ?? NO_MEMO,
        });
        // A rule that keeps a memo runs again cheaply from it: its reports (on a large site the
        // largest thing the cache would write after every edit) are not kept for replay.
        if (cache?.keepsMemo(slot)) cache.dropSiteRuleReports(slot);
        else cache?.setSiteRuleReports(slot, inputs, recorded);
      } catch (error) {
        ruleCrashed(rule.meta.id, siteLinted[0] as FaqDocument, error);
      }
    }
  }
}

/**
 * The linted files, and every page of each site whose site rules a linted file has on: each
 * site's pages added once (once per linted page, a site of 3,000 pages was 9 million additions
 * and 0.1 s before the workers could start).
 */
export async function filesToParse(
  files: readonly string[],
  siteOf: (file: string) => SiteModel,
  readsSite: (file: string) => boolean,
  pagesOf: (site: SiteModel) => Promise<Iterable<string>>,
): Promise<Set<string>> {
  const needed = new Set(files);
  const added = new Set<SiteModel>();
  for (const file of files) {
    const site = siteOf(file);
    if (added.has(site) || !readsSite(file)) continue;
    added.add(site);
    for (const page of await pagesOf(site)) needed.add(page);
  }
  return needed;
}

/** A run without a cache recalls nothing, and keeps nothing. */
const NO_MEMO: SiteRuleMemo = {
  recall: () => undefined,
  keep: () => {},
  keepAsBefore: () => {},
  recallPage: () => undefined,
  keepPage: () => {},
  keepPageAsBefore: () => {},
  pageVersion: () => undefined,
};

/** Every page of a site, searched for once per site. */
export function sitePagesLoader(resolved: ResolvedConfig, fileSearch: Omit<FileSearch, 'patterns'>): (site: SiteModel) => Promise<string[]> {
  const pagesBySite = new Map<SiteModel, Promise<string[]>>();
  return (site) => {
    if (!pagesBySite.has(site)) pagesBySite.set(site, sitePages(site, resolved, fileSearch));
    return pagesBySite.get(site) as Promise<string[]>;
  };
}

/** Every page of a site: a Hugo site's content trees, or the Markdown under the config's folder. */
async function sitePages(site: SiteModel, resolved: ResolvedConfig, fileSearch: Omit<FileSearch, 'patterns'>): Promise<string[]> {
  // The same file search as for linting, so ignored files are not part of the site either.
  const patterns = site.hugo ? site.trees.map((tree) => tree.dir).filter((dir) => fileKind(dir) !== 'none') : resolved.file ? [resolved.dir] : [];
  if (patterns.length === 0) return [];
  const pages = await findFiles({ ...fileSearch, patterns });
  // Noted like any other answer from the disk: a page added or removed means a new run.
  noteOnDisk('find', JSON.stringify(patterns), listDigest(pages));
  return pages;
}
