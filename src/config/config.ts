import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type * as Ajv from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type * as Yaml from 'yaml';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { RuleDefinition, SeverityName } from '../rules/define-rule.js';
import { buildConfigSchema } from './schema.js';

/** A rule's setting as written: a severity, or a severity with options. */
export type RuleSetting = SeverityName | 0 | 1 | 2 | [SeverityName | 0 | 1 | 2, Record<string, unknown>?];

/** Rule settings for the files some globs match. */
export interface ConfigOverride {
  /** Globs relative to the config file's folder. */
  files: string[];
  rules?: Record<string, RuleSetting>;
}

/** The configuration file's contents, validated. */
export interface FaqlintConfig {
  /** URL path of the glossary page (`/docs/reference/terms/`) or a file path ending in .md. */
  glossary?: string;
  rules?: Record<string, RuleSetting>;
  /** Later entries win over earlier ones and over `rules`. */
  overrides?: ConfigOverride[];
  /** Globs (relative to the config file) of files never linted. */
  ignore?: string[];
  shortcodes?: { blocks?: string[]; code?: string[] };
  /** Report inline disable comments that silence nothing. */
  reportUnusedDisableDirectives?: SeverityName;
  /** Paths (relative to the config file) of plugin modules. Plugins are code: they run with your permissions. */
  plugins?: string[];
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

/** Looked for in this order in each folder, from the working folder up. */
export const CONFIG_FILE_NAMES = ['.faqlintrc.json', '.faqlintrc.jsonc', '.faqlintrc.yaml', '.faqlintrc.yml', 'package.json'];

/** A path as a person would type it: relative when it is under the working directory. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function hasFaqlintKey(packageJson: string): boolean {
  try {
    const data = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
    return typeof data === 'object' && data !== null && 'faqlint' in data;
  } catch {
    return false;
  }
}

/** Walks up from `startDir` to the first folder with a config file (a package.json counts only with a "faqlint" key). */
export function findConfigFile(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (!fs.existsSync(candidate)) continue;
      if (name === 'package.json' && !hasFaqlintKey(candidate)) continue;
      return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** `PropertyNameExpected` → `property name expected`. */
function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${before.length}:${(before[before.length - 1]?.length ?? 0) + 1}`;
}

// Ajv and the YAML parser are loaded when a config needs them (a plugin's options, a YAML file):
// most runs need neither, and loading them costs about 0.1 s. Both ship CommonJS, so this is sync.
const loadCommonJs = createRequire(import.meta.url);

/** Reads a config file of any supported format into plain data (not yet validated). */
export function readConfigData(file: string): unknown {
  const shown = displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (/\.ya?ml$/i.test(file)) {
    const { parseDocument } = loadCommonJs('yaml') as typeof Yaml;
    const document = parseDocument(text, { uniqueKeys: true });
    const error = document.errors[0];
    if (error) throw new ConfigError(`${shown}:${lineColumn(text, error.pos[0])}: invalid YAML: ${error.message.split('\n')[0]}`);
    return document.toJS({ maxAliasCount: 100 }) ?? {};
  }
  const errors: ParseError[] = [];
  // Comments are allowed in .jsonc and, as editors expect of rc files, in .faqlintrc.json too.
  const data: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: path.basename(file) === 'package.json' });
  const first = errors[0];
  if (first) throw new ConfigError(`${shown}:${lineColumn(text, first.offset)}: invalid JSON: ${describeJsonError(printParseErrorCode(first.error))}`);
  if (path.basename(file) === 'package.json') {
    const section = (data as Record<string, unknown> | null)?.faqlint;
    if (section === undefined) throw new ConfigError(`${shown} has no "faqlint" key`);
    return section;
  }
  return data;
}

type Validator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = new Map<string, Validator>();

/**
 * The built-in rules' schema compiled at build time (scripts/build-config-validator.mjs): Ajv
 * compiling it at start-up costs ~0.2 s of every run. Absent when running from the sources.
 */
const precompiled = (await import(new URL('./builtin-config-validator.js', import.meta.url).href).catch(() => undefined)) as
  | { validate: Validator; schemaHash: string }
  | undefined;

function validatorFor(rules: readonly RuleDefinition<never>[]): Validator {
  const key = rules.map((rule) => rule.meta.id).join(',');
  let validate = validators.get(key);
  if (!validate) {
    const schema = buildConfigSchema(rules);
    // Only for exactly the schema it was built from (a plugin adds rules, and so options).
    const hash = createHash('sha1').update(JSON.stringify(schema)).digest('base64');
    if (precompiled?.schemaHash === hash) {
      validate = precompiled.validate;
    } else {
      const { Ajv2020 } = loadCommonJs('ajv/dist/2020.js') as typeof Ajv;
      validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    }
    validators.set(key, validate);
  }
  return validate;
}

/** Throws a ConfigError naming the file and the key path of the first problems found. */
export function validateConfig(data: unknown, source: string, rules: readonly RuleDefinition<never>[]): asserts data is FaqlintConfig {
  const validate = validatorFor(rules);
  if (validate(data)) return;
  throw new ConfigError(`${source}: invalid configuration: ${simplifyErrors(validate.errors ?? []).join('; ')}`);
}

/** `/rules/no-placeholder/1/patterns/0` → `rules.no-placeholder[1].patterns[0]`. */
function keyPath(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out === '' ? '(root)' : out;
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
      messages.add(/^rules$|\.rules$/.test(where) ? `${parent}${key}: unknown rule "${key}"` : `${parent}${key}: unknown key`);
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
