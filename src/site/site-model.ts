import path from 'node:path';
import { CONTENT_EXTENSIONS, fileKind, markdownFilesUnder } from '../io/disk.js';
import type { FaqDocument, Link } from '../model/types.js';
import { HeadingIdRegistry, type HeadingIdStyle } from './heading-ids.js';
import { findHugoSiteRoot, loadHugoConfig, type ConfigProblem, type HugoSiteConfig } from './hugo-config.js';
import { defaultPageUrl, indexPage, PageIndex, type PageFrontMatter } from './page-index.js';

/** One language's content folder and the URL prefix its pages get. */
export interface ContentTree {
  lang: string;
  /** Absolute folder. */
  dir: string;
  /** `''` or `/nl`: what goes before every page URL of this tree. */
  urlPrefix: string;
}

/** Where a link points, once resolved the way the site generator resolves it. */
export interface LinkTarget {
  /** Absolute path of the page file, when a page was found. */
  file: string | undefined;
  /** The path part as resolved (a URL path for Hugo sites, a file path otherwise). */
  resolvedPath: string;
  /** Fragment without `#`, or undefined. */
  fragment: string | undefined;
}

/** A page's anchors: heading IDs as the generator makes them, and explicit `id`s. */
export interface PageAnchors {
  ids: Set<string>;
  /**
   * Anchors in document order with their heading text, for suggestions. Not where they are: a
   * page's findings do not change when a heading on another page moves.
   */
  list: Array<{ id: string; text: string }>;
}


/**
 * What faqlint knows about the site around the linted files: whether it is a Hugo site, its
 * content trees, page URLs, link resolution, and glossary pages.
 */
export class SiteModel {
  private readonly anchorCache = new Map<string, PageAnchors>();

  private constructor(
    /** Absolute site root (Hugo root, or the config's folder / the working directory). */
    readonly root: string,
    readonly hugo: HugoSiteConfig | undefined,
    readonly trees: ContentTree[],
    readonly problems: ConfigProblem[],
    private readonly glossarySetting: string | undefined,
    private readonly loadDocument: (file: string) => FaqDocument | undefined,
    private readonly frontMatterOf: (file: string) => PageFrontMatter | undefined,
  ) {}

  private glossaryCache: string[] | undefined;

  /**
   * The site's glossary pages, looked up when first asked for: a glossary set as a URL needs
   * every page's front matter (`url`, `slug`), which a large run has from its workers' facts by
   * then, where looking it up at once would read the whole site before any parsing starts.
   * Problems finding it are added to {@link problems}.
   */
  get glossaryFiles(): string[] {
    this.glossaryCache ??= this.findGlossaries(this.glossarySetting);
    return this.glossaryCache;
  }

  /**
   * Builds the site model for files under `startDir`. `glossary` is the config setting (a URL
   * path resolved in every language tree, or a file path relative to `configDir`).
   */
  static load(options: {
    startDir: string;
    configDir: string | undefined;
    glossary: string | undefined;
    loadDocument: (file: string) => FaqDocument | undefined;
    /** Front matter of any content file, for URLs set by `url`, `slug` and `aliases`. */
    frontMatterOf: (file: string) => PageFrontMatter | undefined;
  }): SiteModel {
    const hugoRoot = findHugoSiteRoot(path.resolve(options.startDir));
    if (hugoRoot) {
      const { config, problems } = loadHugoConfig(hugoRoot);
      const multilingual = config.languages.length > 1;
      const trees = config.languages.map((language) => ({
        lang: language.code,
        dir: language.contentDir,
        urlPrefix:
          language.code !== config.defaultContentLanguage
            ? multilingual
              ? `/${language.code}`
              : ''
            : config.defaultContentLanguageInSubdir
              ? `/${language.code}`
              : '',
      }));
      return new SiteModel(hugoRoot, config, trees, problems, options.glossary, options.loadDocument, options.frontMatterOf);
    }
    const root = path.resolve(options.configDir ?? options.startDir);
    return new SiteModel(root, undefined, [{ lang: '', dir: root, urlPrefix: '' }], [], options.glossary, options.loadDocument, options.frontMatterOf);
  }

