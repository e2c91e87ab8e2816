import fs from 'node:fs';
import path from 'node:path';
import type { FaqlintConfig } from '../config/config.js';
import type { FaqDocument } from '../model/types.js';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions } from '../parse/document.js';
import { VERSION } from '../version.js';
import { isSiteRule, type RuleReport, type SeverityName } from '../rules/define-rule.js';
import type { SiteModel } from '../site/site-model.js';
import { activeRulesFor, checkRuleOverrides, loadConfig, type ActiveRule, type ConfigLookup, type ResolvedConfig } from './config-resolution.js';
import { findFiles } from './files.js';
import { applyInlineDirectives } from './inline-directives.js';
import { cacheKey, LintCache } from './cache.js';
import { DocumentStore, release } from './document-store.js';
import { crashReport, messageFor, runFileRules } from './file-rules.js';
import { finishResult, spanFields, type LintMessage, type LintResult } from './results.js';
import { memoizedHugoRoots, siteLoader } from './sites.js';
import { parseOnWorkers, workerCount, type Concurrency } from './worker-pool.js';

export interface LintOptions extends ConfigLookup {
  /** Files, folders and globs; default the working directory. */
  patterns?: readonly string[];
  /** Severity overrides that win over the config (`--rule id:severity`). */
  ruleOverrides?: Record<string, SeverityName>;
  /** Report `<!-- faqlint-disable -->` comments that silence nothing (overrides the config). */
  reportUnusedDisableDirectives?: SeverityName;
  /** Lint this text as if it were the file at `filePath` (relative to cwd), instead of `patterns`. */
  stdin?: { text: string; filePath: string };
  /** Keep facts and file-local findings of unchanged files between runs. */
  cache?: boolean;
  /** Where the cache lives: a file, or a folder for `.faqlintcache` (default: the working folder). */
  cacheLocation?: string;
  /**
   * Worker threads that parse files: a number, `off`, or `auto` (the default: one per core, up
   * to 4, when there is more than 1 MiB of Markdown to parse).
   */
  concurrency?: Concurrency;
  /** Called as the run goes: pages parsed, files checked, then the site-wide rules (for a progress line). */
  onProgress?: (progress: LintProgress) => void;
}

/** Where a run is: `parse` and `check` count pages and files; `site` runs the site-wide rules. */
export interface LintProgress {
  phase: 'parse' | 'check' | 'site';
  done: number;
  total: number;
}

export interface LintRun {
  results: LintResult[];
  /** Problems of the run itself (a rule crashed): the CLI exits with 2. */
  internalErrors: string[];
  /** Things the user should know that are not findings (a Hugo config file that could not be read). */
  warnings: string[];
  config: ResolvedConfig;
}

export { loadConfig } from './config-resolution.js';

function parseOptionsFrom(config: FaqlintConfig): ParseOptions {
  return {
    blockNames: [...new Set([...DEFAULT_PARSE_OPTIONS.blockNames, ...(config.shortcodes?.blocks ?? [])])],
    codeShortcodes: [...new Set([...DEFAULT_PARSE_OPTIONS.codeShortcodes, ...(config.shortcodes?.code ?? [])])],
  };
}

