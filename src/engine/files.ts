import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { ConfigError } from '../config/config.js';
import { statKind } from '../io/disk.js';

export const MARKDOWN_GLOB = '**/*.{md,markdown}';
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];
/** Hugo folders that hold templates, assets and build output, never content (HUGO.md §6). */
export const HUGO_NON_CONTENT_DIRS = ['archetypes', 'layouts', 'themes', 'assets', 'data', 'static', 'public', 'resources', 'i18n'];

/** Whether a file sits in one of a Hugo site's non-content folders (archetypes, layouts, themes…). */
function isHugoTemplate(file: string, hugoRoot: string | undefined): boolean {
  if (!hugoRoot) return false;
  const first = path.relative(hugoRoot, file).split(path.sep)[0];
  return first !== undefined && HUGO_NON_CONTENT_DIRS.includes(first);
}

export interface FileSearch {
  patterns: readonly string[];
  cwd: string;
  /** Globs from config, relative to `configDir`. */
  ignore: readonly string[];
  configDir: string;
  /** Hugo site roots known for the search; their template folders are skipped. */
  hugoRootFor: (dir: string) => string | undefined;
  /**
   * Folders already searched in this run, with what was found: a search of a folder inside one
   * takes its files from there instead of walking the disk again (a run searches the linted
   * folder, then each site's content trees, often inside it).
   */
  walks?: Map<string, { hugoRoot: string | undefined; files: string[] }>;
}

/** The files found under `dir` by an earlier search of a folder that holds it, when they are exactly what a walk of `dir` would find. */
function fromEarlierWalk(search: FileSearch, dir: string, hugoRoot: string | undefined): string[] | undefined {
  for (const [walked, { hugoRoot: walkedRoot, files }] of search.walks ?? []) {
    if (dir !== walked && !dir.startsWith(walked + path.sep)) continue;
    // Folders a walk skips by name (dot folders, node_modules, .git, Hugo's template folders) are
    // walked when searched themselves: only a folder outside all of them can be cut out.
    const segments = path.relative(walked, dir).split(path.sep).filter((segment) => segment !== '');
    if (walkedRoot !== hugoRoot || segments.some((segment) => segment.startsWith('.') || segment === 'node_modules')) continue;
    if (hugoRoot && HUGO_NON_CONTENT_DIRS.some((skipped) => dir === path.join(hugoRoot, skipped) || dir.startsWith(path.join(hugoRoot, skipped) + path.sep))) continue;
    const prefix = dir + path.sep;
    return files.filter((file) => file.startsWith(prefix));
  }
  return undefined;
}

/** .gitignore files apply to the folder they sit in and below. */
class GitignoreStack {
  private readonly cache = new Map<string, Ignore | null>();

  private rulesIn(dir: string): Ignore | null {
    let rules = this.cache.get(dir);
    if (rules === undefined) {
      rules = null;
      const file = path.join(dir, '.gitignore');
      // Most folders have none: asked without an exception, which costs more than a read
      // (a site of 600 folders spent 13 ms on them in every run).
      if (statKind(file) === 'file') {
        try {
          rules = ignore().add(fs.readFileSync(file, 'utf8'));
        } catch {
          // Unreadable: as if there were none.
        }
      }
      this.cache.set(dir, rules);
    }
    return rules;
  }

  /** The .gitignore files that apply in `dir`, from the repository root (or `stopAt`) down. */
  private readonly chains = new Map<string, Array<[string, Ignore]>>();

  private chainFor(dir: string, stopAt: string): Array<[string, Ignore]> {
    let chain = this.chains.get(dir);
    if (!chain) {
      const parent = path.dirname(dir);
      const top = dir === stopAt || fs.existsSync(path.join(dir, '.git')) || parent === dir;
      const rules = this.rulesIn(dir);
      chain = [...(top ? [] : this.chainFor(parent, stopAt)), ...(rules ? [[dir, rules] as [string, Ignore]] : [])];
      this.chains.set(dir, chain);
    }
    return chain;
  }

  /** Whether git would ignore `file`, looking at .gitignore files from the repository root down. */
  ignores(file: string, stopAt: string): boolean {
    return this.chainFor(path.dirname(file), stopAt).some(([dir, rules]) => rules.ignores(path.relative(dir, file).split(path.sep).join('/')));
  }
}

function gitRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/**
 * Expands files, folders and globs into the Markdown files to lint: absolute paths, sorted, each
 * once. Folders are walked for *.md and *.markdown; node_modules and .git are skipped, .gitignore
 * and config `ignore` globs are honoured. A path that does not exist is a usage error.
 */
export async function findFiles(search: FileSearch): Promise<string[]> {
  const found = new Set<string>();
  const configIgnore = picomatch([...search.ignore], { dot: true });
  const gitignore = new GitignoreStack();
  const root = gitRoot(search.cwd);

  for (const pattern of search.patterns) {
    const absolute = path.resolve(search.cwd, pattern);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      // A file named on the command line (a pre-commit hook's staged file) is linted even if git
      // ignores it, but the config's own ignore list still applies, and Hugo templates are never content.
      const ignoredByConfig = search.ignore.length > 0 && configIgnore(path.relative(search.configDir, absolute).split(path.sep).join('/'));
      if (!ignoredByConfig && !isHugoTemplate(absolute, search.hugoRootFor(path.dirname(absolute)))) found.add(absolute);
      continue;
    }
    let matches: string[];
    if (stat?.isDirectory()) {
      const hugoRoot = search.hugoRootFor(absolute);
      const known = fromEarlierWalk(search, absolute, hugoRoot);
      if (known) {
        for (const file of known) found.add(file);
        continue;
      }
      const skipped = hugoRoot ? HUGO_NON_CONTENT_DIRS.map((dir) => `${path.relative(absolute, path.join(hugoRoot, dir)).split(path.sep).join('/')}/**`).filter((glob) => !glob.startsWith('..')) : [];
      matches = globSync([MARKDOWN_GLOB], { cwd: absolute, absolute: true, ignore: [...ALWAYS_SKIPPED, ...skipped], followSymbolicLinks: false, onlyFiles: true, caseSensitiveMatch: false });
    } else if (isDynamicPattern(pattern)) {
      matches = globSync([pattern], { cwd: search.cwd, absolute: true, ignore: ALWAYS_SKIPPED, followSymbolicLinks: false, onlyFiles: true });
      if (matches.length === 0) throw new ConfigError(`No files match the pattern "${pattern}"`);
    } else {
      throw new ConfigError(`No such file or directory: ${pattern}`);
    }
    const kept: string[] = [];
    for (const match of matches) {
      const file = path.resolve(match);
      if (search.ignore.length > 0 && configIgnore(path.relative(search.configDir, file).split(path.sep).join('/'))) continue;
      if (gitignore.ignores(file, root)) continue;
      kept.push(file);
      found.add(file);
    }
    if (stat?.isDirectory()) search.walks?.set(absolute, { hugoRoot: search.hugoRootFor(absolute), files: kept });
  }
  return [...found].sort();
}
