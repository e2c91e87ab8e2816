/**
 * Hugo's site configuration as Hugo merges it (HUGO.md §1), so faqlint knows
 * where content lives and how headings get their IDs. Only the root file and
 * `config/_default/` are read: faqlint lints sources, not one environment's build.
 */
import type fs from 'node:fs';
import path from 'node:path';
import { directoryEntries, readBytes } from '../io/disk.js';
import { CONFIG_EXTENSIONS, isDirectory, isFile, ROOT_CONFIG_NAMES, rootConfigFile } from './hugo-root.js';
import { getStaticTOMLValue, ParseError as TomlParseError, parseTOML } from 'toml-eslint-parser';
import { parseDocument, YAMLError } from 'yaml';
import type { HeadingIdStyle } from './heading-ids.js';

export { findHugoSiteRoot } from './hugo-root.js';

/** One enabled site language. */
export interface HugoLanguage {
  /** Language key, lower-cased as Hugo does (`en`, `nl`). */
  code: string;
  /** Absolute content folder of this language. */
  contentDir: string;
  /** `languages.<code>.weight`, 0 when unset. */
  weight: number;
}

/** The parts of a Hugo configuration faqlint needs, plus the merged raw tree. */
export interface HugoSiteConfig {
  /** Absolute site root. */
  root: string;
  /** Absolute paths of the files that were merged, in merge order. */
  configFiles: string[];
  /** Lower-cased; default `en`. */
  defaultContentLanguage: string;
  defaultContentLanguageInSubdir: boolean;
  /** Enabled languages sorted by weight, then code, as Hugo sorts them; never empty. */
  languages: HugoLanguage[];
  /** `markup.goldmark.parser.autoHeadingID`, default true. */
  autoHeadingID: boolean;
  /** `autoIDType`, or the legacy `autoHeadingIDType` which wins; default `github`. */
  headingIdStyle: HeadingIdStyle;
  /** The merged configuration with every map key lower-cased. */
  raw: Record<string, unknown>;
}

/** A configuration file that could not be used, or a setting Hugo would reject. */
export interface ConfigProblem {
  /** Absolute path of the file concerned. */
  file: string;
  message: string;
  /** 1-based position, when the parser gives one. */
  line?: number;
  column?: number;
}

type Dict = Record<string, unknown>;
/** Reports a problem against the file that last set this top-level key. */
type ReportAt = (key: string, message: string) => void;

const HEADING_ID_STYLES: readonly string[] = ['github', 'github-ascii', 'blackfriday'] satisfies HeadingIdStyle[];

/**
 * Reads Hugo's configuration as Hugo merges it: the root file (hugo.* before
 * config.*, first hit only), then `config/_default/` recursively, each file
 * under the key its name gives (`markup.toml` → `markup`, `hugo.*`/`config.*`
 * → root, `params.<lang>.toml` → `languages.<lang>.params`, `menus.<lang>.toml`
 * → `languages.<lang>.menus`, other `X.<lang>.toml` → `languages.<lang>`); a
 * file whose sole top-level key is its own base name is unwrapped. Maps
 * deep-merge, scalars and arrays replace, keys are case-insensitive.
 *
 * Never throws: unreadable or invalid files are skipped and reported as
 * problems (with line and column where the parser gives them), where Hugo
 * would stop the build.
 */
