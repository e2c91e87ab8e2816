import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileKind, readBytes } from '../io/disk.js';
import type { RuleDefinition } from '../rules/define-rule.js';
import { ConfigError, displayPath } from './config.js';

/** What a plugin module exports by default. */
export interface FaqlintPlugin {
  /** Namespace for the plugin's rule ids: rule `x` of plugin `acme` is `acme/x` in config and output. */
  name: string;
  rules: Record<string, RuleDefinition<never>>;
}

function problem(file: string, message: string): ConfigError {
  return new ConfigError(`Plugin ${displayPath(file)}: ${message}`);
}

/** Checks a rule from a plugin has the shape the engine relies on. */
function checkRule(file: string, key: string, rule: unknown): asserts rule is RuleDefinition<never> {
  const candidate = rule as Partial<RuleDefinition<never>> | undefined;
  const meta = candidate?.meta;
  if (!candidate || typeof candidate.check !== 'function' || !meta) throw problem(file, `rule "${key}" must have meta and a check function (use defineRule)`);
  if (meta.scope !== 'file' && meta.scope !== 'site') throw problem(file, `rule "${key}": meta.scope must be "file" or "site"`);
  if (meta.defaultSeverity !== 'warn' && meta.defaultSeverity !== 'error') throw problem(file, `rule "${key}": meta.defaultSeverity must be "warn" or "error"`);
  if (typeof meta.description !== 'string') throw problem(file, `rule "${key}": meta.description must be a string`);
}

/**
 * Loads plugin modules named in a config the user wrote (paths only, never package names, so
 * nothing is fetched or resolved from elsewhere) and returns their rules with namespaced ids.
 */
export async function loadPlugins(specifiers: readonly string[], configDir: string): Promise<RuleDefinition<never>[]> {
  const rules: RuleDefinition<never>[] = [];
  const names = new Set<string>();
  for (const specifier of specifiers) {
    if (!/^\.{0,2}\//.test(specifier) && !path.isAbsolute(specifier)) {
      throw new ConfigError(`Plugin "${specifier}": give a path to the module (./rules/my-rule.js); package names are not loaded`);
    }
    const file = path.resolve(configDir, specifier);
    if (fileKind(file) === 'none') throw problem(file, 'file not found');
    // Read once for the run's disk log: a changed plugin means an earlier run is not replayed.
    readBytes(file);
    let loaded: { default?: unknown };
    try {
      loaded = (await import(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw problem(file, `could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    const plugin = loaded.default as Partial<FaqlintPlugin> | undefined;
    if (!plugin || typeof plugin.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(plugin.name)) {
      throw problem(file, 'the default export must be { name, rules } with a lower-case name (letters, digits, -)');
    }
    if (names.has(plugin.name)) throw problem(file, `another plugin is already called "${plugin.name}"`);
    names.add(plugin.name);
    for (const [key, rule] of Object.entries(plugin.rules ?? {})) {
      checkRule(file, key, rule);
      const id = `${plugin.name}/${key}`;
      rules.push({ ...rule, meta: { ...rule.meta, id }, examples: rule.examples ?? { valid: [], invalid: [] } } as RuleDefinition<never>);
    }
  }
  return rules;
}