/**
 * Lints Markdown files and returns one result per file, in path order. Throws `ConfigError` for
 * usage and configuration problems; never throws for problems in the linted files.
 *
 * Site-wide rules see every page of the site (a Hugo site's content, or every Markdown file
 * under the config's folder), even when only some files are linted, as in a pre-commit hook;
 * findings are reported only on the linted files.
 */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const resolved = await loadConfig({ ...options, cwd });
  const { config } = resolved;
  const ruleOverrides = options.ruleOverrides ?? {};
  checkRuleOverrides(resolved, ruleOverrides);
  const stdinPath = options.stdin ? path.resolve(cwd, options.stdin.filePath) : undefined;
  const hugoRootFor = memoizedHugoRoots();
  const fileSearch = { cwd, ignore: config.ignore ?? [], configDir: resolved.dir, hugoRootFor };
  const files = stdinPath ? [stdinPath] : await findFiles({ ...fileSearch, patterns: options.patterns && options.patterns.length > 0 ? options.patterns : ['.'] });
  const parseOptions = parseOptionsFrom(config);
  const rulesByFile = new Map<string, ActiveRule[]>(files.map((file) => [file, activeRulesFor(resolved, file, ruleOverrides)]));
  // A rule that needs the whole parsed file every run makes cached facts useless.
  const factsSuffice = [...rulesByFile.values()].every((active) => active.every(({ rule }) => isSiteRule(rule) || rule.meta.reads !== undefined));
  const cache =
    options.cache && factsSuffice && !stdinPath
      ? LintCache.open(path.resolve(cwd, options.cacheLocation ?? '.faqlintcache'), cacheKey([VERSION, config, parseOptions, ruleOverrides, resolved.rules.map((rule) => rule.meta.id)]))
      : undefined;
  const store = new DocumentStore(parseOptions, stdinPath && options.stdin ? { path: stdinPath, text: options.stdin.text } : undefined, new Set(files), cache);
  const warnings: string[] = [];
  const siteFor = siteLoader(resolved, store, (warning) => warnings.push(warning), hugoRootFor);
  const pagesBySite = new Map<SiteModel, Promise<string[]>>();
  const pagesOf = (site: SiteModel): Promise<string[]> => {
    if (!pagesBySite.has(site)) pagesBySite.set(site, sitePages(site, resolved, fileSearch));
    return pagesBySite.get(site) as Promise<string[]>;
  };

  const messages = new Map<string, LintMessage[]>(files.map((file) => [file, []]));
  const internalErrors: string[] = [];
  const reportTo = (document: FaqDocument, ruleId: string, report: RuleReport): void => {
    const list = messages.get(document.path);
    // Pages known only as context (the glossary, the rest of the site) are not reported on,
    // and a file whose overrides switch the rule off gets nothing from it.
    const active = rulesByFile.get(document.path)?.find((candidate) => candidate.rule.meta.id === ruleId);
    if (!list || !active) return;
    list.push(messageFor(ruleId, active.severity, report));
  };
  const ruleCrashed = (ruleId: string, document: FaqDocument, error: unknown): void => {
    const crash = crashReport(ruleId, document.path, error);
    internalErrors.push(crash.internalError);
    messages.get(document.path)?.push(crash.message);
  };

  // Large runs parse on worker threads first; whatever they did not do is parsed below.
  if (factsSuffice && !stdinPath && options.concurrency !== 'off') {
    const needed = new Set(files);
    for (const file of files) {
      const site = siteFor(file);
      if (rulesByFile.get(file)?.some(({ rule }) => isSiteRule(rule))) for (const page of await pagesOf(site)) needed.add(page);
    }
    const jobs = store.textsToParse([...needed]).map((job) => ({ ...job, linted: messages.has(job.file) }));
    const lookup = { cwd, configFile: resolved.file, noConfigLookup: options.noConfigLookup, ...(options.config ? { config: options.config } : {}) };
    let parsed = 0;
    await parseOnWorkers(jobs, { lookup, ruleOverrides, parseOptions }, workerCount(options.concurrency, jobs), (page) => {
      store.adopt(page.file, page.facts, page.messages);
      internalErrors.push(...page.internalErrors);
      options.onProgress?.({ phase: 'parse', done: ++parsed, total: jobs.length });
    });
  }

  // One file at a time: parse (or take from the cache), run its file rules, release its tree.
  const linted: FaqDocument[] = [];
  for (const [index, file] of files.entries()) {
    options.onProgress?.({ phase: 'check', done: index, total: files.length });
    const document = store.load(file);
    if (!document) continue;
    linted.push(document);
    // Loaded even when no rule reads it, so a glossary the config names but the site lacks fails every run.
    siteFor(document.path);
    const cached = store.cachedMessages.get(file);
    if (cached) messages.get(file)?.push(...cached);
    runFileRules(document, rulesByFile.get(file) ?? [], ({ rule }) => !(cached && rule.meta.reads === 'file'), () => siteFor(document.path), {
      report: (ruleId, report) => reportTo(document, ruleId, report),
      crashed: (ruleId, error) => ruleCrashed(ruleId, document, error),
    });
    if (cache && !cached) {
      const local = new Set((rulesByFile.get(file) ?? []).filter(({ rule }) => rule.meta.reads === 'file').map(({ rule }) => rule.meta.id));
      cache.set(file, store.hashes.get(file) ?? '', document, (messages.get(file) ?? []).filter((message) => local.has(message.ruleId)));
    }
    release(document);
  }

  options.onProgress?.({ phase: 'site', done: 0, total: 1 });
  await runSiteRules(linted, siteFor, pagesOf, resolved, ruleOverrides, store, cache, reportTo, ruleCrashed);
  store.dropPending();
  cache?.save();

  const unusedDirectiveSeverity = options.reportUnusedDisableDirectives ?? config.reportUnusedDisableDirectives ?? 'off';
  const results = files.map((file) => {
    const list = messages.get(file) ?? [];
    const unreadableReason = store.unreadable.get(file);
    if (unreadableReason) {
      list.push({ ruleId: 'parse-error', severity: 2, message: unreadableReason, line: 1, column: 1, endLine: 1, endColumn: 1 });
      return finishResult(file, list);
    }
    const document = store.documents.get(file) as FaqDocument;
    for (const problem of document.parseProblems) list.push({ ruleId: 'parse-error', severity: 2, message: problem.message, ...spanFields(problem.span) });
    for (const problem of store.readProblems.get(file) ?? []) {
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
  });
  return { results, internalErrors, warnings, config: resolved };
}