  get headingIdStyle(): HeadingIdStyle {
    return this.hugo?.headingIdStyle ?? 'github';
  }

  /** The content tree (language) a file belongs to; undefined for files outside every tree. */
  treeOf(file: string): ContentTree | undefined {
    const absolute = path.resolve(file);
    return this.trees
      .filter((tree) => absolute === tree.dir || absolute.startsWith(tree.dir + path.sep))
      .sort((a, b) => b.dir.length - a.dir.length)[0];
  }

  private pageIndexCache: PageIndex | undefined;

  /** Every page of the site with the URLs that serve it (Hugo sites only), built once. */
  get pageIndex(): PageIndex {
    if (!this.pageIndexCache) {
      const pages = this.trees.flatMap((tree) => this.contentFiles(tree).map((file) => indexPage(file, tree, this.frontMatterOf(file))));
      this.pageIndexCache = new PageIndex(pages);
    }
    return this.pageIndexCache;
  }

  /** The URL path Hugo serves a content file at (`/docs/reference/terms/`); undefined outside Hugo content. */
  pageUrl(file: string): string | undefined {
    const absolute = path.resolve(file);
    if (this.pageUrls.has(absolute)) return this.pageUrls.get(absolute);
    const tree = this.hugo ? this.treeOf(absolute) : undefined;
    const url = tree ? (this.pageIndex.pageOf(absolute)?.url ?? defaultPageUrl(absolute, tree)) : undefined;
    this.pageUrls.set(absolute, url);
    return url;
  }

  private readonly pageUrls = new Map<string, string | undefined>();
  /** Links from pages with the same URL to the same target resolve alike; sites repeat links a lot. */
  private readonly urlTargets = new Map<string, { file: string | undefined; resolvedPath: string }>();

  /** Both link rules resolve every link of a page: each link is resolved once. */
  private readonly linkTargets = new WeakMap<Link, Readonly<LinkTarget> | undefined>();

  /** Resolves a link from `document` to a page file and fragment. External links give undefined. */
  resolveLink(document: FaqDocument, link: Link): Readonly<LinkTarget> | undefined {
    if (this.linkTargets.has(link)) return this.linkTargets.get(link);
    const target = this.resolveLinkFrom(document.path, link);
    this.linkTargets.set(link, target);
    return target;
  }

  private resolveLinkFrom(fromFile: string, link: Link): LinkTarget | undefined {
    const destination = link.destination.trim();
    if (destination === '' || /^[a-z][a-z0-9+.-]*:/i.test(destination) || destination.startsWith('//')) return undefined;
    const hashAt = destination.indexOf('#');
    const pathPart = (hashAt === -1 ? destination : destination.slice(0, hashAt)).replace(/\?.*$/, '');
    const fragment = hashAt === -1 ? undefined : decodeFragment(destination.slice(hashAt + 1));
    if (pathPart === '') return { file: path.resolve(fromFile), resolvedPath: '', fragment };
    if (link.kind === 'ref' || link.kind === 'relref') {
      return { file: this.resolveRef(fromFile, pathPart), resolvedPath: pathPart, fragment };
    }
    return { ...this.resolvePath(fromFile, decodeSafely(pathPart)), fragment };
  }

  private resolvePath(fromFile: string, target: string): { file: string | undefined; resolvedPath: string } {
    const tree = this.treeOf(fromFile);
    const pageUrl = this.pageUrl(fromFile);
    // A link to a Markdown file is a file link everywhere; Hugo sites may use them too.
    if (/\.(md|markdown)$/i.test(target) && !target.startsWith('/')) {
      const file = path.resolve(path.dirname(fromFile), target);
      return { file: existingFile([file]), resolvedPath: file };
    }
    if (this.hugo && tree && pageUrl !== undefined) {
      const key = `${tree.dir}\0${target.startsWith('/') ? '' : pageUrl}\0${target}`;
      let resolved = this.urlTargets.get(key);
      if (!resolved) {
        const urlPath = decodeSafely(new URL(target, `https://site.invalid${pageUrl}`).pathname);
        resolved = { file: this.fileForUrl(urlPath, tree), resolvedPath: urlPath };
        this.urlTargets.set(key, resolved);
      }
      return resolved;
    }
    const base = target.startsWith('/') ? this.root : path.dirname(path.resolve(fromFile));
    const file = path.join(base, target);
    return { file: existingFile(pageCandidates(file)), resolvedPath: file };
  }

