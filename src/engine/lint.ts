import path from 'node:path';
import {
  ConfigError,
  displayPath,
  findConfigFile,
  loadConfigFile,
  severityName,
  validateConfig,
  type FaqlintConfig,
  type LoadedConfig,
  type RuleSetting,
} from '../config/config.js';
import type { FaqDocument } from '../model/types.js';
import { DEFAULT_PARSE_OPTIONS, parseFaqDocument, type ParseOptions } from '../parse/document.js';
import { isSiteRule, type RuleDefinition, type RuleReport, type SeverityName } from '../rules/define-rule.js';
import { builtinRules } from '../rules/index.js';
import { findHugoSiteRoot } from '../site/hugo-config.js';
import { SiteModel } from '../site/site-model.js';
import type { PageFrontMatter } from '../site/page-index.js';
import { parseFrontMatter } from '../parse/front-matter.js';
import { findFiles } from './files.js';
import { readSource } from './read-source.js';
import { finishResult, spanFields, type LintMessage, type LintResult, type Severity } from './results.js';
import { applyInlineDirectives } from './inline-directives.js';

export interface LintOptions {
  /** Files, folders and globs; default the working directory. */
  patterns?: readonly string[];
  cwd?: string;
  /** Use this config file instead of looking one up. */
  configFile?: string;
  /** Use this config object (already parsed) instead of looking one up. */
  config?: FaqlintConfig;
  /** Ignore config files altogether. */
  noConfigLookup?: boolean;
  /** Severity overrides that win over the config (`--rule id:severity`). */
  ruleOverrides?: Record<string, SeverityName>;
  /** Report `<!-- faqlint-disable -->` comments that silence nothing (overrides the config). */
  reportUnusedDisableDirectives?: SeverityName;
  /** Lint this text as if it were the file at `filePath` (relative to cwd), instead of `patterns`. */
  stdin?: { text: string; filePath: string };
}

export interface LintRun {
  results: LintResult[];
  /** Problems of the run itself (a rule crashed): the CLI exits with 2. */
  internalErrors: string[];
  config: LoadedConfig;
}

interface ActiveRule {
  rule: RuleDefinition<never>;
  severity: Severity;
  options: Record<string, unknown>;
}

/** Loads the config that applies to a run: explicit file, explicit object, or the nearest `.faqlintrc.json`. */
export function loadConfig(options: Pick<LintOptions, 'cwd' | 'configFile' | 'config' | 'noConfigLookup'> = {}): LoadedConfig {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (options.config) {
    validateConfig(options.config, 'config', builtinRules);
    return { config: options.config, file: undefined, dir: cwd };
  }
  if (options.configFile) return loadConfigFile(path.resolve(cwd, options.configFile), builtinRules);
  if (options.noConfigLookup) return { config: {}, file: undefined, dir: cwd };
  const found = findConfigFile(cwd);
  return found ? loadConfigFile(found, builtinRules) : { config: {}, file: undefined, dir: cwd };
}

function activeRules(config: FaqlintConfig, overrides: Record<string, SeverityName>, configSource: string): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of builtinRules) {
    const setting: RuleSetting | undefined = config.rules?.[rule.meta.id];
    const [written, userOptions] = Array.isArray(setting) ? [setting[0], setting[1] ?? {}] : [setting, {}];
    const severity = overrides[rule.meta.id] ?? (written === undefined ? rule.meta.defaultSeverity : severityName(written));
    if (severity === 'off') continue;
    const problems = rule.meta.validateOptions?.({ ...(rule.meta.defaultOptions as object), ...userOptions } as never) ?? [];
    if (problems.length > 0) {
      const [key, message] = problems[0] as [string, string];
      throw new ConfigError(`${configSource}: invalid configuration: rules.${rule.meta.id}[1].${key}: ${message}`);
    }
    active.push({
      rule,
      severity: severity === 'error' ? 2 : 1,
      options: { ...(rule.meta.defaultOptions as Record<string, unknown>), ...userOptions },
    });
  }
  for (const id of Object.keys(overrides)) {
    if (!builtinRules.some((rule) => rule.meta.id === id)) throw new ConfigError(`Unknown rule "${id}" in --rule`);
  }
  return active;
}

function parseOptionsFrom(config: FaqlintConfig): ParseOptions {
  return {
    blockNames: [...new Set([...DEFAULT_PARSE_OPTIONS.blockNames, ...(config.shortcodes?.blocks ?? [])])],
    codeShortcodes: [...new Set([...DEFAULT_PARSE_OPTIONS.codeShortcodes, ...(config.shortcodes?.code ?? [])])],
  };
}