/**
 * Site rules run once per site over every page of it, with the options of the config's base
 * `rules` (an override can change a site rule's severity or switch it off for some files, not
 * its options).
 */
async function runSiteRules(
  linted: readonly FaqDocument[],
  siteFor: (file: string) => SiteModel,
  pagesOf: (site: SiteModel) => Promise<string[]>,
  resolved: ResolvedConfig,
  ruleOverrides: Record<string, SeverityName>,
  store: DocumentStore,
  cache: LintCache | undefined,
  reportTo: (document: FaqDocument, ruleId: string, report: RuleReport) => void,
  ruleCrashed: (ruleId: string, document: FaqDocument, error: unknown) => void,
): Promise<void> {
  const siteRules = resolved.rules.filter(isSiteRule);
  if (siteRules.length === 0 || linted.length === 0) return;
  const bySite = new Map<SiteModel, FaqDocument[]>();
  for (const document of linted) {
    const site = siteFor(document.path);
    bySite.set(site, [...(bySite.get(site) ?? []), document]);
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
      try {
        rule.check({
          documents,
          options: options as never,
          site,
          report: (document, report) => {
            recorded.push({ path: document.path, report });
            reportTo(document, rule.meta.id, report);
          },
        });
        cache?.setSiteRuleReports(slot, inputs, recorded);
      } catch (error) {
        ruleCrashed(rule.meta.id, siteLinted[0] as FaqDocument, error);
      }
    }
  }
}

/** Every page of a site: a Hugo site's content trees, or the Markdown under the config's folder. */
async function sitePages(site: SiteModel, resolved: ResolvedConfig, fileSearch: Omit<Parameters<typeof findFiles>[0], 'patterns'>): Promise<string[]> {
  // The same file search as for linting, so ignored files are not part of the site either.
  if (site.hugo) return findFiles({ ...fileSearch, patterns: site.trees.map((tree) => tree.dir).filter((dir) => fs.existsSync(dir)) });
  if (!resolved.file) return [];
  return findFiles({ ...fileSearch, patterns: [resolved.dir] });
}
