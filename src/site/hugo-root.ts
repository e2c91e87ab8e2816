/**
 * Where a Hugo site starts: kept apart from reading its config, so finding files never loads
 * the TOML and YAML parsers.
 */
import path from 'node:path';
import { fileKind, kindsIn } from '../io/disk.js';

// Hugo tries every name with every extension in this order; the first hit wins (hugo.json beats config.toml).
export const ROOT_CONFIG_NAMES = ['hugo', 'config'];
export const CONFIG_EXTENSIONS = ['toml', 'yaml', 'yml', 'json'];
const ROOT_CONFIG_FILES = ROOT_CONFIG_NAMES.flatMap((name) => CONFIG_EXTENSIONS.map((extension) => `${name}.${extension}`));
/** What a folder is asked to tell whether it is a site root: the config files, then the `config` folder. */
const ROOT_MARKERS = [...ROOT_CONFIG_FILES, 'config'];

export const isFile = (file: string): boolean => fileKind(file) === 'file';
export const isDirectory = (dir: string): boolean => fileKind(dir) === 'dir';

/**
 * Walks up from `startDir` (absolute) to the nearest Hugo site root: a folder
 * holding hugo.toml|yaml|yml|json, config.toml|yaml|yml|json, or `config/_default/`.
 *
 * @returns the root, or undefined when `startDir` is not inside a Hugo site
 */
export function findHugoSiteRoot(startDir: string): string | undefined {
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    if (isSiteRoot(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isSiteRoot(dir: string): boolean {
  return rootConfigFile(dir) !== undefined || (kindsIn(dir, ROOT_MARKERS)[ROOT_CONFIG_FILES.length] === 'dir' && isDirectory(path.join(dir, 'config', '_default')));
}

/** The root config file Hugo would load from `dir`, if any. */
export function rootConfigFile(dir: string): string | undefined {
  const first = kindsIn(dir, ROOT_MARKERS).slice(0, ROOT_CONFIG_FILES.length).indexOf('file');
  return first === -1 ? undefined : path.join(dir, ROOT_CONFIG_FILES[first] as string);
}

/**
 * Every file asks which Hugo site it is in; folders repeat, so the answers are remembered, for
 * every folder on the way up too: each folder is looked at once, not once per folder below it.
 */
export function memoizedHugoRoots(): (dir: string) => string | undefined {
  const roots = new Map<string, string | undefined>();
  const rootOf = (dir: string): string | undefined => {
    if (roots.has(dir)) return roots.get(dir);
    const parent = path.dirname(dir);
    const root = isSiteRoot(dir) ? dir : parent === dir ? undefined : rootOf(parent);
    roots.set(dir, root);
    return root;
  };
  return (dir) => rootOf(path.resolve(dir));
}