  /**
   * The page file served at `urlPath`. A path with another language's prefix goes to that
   * language; otherwise the linking page's language is tried first (Hugo's link render hook
   * resolves links in the current language), then the URL as written.
   */
  fileForUrl(urlPath: string, preferred?: ContentTree): string | undefined {
    const decoded = decodeSafely(urlPath);
    if (!this.hugo) {
      for (const tree of preferred ? [preferred, ...this.trees] : this.trees) {
        const found = existingFile(pageCandidates(path.join(tree.dir, decoded)));
        if (found) return found;
      }
      return undefined;
    }
    const prefixed = this.trees.some((tree) => tree.urlPrefix !== '' && (decoded === tree.urlPrefix || decoded.startsWith(`${tree.urlPrefix}/`)));
    const candidates = !prefixed && preferred && preferred.urlPrefix !== '' ? [`${preferred.urlPrefix}${decoded}`, decoded] : [decoded];
    for (const candidate of candidates) {
      const page = this.pageIndex.pageAt(candidate);
      if (page) return page.file;
    }
    return undefined;
  }

  /** Hugo's `ref` lookup (HUGO.md §4): relative to the page, then from the content root, then by base name. */
  resolveRef(fromFile: string, ref: string): string | undefined {
    const tree = this.treeOf(fromFile) ?? this.trees[0];
    if (!tree) return undefined;
    const normalized = ref.replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();
    const absoluteFrom = path.resolve(fromFile);
    const isSection = path.basename(absoluteFrom).startsWith('_index.');
    const baseDir = isSection || path.basename(absoluteFrom).startsWith('index.') ? path.dirname(path.dirname(absoluteFrom)) : path.dirname(absoluteFrom);
    const sectionDir = isSection ? path.dirname(absoluteFrom) : baseDir;
    // Pages of a section link to the same pages over and over: each lookup is made once.
    const key = `${tree.dir}\0${sectionDir}\0${normalized}`;
    if (this.refTargets.has(key)) return this.refTargets.get(key);
    const found = this.lookUpRef(tree, sectionDir, normalized);
    this.refTargets.set(key, found);
    return found;
  }

  private readonly refTargets = new Map<string, string | undefined>();

