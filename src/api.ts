/**
 * faqlint's programmatic API, all but `parseFaqDocument` (index.ts adds it), so that loading it
 * does not load the parser. The command line uses only what is exported here.
 *
 * ```ts
 * import { formatters, lint, ruleInfo, VERSION } from 'faqlint';
 * const run = await lint({ patterns: ['content'] });
 * console.log(formatters.stylish(run.results, { cwd: process.cwd(), color: false, rules: ruleInfo(run.config), version: VERSION }));
 * ```
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, findConfigFile } from './config/config.js';
import { buildConfigSchema, CONFIG_SCHEMA_ID } from './config/schema.js';
import { effectiveConfigFor, loadConfig, type ConfigLookup, type ResolvedConfig } from './engine/config-resolution.js';
import { readSource } from './engine/read-source.js';
import type { FormatterRuleInfo } from './formatters/types.js';
import { modelToJson } from './model/print-model.js';
import type { FaqDocument } from './model/types.js';
import { DEFAULT_PARSE_OPTIONS } from './parse/parse-options.js';
import { ruleDocsUrl, type SeverityName } from './rules/define-rule.js';
import { builtinRules } from './rules/index.js';
import { findHugoSiteRoot } from './site/hugo-root.js';

export { lint, type CacheStrategy, type LintOptions, type LintProgress, type LintRun } from './engine/lint.js';
export type { Concurrency } from './engine/worker-pool.js';
export { loadConfig, type ConfigLookup, type ResolvedConfig } from './engine/config-resolution.js';
export { ConfigError, type FaqlintConfig, type RuleSetting, type ConfigOverride } from './config/config.js';
export type { FaqlintPlugin } from './config/plugins.js';
export type { LintMessage, LintResult, Severity } from './engine/results.js';
export { formatters, type Formatter, type FormatterContext, type FormatterRuleInfo } from './formatters/index.js';
export {
  defineRule,
  defineSiteRule,
  ruleDocsUrl,
  type FileRuleContext,
  type RuleDefinition,
  type RuleMeta,
  type RuleReport,
  type SeverityName,
  type SiteRuleContext,
} from './rules/define-rule.js';
export { builtinRules } from './rules/index.js';
export type { ParseOptions } from './parse/parse-options.js';
export type { FaqDocument, QaBlock, Section, TextRun, Link, Heading, Span, Point } from './model/types.js';
export type { SiteModel } from './site/site-model.js';
export { VERSION } from './version.js';

const ENGINE_IDS: FormatterRuleInfo[] = [
  { id: 'parse-error', description: 'A problem in the source that faqlint could not read as written (unclosed shortcode, broken front matter).', defaultSeverity: 'error', docsUrl: ruleDocsUrl('parse-error') },
  { id: 'rule-error', description: 'A rule crashed on this file; other rules still ran.', defaultSeverity: 'error', docsUrl: ruleDocsUrl('rule-error') },
  { id: 'unused-disable-directive', description: 'A faqlint-disable comment that silences no problem.', defaultSeverity: 'warn', docsUrl: ruleDocsUrl('unused-disable-directive') },
];

/** Every rule a run can report (built-in, the config's plugins, and the engine's own ids), for formatters. */
export function ruleInfo(config?: ResolvedConfig): FormatterRuleInfo[] {
  const rules = config?.rules ?? builtinRules;
  return [
    ...rules.map((rule) => ({
      id: rule.meta.id,
      description: rule.meta.description,
      defaultSeverity: rule.meta.defaultSeverity,
      // Plugin rules (namespaced ids) have no page here: only their own docsUrl.
      docsUrl: rule.meta.docsUrl ?? (rule.meta.id.includes('/') ? undefined : ruleDocsUrl(rule.meta.id)),
    })),
    ...ENGINE_IDS,
  ];
}

/** The JSON Schema of the config file, with the built-in rules (shipped as schema.json). */
export function configSchema(): Record<string, unknown> {
  return buildConfigSchema(builtinRules, { allowPluginRules: true });
}

/** The configuration in force for one file (`--print-config`). */
export async function configForFile(filePath: string, lookup: ConfigLookup = {}, ruleOverrides: Record<string, SeverityName> = {}): Promise<Record<string, unknown>> {
  const resolved = await loadConfig(lookup);
  return effectiveConfigFor(resolved, path.resolve(lookup.cwd ?? process.cwd(), filePath), ruleOverrides);
}

/** Parses one file the way a run would, with the config in force (`--print-model`). */
export async function parseFile(filePath: string, lookup: ConfigLookup = {}): Promise<FaqDocument> {
  const absolute = path.resolve(lookup.cwd ?? process.cwd(), filePath);
  const read = readSource(absolute);
  if (!read.ok) throw new ConfigError(`${filePath}: ${read.message}`);
  const { config } = await loadConfig(lookup);
  // Loaded here, not at start-up: a run replayed from the cache never needs the parser.
  const { parseFaqDocument } = await import('./parse/document.js');
  return parseFaqDocument(absolute, read.text, {
    blockNames: [...DEFAULT_PARSE_OPTIONS.blockNames, ...(config.shortcodes?.blocks ?? [])],
    codeShortcodes: [...DEFAULT_PARSE_OPTIONS.codeShortcodes, ...(config.shortcodes?.code ?? [])],
  });
}

/** The document model of a file as plain JSON. */
export { modelToJson };

/**
 * Writes a starter `.faqlintrc.json` in `cwd`: detects a Hugo site and its glossary page. Never
 * overwrites: an existing config file is an error.
 */
export async function initConfig(cwd: string): Promise<{ file: string; config: Record<string, unknown>; notes: string[] }> {
  const existing = findConfigFile(cwd);
  if (existing && path.dirname(existing) === path.resolve(cwd)) throw new ConfigError(`A config file already exists: ${existing}`);
  const file = path.join(cwd, '.faqlintrc.json');
  const notes: string[] = [];
  const localSchema = path.join(cwd, 'node_modules', 'faqlint', 'schema.json');
  const config: Record<string, unknown> = { $schema: fs.existsSync(localSchema) ? './node_modules/faqlint/schema.json' : CONFIG_SCHEMA_ID };
  const hugoRoot = findHugoSiteRoot(cwd);
  if (hugoRoot) {
    notes.push(`Hugo site found at ${path.relative(cwd, hugoRoot) || '.'}`);
    const { SiteModel } = await import('./site/site-model.js');
    const site = SiteModel.load({ startDir: cwd, configDir: undefined, glossary: undefined, loadDocument: () => undefined, frontMatterOf: () => undefined });
    const glossary = site.glossaryFiles[0];
    const url = glossary ? site.pageUrl(glossary) : undefined;
    if (url) {
      const tree = site.treeOf(glossary as string);
      config.glossary = tree?.urlPrefix ? url.slice(tree.urlPrefix.length) : url;
      notes.push(`glossary: ${String(config.glossary)} (${path.relative(cwd, glossary as string)})`);
    } else {
      notes.push('no glossary page found (a page whose path ends in glossary or terms); set "glossary" by hand');
    }
  }
  config.rules = Object.fromEntries(builtinRules.map((rule) => [rule.meta.id, rule.meta.defaultSeverity]));
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`, { flag: 'wx' });
  return { file, config, notes };
}

