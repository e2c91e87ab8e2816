import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { RuleDefinition, SeverityName } from '../rules/define-rule.js';
import { buildConfigSchema } from './schema.js';

/** A rule's setting as written: a severity, or a severity with options. */
export type RuleSetting = SeverityName | 0 | 1 | 2 | [SeverityName | 0 | 1 | 2, Record<string, unknown>?];

/** The configuration file's contents, validated. */
export interface FaqlintConfig {
  /** URL path of the glossary page (`/docs/reference/terms/`) or a file path ending in .md. */
  glossary?: string;
  rules?: Record<string, RuleSetting>;
  /** Globs (relative to the config file) of files never linted. */
  ignore?: string[];
  shortcodes?: { blocks?: string[]; code?: string[] };
  /** Report inline disable comments that silence nothing. */
  reportUnusedDisableDirectives?: SeverityName;
}

/** A configuration that was found and read. */
export interface LoadedConfig {
  config: FaqlintConfig;
  /** Absolute path of the file, undefined when no file was found. */
  file: string | undefined;
  /** Folder that relative paths and globs in the config are resolved against. */
  dir: string;
}

/** A problem with configuration or usage: the CLI reports it and exits with 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const CONFIG_FILE_NAMES = ['.faqlintrc.json'];

/** Walks up from `startDir` to the first folder with a config file. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and validates a config file against the schema built from the known rules. */
export function loadConfigFile(file: string, rules: readonly RuleDefinition<never>[]): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const shown = displayPath(file);
  const errors: ParseError[] = [];
  const source = text.replace(/^\uFEFF/, '');
  const data: unknown = parse(source, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) {
    const before = source.slice(0, first.offset).split(/\r\n|\r|\n/);
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    throw new ConfigError(`${shown}:${line}:${column}: invalid JSON: ${describeJsonError(printParseErrorCode(first.error))}`);
  }
  validateConfig(data, shown, rules);
  return { config: data as FaqlintConfig, file, dir: path.dirname(file) };
}

const validators = new WeakMap<readonly RuleDefinition<never>[], ReturnType<Ajv2020['compile']>>();

/** Throws a ConfigError naming the file and the key path of the first problems found. */
export function validateConfig(data: unknown, source: string, rules: readonly RuleDefinition<never>[]): asserts data is FaqlintConfig {
  let validate = validators.get(rules);
  if (!validate) {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    validate = ajv.compile(buildConfigSchema(rules));
    validators.set(rules, validate);
  }
  if (validate(data)) return;
  const messages = simplifyErrors(validate.errors ?? []);
  throw new ConfigError(`${source}: invalid configuration: ${messages.join('; ')}`);
}

/** `/rules/no-placeholder/1/patterns/0` → `rules.no-placeholder[1].patterns[0]`. */
function keyPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(root)' : out;
}

/** `PropertyNameExpected` → `property name expected`. */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A path as a person would type it: relative when it is under the working directory. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

/**
 * Ajv reports every branch of a oneOf; keep the messages a person can act on: the deepest ones
 * (`rules.x[1].patterns[0]: must be string`, not also "rules.x must be a severity").
 */
function simplifyErrors(errors: readonly ErrorObject[]): string[] {
  const messages = new Set<string>();
  const paths = errors.map((error) => error.instancePath);
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    if (error.keyword !== 'additionalProperties' && paths.some((other) => other.startsWith(`${error.instancePath}/`))) continue;
    const where = keyPath(error.instancePath);
    if (error.keyword === 'additionalProperties') {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const parent = where === '(root)' ? '' : `${where}.`;
      messages.add(where === 'rules' ? `rules.${key}: unknown rule "${key}"` : `${parent}${key}: unknown key`);
    } else if (error.keyword === 'enum') {
      messages.add(`${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((value) => JSON.stringify(value)).join(', ')}`);
    } else {
      messages.add(`${where}: ${error.message ?? 'is invalid'}`);
    }
  }
  return [...messages].slice(0, 5);
}

/** Normalises a severity as written to a name. */
export function severityName(value: SeverityName | 0 | 1 | 2): SeverityName {
  if (value === 0) return 'off';
  if (value === 1) return 'warn';
  if (value === 2) return 'error';
  return value;
}