  private lookUpRef(tree: ContentTree, sectionDir: string, normalized: string): string | undefined {
    const candidates: string[] = [];
    if (!normalized.startsWith('/')) candidates.push(path.join(sectionDir, normalized));
    if (!normalized.startsWith('.')) candidates.push(path.join(tree.dir, normalized));
    for (const candidate of candidates) {
      const found = existingFile(pageCandidates(candidate));
      if (found) return found;
    }
    if (!normalized.replace(/^\//, '').includes('/')) {
      const name = normalized.replace(/^\//, '').replace(/\.(md|markdown)$/, '');
      const matches = this.pagesByBaseName(tree).get(name) ?? [];
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  private readonly contentFileCache = new Map<string, string[]>();
  private readonly baseNameCache = new Map<string, Map<string, string[]>>();

  /** Pages of a tree by their own name (file name, or bundle folder), for `ref` base-name lookups. */
  private pagesByBaseName(tree: ContentTree): Map<string, string[]> {
    let byName = this.baseNameCache.get(tree.dir);
    if (!byName) {
      byName = new Map();
      for (const file of this.contentFiles(tree)) {
        const name = pageBaseName(file);
        const named = byName.get(name);
        if (named) named.push(file);
        else byName.set(name, [file]);
      }
      this.baseNameCache.set(tree.dir, byName);
    }
    return byName;
  }

  /** Every Markdown content file of a tree (paths only; nothing is parsed). */
  contentFiles(tree: ContentTree): string[] {
    let files = this.contentFileCache.get(tree.dir);
    if (!files) {
      files = markdownFilesUnder(tree.dir);
      this.contentFileCache.set(tree.dir, files);
    }
    return files;
  }

  /** Anchors of a page: heading IDs per the site's style, explicit `{#id}`s and HTML ids. */
  anchorsOf(file: string): PageAnchors | undefined {
    const absolute = path.resolve(file);
    const cached = this.anchorCache.get(absolute);
    if (cached) return cached;
    const document = this.loadDocument(absolute);
    if (!document) return undefined;
    const registry = new HeadingIdRegistry(this.headingIdStyle);
    const anchors: PageAnchors = { ids: new Set(), list: [] };
    for (const heading of document.headings) {
      if (!this.hugo?.autoHeadingID && this.hugo && heading.explicitId === undefined) continue;
      const id = registry.add(heading.text, heading.explicitId);
      anchors.ids.add(id);
      anchors.list.push({ id, text: heading.text });
    }
    for (const anchor of document.htmlAnchors) {
      if (anchors.ids.has(anchor.id)) continue;
      anchors.ids.add(anchor.id);
      anchors.list.push({ id: anchor.id, text: anchor.id });
    }
    this.anchorCache.set(absolute, anchors);
    return anchors;
  }

  /** Whether `file` is one of the site's glossary pages. */
  isGlossary(file: string | undefined): boolean {
    return file !== undefined && this.glossaryFiles.includes(path.resolve(file));
  }

  private findGlossaries(setting: string | undefined): string[] {
    if (setting === undefined) {
      // No setting: a page whose URL or file name ends in "glossary" or "terms".
      return this.trees.flatMap((tree) =>
        this.contentFiles(tree).filter((file) => /^(glossary|terms)$/i.test(pageBaseName(file))),
      );
    }
    if (/\.(md|markdown)$/i.test(setting)) {
      const file = path.resolve(this.root, setting.replace(/^\//, ''));
      if (fileKind(file) === 'none') {
        this.problems.push({ file, message: `The glossary file "${setting}" does not exist` });
        return [];
      }
      return [file];
    }
    const found = this.trees.map((tree) =>
      this.hugo ? this.fileForUrl(`${tree.urlPrefix}${setting.startsWith('/') ? '' : '/'}${setting}`, tree) : existingFile(pageCandidates(path.join(tree.dir, setting))),
    );
    const files = found.filter((file): file is string => file !== undefined);
    if (files.length === 0) {
      const where = this.trees.map((tree) => path.relative(process.cwd(), tree.dir) || '.').join(', ');
      this.problems.push({ file: this.root, message: `The glossary "${setting}" matches no page in ${where}` });
    }
    return [...new Set(files)];
  }
}

function decodeSafely(value: string): string {
  try {
    return decodeURI(value);
  } catch {
    return value;
  }
}

function decodeFragment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The files a page path may be served from: `x.md`, `x/index.md`, `x/_index.md` (and `.markdown`, README for plain sites). */
function pageCandidates(target: string): string[] {
  const trimmed = target.replace(/[\\/]+$/, '');
  const candidates: string[] = [];
  if (/\.(md|markdown)$/i.test(trimmed)) candidates.push(trimmed);
  for (const extension of CONTENT_EXTENSIONS) {
    candidates.push(`${trimmed}${extension}`, path.join(trimmed, `index${extension}`), path.join(trimmed, `_index${extension}`));
  }
  candidates.push(path.join(trimmed, 'README.md'));
  return candidates;
}

function existingFile(candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    const absolute = path.resolve(candidate);
    if (fileKind(absolute) === 'file') return absolute;
  }
  return undefined;
}

/** A page's own name: its file name, or its bundle folder for index/_index files. */
function pageBaseName(file: string): string {
  const base = path.basename(file).replace(/\.[^.]+$/, '').toLowerCase();
  return base === 'index' || base === '_index' ? path.basename(path.dirname(file)).toLowerCase() : base;
}