/**
 * Lints Markdown files and returns one result per file, in path order. Throws `ConfigError` for
 * usage and configuration problems; never throws for problems in the linted files.
 */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const loaded = loadConfig({ ...options, cwd });
  const { config } = loaded;
  const rules = activeRules(config, options.ruleOverrides ?? {}, loaded.file ? displayPath(loaded.file) : 'config');
  const parseOptions = parseOptionsFrom(config);
  const patterns = options.patterns && options.patterns.length > 0 ? options.patterns : ['.'];

  const stdinPath = options.stdin ? path.resolve(cwd, options.stdin.filePath) : undefined;
  const files = stdinPath
    ? [stdinPath]
    : await findFiles({
        patterns,
        cwd,
        ignore: config.ignore ?? [],
        configDir: loaded.dir,
        hugoRootFor: (dir) => findHugoSiteRoot(dir),
      });

  const documents = new Map<string, FaqDocument>();
  const unreadable = new Map<string, string>();
  const readProblems = new Map<string, Array<{ message: string; offset: number }>>();
  const loadDocument = (file: string): FaqDocument | undefined => {
    const absolute = path.resolve(file);
    const known = documents.get(absolute);
    if (known || unreadable.has(absolute)) return known;
    const read = absolute === stdinPath && options.stdin ? { ok: true as const, text: options.stdin.text, problems: [] } : readSource(absolute);
    if (!read.ok) {
      unreadable.set(absolute, read.message);
      return undefined;
    }
    const document = parseFaqDocument(absolute, read.text, parseOptions);
    documents.set(absolute, document);
    if (read.problems.length > 0) readProblems.set(absolute, read.problems);
    return document;
  };
  for (const file of files) loadDocument(file);
  // Pages that are not linted are still part of the site: their URLs come from their front matter.
  const frontMatterCache = new Map<string, PageFrontMatter | undefined>();
  const frontMatterOf = (file: string): PageFrontMatter | undefined => {
    const absolute = path.resolve(file);
    const document = documents.get(absolute);
    if (document) return document.frontMatter?.data as PageFrontMatter | undefined;
    if (!frontMatterCache.has(absolute)) {
      const read = readSource(absolute);
      frontMatterCache.set(absolute, read.ok ? (parseFrontMatter(read.text.replace(/^\uFEFF/, '')).frontMatter?.data as PageFrontMatter | undefined) : undefined);
    }
    return frontMatterCache.get(absolute);
  };

  // One site model per site root, shared by every file under it.
  const sites = new Map<string, SiteModel>();
  const siteFor = (file: string): SiteModel => {
    const key = findHugoSiteRoot(path.dirname(file)) ?? loaded.dir;
    let site = sites.get(key);
    if (!site) {
      site = SiteModel.load({ startDir: path.dirname(file), configDir: loaded.file ? loaded.dir : undefined, glossary: config.glossary, loadDocument, frontMatterOf });
      if (config.glossary !== undefined && site.glossaryFiles.length === 0) {
        throw new ConfigError(site.problems.map((problem) => problem.message).join('; ') || `The glossary "${config.glossary}" was not found`);
      }
      sites.set(key, site);
    }
    return site;
  };

  const messages = new Map<string, LintMessage[]>(files.map((file) => [file, []]));
  const internalErrors: string[] = [];
  const reportTo = (document: FaqDocument, active: ActiveRule, report: RuleReport): void => {
    const list = messages.get(document.path);
    if (!list) return; // A page known only for context (a glossary) is not reported on.
    list.push({
      ruleId: active.rule.meta.id,
      severity: active.severity,
      message: report.message,
      ...spanFields(report.span),
      ...(report.related
        ? { related: report.related.map((related) => ({ message: related.message, filePath: related.path, ...spanFields(related.span) })) }
        : {}),
    });
  };
  const ruleCrashed = (active: ActiveRule, document: FaqDocument, error: unknown): void => {
    const reason = error instanceof Error ? error.message : String(error);
    internalErrors.push(`Rule ${active.rule.meta.id} failed on ${document.path}: ${reason}`);
    messages.get(document.path)?.push({ ruleId: 'rule-error', severity: 2, message: `Rule "${active.rule.meta.id}" crashed: ${reason}`, line: 1, column: 1, endLine: 1, endColumn: 1 });
  };

  const linted = files.map((file) => documents.get(file)).filter((document): document is FaqDocument => document !== undefined);
  for (const document of linted) {
    const site = siteFor(document.path);
    for (const active of rules) {
      const rule = active.rule;
      if (isSiteRule(rule)) continue;
      try {
        rule.check({ document, options: active.options as never, site, report: (report) => reportTo(document, active, report) });
      } catch (error) {
        ruleCrashed(active, document, error);
      }
    }
  }
  const bySite = new Map<SiteModel, FaqDocument[]>();
  for (const document of linted) {
    const site = siteFor(document.path);
    bySite.set(site, [...(bySite.get(site) ?? []), document]);
  }
  for (const [site, siteDocuments] of bySite) {
    for (const active of rules) {
      const rule = active.rule;
      if (!isSiteRule(rule)) continue;
      try {
        rule.check({ documents: siteDocuments, options: active.options as never, site, report: (document, report) => reportTo(document, active, report) });
      } catch (error) {
        ruleCrashed(active, siteDocuments[0] as FaqDocument, error);
      }
    }
  }

  const unusedDirectiveSeverity = options.reportUnusedDisableDirectives ?? config.reportUnusedDisableDirectives ?? 'off';
  const results = files.map((file) => {
    const list = messages.get(file) ?? [];
    const unreadableReason = unreadable.get(file);
    if (unreadableReason) {
      list.push({ ruleId: 'parse-error', severity: 2, message: unreadableReason, line: 1, column: 1, endLine: 1, endColumn: 1 });
      return finishResult(file, list);
    }
    const document = documents.get(file) as FaqDocument;
    for (const problem of document.parseProblems) list.push({ ruleId: 'parse-error', severity: 2, message: problem.message, ...spanFields(problem.span) });
    for (const problem of readProblems.get(file) ?? []) {
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
  return { results, internalErrors, config: loaded };
}