export function loadHugoConfig(root: string): { config: HugoSiteConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const configFiles: string[] = [];
  const raw: Dict = {};
  // Last file that set each top-level key, so a bad setting is reported where it was written.
  const origin = new Map<string, string>();

  const merge = (file: string, place: (data: Dict) => Dict): void => {
    const data = readConfigFile(file, problems);
    if (data === undefined) return;
    const tree = place(data);
    deepMerge(raw, tree);
    configFiles.push(file);
    for (const key of Object.keys(tree)) origin.set(key, file);
  };

  const rootFile = rootConfigFile(root);
  if (rootFile !== undefined) merge(rootFile, (data) => data);
  for (const file of configDirFiles(path.join(root, 'config', '_default'), problems)) {
    merge(file, (data) => placeDirFile(file, data));
  }

  const fileFor = (key: string): string => origin.get(key) ?? configFiles.at(-1) ?? root;
  const goldmark = isDict(raw.markup) && isDict(raw.markup.goldmark) ? raw.markup.goldmark : {};
  const parser = isDict(goldmark.parser) ? goldmark.parser : {};
  const idType = str(parser.autoheadingidtype) || str(parser.autoidtype);
  const defaultContentLanguage = (str(raw.defaultcontentlanguage) || 'en').toLowerCase();

  const config: HugoSiteConfig = {
    root,
    configFiles,
    defaultContentLanguage,
    defaultContentLanguageInSubdir: toBool(raw.defaultcontentlanguageinsubdir, false),
    languages: resolveLanguages(raw, root, defaultContentLanguage, (key, message) =>
      problems.push({ file: fileFor(key), message }),
    ),
    autoHeadingID: toBool(parser.autoheadingid, true),
    // Hugo compares the value exactly; anything else falls through to the github rules.
    headingIdStyle: HEADING_ID_STYLES.includes(idType) ? (idType as HeadingIdStyle) : 'github',
    raw,
  };
  return { config, problems };
}

/** The enabled languages with their content folders, sorted by weight then code (Hugo ≥0.112). */
function resolveLanguages(raw: Dict, root: string, defaultLang: string, report: ReportAt): HugoLanguage[] {
  const siteContentDir = str(raw.contentdir) || 'content';
  const disabled = new Set(
    (Array.isArray(raw.disablelanguages) ? raw.disablelanguages : []).map((code) => String(code).toLowerCase()),
  );
  const languages: HugoLanguage[] = [];
  for (const [code, settings] of Object.entries(isDict(raw.languages) ? raw.languages : {})) {
    if (!isDict(settings)) {
      report('languages', `languages.${code} must be a map of settings`);
      continue;
    }
    if (disabled.has(code) || toBool(settings.disabled, false)) {
      // Hugo refuses to build without its default language; keep it so content still has a home.
      if (code === defaultLang) report('languages', `cannot disable the default content language "${code}"`);
      else continue;
    }
    const weight = Number(settings.weight ?? 0);
    languages.push({
      code,
      contentDir: path.resolve(root, str(settings.contentdir) || siteContentDir),
      weight: Number.isFinite(weight) ? weight : 0,
    });
  }
  // No `languages` table: the default language is the site's only language.
  if (languages.length === 0) return [{ code: defaultLang, contentDir: path.resolve(root, siteContentDir), weight: 0 }];
  if (!languages.some((language) => language.code === defaultLang)) {
    report('languages', `defaultContentLanguage "${defaultLang}" does not match any language definition`);
  }
  return languages.sort((a, b) => a.weight - b.weight || compare(a.code, b.code));
}

/** Where a file of `config/_default/` lands in the merged tree (Hugo `LoadConfigFromDir`). */
function placeDirFile(file: string, data: Dict): Dict {
  const name = path.basename(file, path.extname(file));
  if (ROOT_CONFIG_NAMES.includes(name)) return data;
  // `params.nl` → key `params`, language `nl`; the language is the last dotted part.
  const dot = name.lastIndexOf('.');
  const key = (dot === -1 ? name : name.slice(0, dot)).toLowerCase();
  const lang = dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  // Hugo ≥0.162: `markup.toml` may wrap its settings in `[markup]`. Not so a file of one
  // language's root settings (`hugo.nl.toml` → `languages.nl`): its keys are settings.
  const keys = Object.keys(data);
  const unwrapped = keys.length === 1 && keys[0] === key && isDict(data[key]) ? data[key] : data;
  if (lang === '') return { [key]: unwrapped };
  if (key === 'params') return { languages: { [lang]: { params: unwrapped } } };
  if (key === 'menu' || key === 'menus') return { languages: { [lang]: { menus: unwrapped } } };
  return { languages: { [lang]: data } };
}

