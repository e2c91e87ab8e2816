import path from 'node:path';
import type { ContentTree } from './site-model.js';

/** What the index needs of a page's front matter. */
export interface PageFrontMatter {
  url?: unknown;
  slug?: unknown;
  aliases?: unknown;
}

/** The front matter keys that set a page's URLs: all the site model asks of a page it has not loaded. */
export const URL_KEYS: ReadonlyArray<keyof PageFrontMatter> = ['url', 'slug', 'aliases'];

/**
 * A page's URL settings, `{}` when it has none, as values of their own: a string the YAML parser
 * cut from the page text keeps that whole text in memory, for every page of the site.
 */
export function urlSettingsOf(data: unknown): PageFrontMatter {
  const settings: PageFrontMatter = {};
  if (typeof data !== 'object' || data === null) return settings;
  for (const key of URL_KEYS) if (key in data) settings[key] = (data as Record<string, unknown>)[key];
  return Object.keys(settings).length === 0 ? settings : structuredClone(settings);
}

/** A page of a Hugo site and every URL that serves it. */
export interface IndexedPage {
  file: string;
  tree: ContentTree;
  /** The page's own URL (after `url`/`slug`). */
  url: string;
  /** Old URLs that redirect to it (`aliases`). */
  aliases: string[];
}

/** Lower-cased, whitespace to `-`, one leading and one trailing slash: how Hugo writes page paths. */
export function normalizeUrlPath(urlPath: string): string {
  let normalized = urlPath.trim().toLowerCase().replace(/\s+/g, '-').replace(/\/{2,}/g, '/');
  if (!normalized.startsWith('/')) normalized = `/${normalized}`;
  // A path with a file extension (`/ugly.html`) keeps it; every pretty URL ends in "/".
  if (!normalized.endsWith('/') && !/\.[a-z0-9]+$/.test(normalized)) normalized += '/';
  return normalized;
}

function isSectionFile(file: string): boolean {
  return /^_index\.[^.]+$/.test(path.basename(file));
}

function isBundleIndex(file: string): boolean {
  return /^index\.[^.]+$/.test(path.basename(file));
}

/** The URL Hugo gives a content file from its path alone (HUGO.md §3). */
export function defaultPageUrl(file: string, tree: ContentTree): string {
  // The page's path inside the tree; cut rather than path.relative, which is slow for a site's every page.
  const inside = file.startsWith(tree.dir + path.sep) ? file.slice(tree.dir.length + 1) : path.relative(tree.dir, file);
  const relative = inside.split(path.sep).join('/');
  const segments = relative.replace(/\.[^./]+$/, '').split('/').filter((segment) => segment !== '');
  if (isSectionFile(file) || isBundleIndex(file)) segments.pop();
  const joined = segments.join('/');
  return normalizeUrlPath(`${tree.urlPrefix}/${joined}`);
}

/**
 * The URLs of one page as Hugo builds them: `url` replaces the path (relative to the language
 * root without a leading slash, to the site root with one), `slug` replaces the last segment of
 * a regular page or leaf bundle, and each alias is served too.
 */
export function indexPage(file: string, tree: ContentTree, frontMatter: PageFrontMatter | undefined): IndexedPage {
  const byPath = defaultPageUrl(file, tree);
  let url = byPath;
  const explicitUrl = typeof frontMatter?.url === 'string' ? frontMatter.url.trim() : '';
  const slug = typeof frontMatter?.slug === 'string' ? frontMatter.slug.trim().replace(/^-+|-+$/g, '') : '';
  if (explicitUrl !== '' && !/^[a-z]+:/i.test(explicitUrl)) {
    url = normalizeUrlPath(explicitUrl.startsWith('/') ? explicitUrl : `${tree.urlPrefix}/${explicitUrl}`);
  } else if (slug !== '' && !isSectionFile(file)) {
    const parent = byPath.replace(/[^/]+\/$/, '');
    url = normalizeUrlPath(`${parent}${slug}`);
  }
  const aliases = (Array.isArray(frontMatter?.aliases) ? frontMatter.aliases : typeof frontMatter?.aliases === 'string' ? [frontMatter.aliases] : [])
    .filter((alias): alias is string => typeof alias === 'string' && alias.trim() !== '')
    .map((alias) => {
      const trimmed = alias.trim();
      if (trimmed.startsWith('/')) return normalizeUrlPath(`${tree.urlPrefix}${trimmed}`);
      // A relative alias is taken from the page's parent folder.
      return normalizeUrlPath(new URL(trimmed, `https://site.invalid${byPath.replace(/[^/]+\/$/, '')}`).pathname);
    });
  return { file, tree, url, aliases };
}

/** URL → page, for one site; built once per run from every content file's front matter. */
export class PageIndex {
  private readonly byUrl = new Map<string, IndexedPage>();
  private readonly byFile = new Map<string, IndexedPage>();

  constructor(pages: readonly IndexedPage[]) {
    // Own URLs win over aliases, and the first page (in path order) wins a tie, as a build would warn.
    for (const page of pages) {
      this.byFile.set(page.file, page);
      if (!this.byUrl.has(page.url)) this.byUrl.set(page.url, page);
    }
    for (const page of pages) for (const alias of page.aliases) if (!this.byUrl.has(alias)) this.byUrl.set(alias, page);
  }

  pageAt(urlPath: string): IndexedPage | undefined {
    return this.byUrl.get(normalizeUrlPath(urlPath));
  }

  pageOf(file: string): IndexedPage | undefined {
    return this.byFile.get(file);
  }

  /** Every served URL, for "did you mean" suggestions. */
  urls(): string[] {
    return [...this.byUrl.keys()];
  }
}
