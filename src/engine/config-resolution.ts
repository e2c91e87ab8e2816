import path from 'node:path';
import picomatch from 'picomatch';
import {
  ConfigError,
  displayPath,
  findConfigFile,
  readConfigData,
  severityName,
  validateConfig,
  type FaqlintConfig,
  type LoadedConfig,
  type RuleSetting,
} from '../config/config.js';
import { loadPlugins } from '../config/plugins.js';
import { isSiteRule, type RuleDefinition, type SeverityName } from '../rules/define-rule.js';
import { builtinRules } from '../rules/index.js';

/** A config with every rule it can name: the built-in ones and its plugins'. */
export interface ResolvedConfig extends LoadedConfig {
  rules: readonly RuleDefinition<never>[];
}

/** A rule switched on for a file, with its severity and merged options. */
export interface ActiveRule {
  rule: RuleDefinition<never>;
  severity: 1 | 2;
  options: Record<string, unknown>;
}

export interface ConfigLookup {
  cwd?: string;
  /** Use this config file instead of looking one up. */
  configFile?: string;
  /** Use this config object instead of looking one up. */
  config?: FaqlintConfig;
  /** Ignore config files altogether. */
  noConfigLookup?: boolean;
}

/**
 * Finds, reads and validates the config that applies to a run: an explicit object, an explicit
 * file, or the nearest config file above the working folder; then loads its plugins.
 */
export async function loadConfig(lookup: ConfigLookup = {}): Promise<ResolvedConfig> {
  const cwd = path.resolve(lookup.cwd ?? process.cwd());
  let data: unknown = {};
  let file: string | undefined;
  if (lookup.config) {
    data = lookup.config;
  } else if (lookup.configFile) {
    file = path.resolve(cwd, lookup.configFile);
    data = readConfigData(file);
  } else if (!lookup.noConfigLookup) {
    file = findConfigFile(cwd);
    if (file) data = readConfigData(file);
  }
  const source = file ? displayPath(file) : 'config';
  const dir = file ? path.dirname(file) : cwd;
  const pluginPaths = (data as { plugins?: unknown } | null)?.plugins;
  // Plugins must load before the rest is validated: their rules are part of the schema.
  validateConfig({ plugins: pluginPaths ?? [] }, source, builtinRules);
  const rules = [...builtinRules, ...(await loadPlugins((pluginPaths as string[] | undefined) ?? [], dir))];
  validateConfig(data, source, rules);
  const resolved: ResolvedConfig = { config: data, file, dir, rules };
  checkRuleOptions(resolved, source);
  return resolved;
}

/** Runs each configured rule's own option checks (patterns that are not safe regular expressions). */
function checkRuleOptions(resolved: ResolvedConfig, source: string): void {
  const settings: Array<[string, Record<string, RuleSetting> | undefined]> = [
    ['rules', resolved.config.rules],
    ...(resolved.config.overrides ?? []).map((override, index): [string, Record<string, RuleSetting> | undefined] => [`overrides[${index}].rules`, override.rules]),
  ];
  for (const [where, rules] of settings) {
    for (const [id, setting] of Object.entries(rules ?? {})) {
      if (!Array.isArray(setting) || !setting[1]) continue;
      const rule = resolved.rules.find((candidate) => candidate.meta.id === id);
      const options = { ...((rule?.meta.defaultOptions ?? {}) as object), ...setting[1] };
      const [problem] = rule?.meta.validateOptions?.(options as never) ?? [];
      if (problem) throw new ConfigError(`${source}: invalid configuration: ${where}.${id}[1].${problem[0]}: ${problem[1]}`);
    }
  }
}

/**
 * Merges a later setting over an earlier one, as ESLint does: a bare severity keeps the options
 * set before it; options given again replace them.
 */
function mergeSetting(earlier: RuleSetting | undefined, later: RuleSetting): RuleSetting {
  if (Array.isArray(later) || !Array.isArray(earlier) || earlier[1] === undefined) return later;
  return [later, earlier[1]];
}