/** Parses one file to a map with lower-cased keys, or records why it cannot be used. */
function readConfigFile(file: string, problems: ConfigProblem[]): Dict | undefined {
  let text = '';
  let data: unknown;
  try {
    const read = readBytes(file);
    if (!read.ok) throw new Error(`cannot read the file (${read.code})`);
    text = read.bytes.toString('utf8');
    // An empty file contributes nothing, in every format.
    data = text.trim() === '' ? {} : parseConfigText(text, path.extname(file).slice(1).toLowerCase());
  } catch (error) {
    problems.push({ file, ...describeError(error, text) });
    return undefined;
  }
  if (data === null || data === undefined) return {};
  if (isDict(data)) return lowerKeys(data);
  problems.push({ file, message: 'config file must hold a map of settings at the top level' });
  return undefined;
}

function parseConfigText(text: string, extension: string): unknown {
  // Hugo's TOML decoder (go-toml v2) implements TOML 1.0.
  if (extension === 'toml') return getStaticTOMLValue(parseTOML(text, { tomlVersion: '1.0' }));
  if (extension === 'json') return JSON.parse(text);
  // Go YAML decoders honour `<<` merge keys and reject duplicate keys; so do these options.
  const doc = parseDocument(text, { merge: true });
  if (doc.errors[0] !== undefined) throw doc.errors[0];
  return doc.toJS();
}

/** The message and 1-based position of a read or parse error, from whichever library threw it. */
function describeError(error: unknown, text: string): Omit<ConfigProblem, 'file'> {
  const message = error instanceof Error ? error.message : String(error);
  // toml-eslint-parser: 1-based line, 0-based column.
  if (error instanceof TomlParseError) return { message, line: error.lineNumber, column: error.column + 1 };
  if (error instanceof YAMLError) {
    // The message repeats the position and adds a code frame; keep the first sentence.
    const [position] = error.linePos ?? [];
    const short = message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
    return position === undefined ? { message: short } : { message: short, line: position.line, column: position.col };
  }
  // JSON.parse gives only a character offset, inside its message.
  const offset = error instanceof SyntaxError ? /at position (\d+)/.exec(message)?.[1] : undefined;
  if (offset === undefined) return { message };
  const before = text.slice(0, Number(offset)).split('\n');
  return { message, line: before.length, column: (before.at(-1) ?? '').length + 1 };
}

/** Config files under `dir` in Go's filepath.Walk order: names sorted, folders entered where they sort. */
function configDirFiles(dir: string, problems: ConfigProblem[]): string[] {
  if (!isDirectory(dir)) return [];
  let entries: fs.Dirent[] = [];
  try {
    entries = directoryEntries(dir).sort((a, b) => compare(a.name, b.name));
  } catch (error) {
    problems.push({ file: dir, ...describeError(error, '') });
  }
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...configDirFiles(full, problems));
    else if (CONFIG_EXTENSIONS.includes(path.extname(entry.name).slice(1).toLowerCase()) && isFile(full)) {
      files.push(full);
    }
  }
  return files;
}

/** Hugo's maps.PrepareParams: lower-cases keys of nested maps, but not of maps inside arrays. */
function lowerKeys(data: Dict): Dict {
  // fromEntries defines own properties, so a key named `__proto__` stays data.
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key.toLowerCase(), isDict(value) ? lowerKeys(value) : value]),
  );
}

/** Hugo's maps.SetParams: maps merge recursively, anything else replaces. */
function deepMerge(target: Dict, source: Dict): void {
  for (const [key, value] of Object.entries(source)) {
    const current = Object.hasOwn(target, key) ? target[key] : undefined;
    if (isDict(current) && isDict(value)) deepMerge(current, value);
    // defineProperty, not assignment, so a config key named `__proto__` stays data.
    else Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  }
}

function isDict(value: unknown): value is Dict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Code-unit order, as Go's `<` on strings for these ASCII names; localeCompare would differ. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Hugo decodes settings weakly (cast.ToBool): `"true"`, `1` and the like count. */
function toBool(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' && /^(?:[01tTfF]|true|TRUE|True|false|FALSE|False)$/.test(value)) {
    return /^(?:[1tT]|true|TRUE|True)$/.test(value);
  }
  return fallback;
}