/** The rule settings in force for one file: `rules`, then each matching override in order. */
export function settingsFor(resolved: ResolvedConfig, file: string | undefined): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = { ...resolved.config.rules };
  if (file === undefined) return settings;
  const relative = path.relative(resolved.dir, file).split(path.sep).join('/');
  for (const override of resolved.config.overrides ?? []) {
    if (!picomatch(override.files, { dot: true })(relative)) continue;
    for (const [id, setting] of Object.entries(override.rules ?? {})) settings[id] = mergeSetting(settings[id], setting);
  }
  return settings;
}

/**
 * The rules on for a file, with severities and options; `--rule` overrides win over the config.
 * Without a file: the base `rules` alone (what site-wide rules take their options from).
 */
export function activeRulesFor(resolved: ResolvedConfig, file: string | undefined, overrides: Record<string, SeverityName>): ActiveRule[] {
  const settings = settingsFor(resolved, file);
  const active: ActiveRule[] = [];
  for (const rule of resolved.rules) {
    const setting = settings[rule.meta.id];
    const [written, userOptions] = Array.isArray(setting) ? [setting[0], setting[1] ?? {}] : [setting, {}];
    const severity = overrides[rule.meta.id] ?? (written === undefined ? rule.meta.defaultSeverity : severityName(written));
    if (severity === 'off') continue;
    active.push({ rule, severity: severity === 'error' ? 2 : 1, options: { ...(rule.meta.defaultOptions as Record<string, unknown>), ...userOptions } });
  }
  return active;
}

/**
 * {@link activeRulesFor} of each file. Files that the same overrides apply to share one list: a
 * large site has thousands of files and a config a few overrides, if any.
 */
export function activeRulesByFile(resolved: ResolvedConfig, files: readonly string[], overrides: Record<string, SeverityName>): Map<string, ActiveRule[]> {
  const matchers = (resolved.config.overrides ?? []).map((override) => picomatch(override.files, { dot: true }));
  const byMatches = new Map<string, ActiveRule[]>();
  return new Map(
    files.map((file) => {
      const relative = matchers.length > 0 ? path.relative(resolved.dir, file).split(path.sep).join('/') : '';
      const matches = matchers.map((isMatch) => (isMatch(relative) ? '1' : '0')).join('');
      let active = byMatches.get(matches);
      if (!active) byMatches.set(matches, (active = activeRulesFor(resolved, file, overrides)));
      return [file, active];
    }),
  );
}

/** Rejects `--rule` ids that no rule has. */
export function checkRuleOverrides(resolved: ResolvedConfig, overrides: Record<string, SeverityName>): void {
  for (const id of Object.keys(overrides)) {
    if (!resolved.rules.some((rule) => rule.meta.id === id)) throw new ConfigError(`Unknown rule "${id}" in --rule`);
  }
}

/** The configuration in force for one file, as `--print-config` shows it. */
export function effectiveConfigFor(resolved: ResolvedConfig, file: string, overrides: Record<string, SeverityName> = {}): Record<string, unknown> {
  const active = activeRulesFor(resolved, file, overrides);
  const base = activeRulesFor(resolved, undefined, overrides);
  const { rules: _rules, overrides: _overrides, ...rest } = resolved.config;
  return {
    configFile: resolved.file ?? null,
    ...rest,
    rules: Object.fromEntries(
      resolved.rules.map((rule) => {
        const on = active.find((candidate) => candidate.rule === rule);
        // Site-wide rules run once for the whole site, with the base options.
        const options = isSiteRule(rule) ? (base.find((candidate) => candidate.rule === rule)?.options ?? rule.meta.defaultOptions) : on?.options;
        return [rule.meta.id, on ? [on.severity === 2 ? 'error' : 'warn', options] : 'off'];
      }),
    ),
  };
}
