import path from 'node:path';
import type { FaqDocument } from '../model/types.js';
import { parseFaqDocument, type ParseOptions } from '../parse/document.js';
import { parseFrontMatter } from '../parse/front-matter.js';
import type { PageFrontMatter } from '../site/page-index.js';
import { documentFromFacts, type DocumentFacts, type LintCache } from './cache.js';
import { readSource } from './read-source.js';
import type { LintMessage } from './results.js';

/** The front matter keys that set a page's URLs: all the site model asks of a page it has not loaded. */
const URL_KEYS: ReadonlyArray<keyof PageFrontMatter> = ['url', 'slug', 'aliases'];

/**
 * A page's URL settings as values of their own: a string the YAML parser cut from the page text
 * keeps that whole text in memory, for every page of the site.
 */
function urlSettings(data: Record<string, unknown> | undefined): PageFrontMatter | undefined {
  if (!data) return undefined;
  const settings: PageFrontMatter = {};
  for (const key of URL_KEYS) if (key in data) settings[key] = data[key];
  return structuredClone(settings);
}

type Read = { ok: true; text: string; problems: Array<{ message: string; offset: number }>; digest?: string } | { ok: false; message: string };

/**
 * Reads and parses each file once per run, and keeps memory bounded: once a document's file
 * rules have run (or at once, for pages read only as context and documents known by their
 * facts), its tree and text runs are released and only its facts stay. With a cache, unchanged files are not parsed at all.
 */
export class DocumentStore {
  readonly documents = new Map<string, FaqDocument>();
  readonly unreadable = new Map<string, string>();
  readonly readProblems = new Map<string, Array<{ message: string; offset: number }>>();
  /** Cached file-local findings of documents that came from the cache. */
  readonly cachedMessages = new Map<string, LintMessage[]>();
  readonly hashes = new Map<string, string>();
  /** The digest of each document's cross-page parts (with `partsOf`: a cache keeps them). */
  readonly parts = new Map<string, string>();
  /** Texts read for front matter before the document itself was needed, so no file is read twice. */
  private readonly pendingText = new Map<string, Read>();
  private readonly frontMatter = new Map<string, PageFrontMatter | undefined>();

  constructor(
    private readonly parseOptions: ParseOptions,
    private readonly stdin: { path: string; text: string } | undefined,
    /** Files whose trees must stay until their own rules have run. */
    private readonly linted: ReadonlySet<string>,
    private readonly cache: LintCache | undefined,
    /** How a document's cross-page parts are digested; unset when nothing keeps them. */
    private readonly partsOf?: (document: FaqDocument) => string,
  ) {}

  private read(absolute: string): Read {
    const pending = this.pendingText.get(absolute);
    if (pending) {
      this.pendingText.delete(absolute);
      return pending;
    }
    return this.stdin && absolute === this.stdin.path ? { ok: true, text: this.stdin.text, problems: [] } : readSource(absolute, this.cache !== undefined);
  }

  load(file: string): FaqDocument | undefined {
    const absolute = path.resolve(file);
    const known = this.documents.get(absolute);
    if (known || this.unreadable.has(absolute)) return known;
    const read = this.read(absolute);
    if (!read.ok) {
      this.unreadable.set(absolute, read.message);
      return undefined;
    }
    if (read.problems.length > 0) this.readProblems.set(absolute, read.problems);
    const hash = this.hashOf(absolute, read);
    const cached = this.cache?.get(absolute, hash);
    // A file linted now needs cached findings too; facts alone do only for context pages.
    if (cached && (cached.messages !== null || !this.linted.has(absolute))) return this.fromFacts(absolute, read.text, cached.facts, cached.messages, cached.parts);
    const document = parseFaqDocument(absolute, read.text, this.parseOptions);
    this.documents.set(absolute, document);
    if (this.partsOf) this.parts.set(absolute, this.partsOf(document));
    if (!this.linted.has(absolute)) {
      release(document);
      this.cache?.set(absolute, hash, document, null, this.parts.get(absolute));
    }
    return document;
  }

  /** The digest of the file's bytes, with a cache (the key of its cache entry). */
  private hashOf(absolute: string, read: Read & { ok: true }): string {
    let hash = this.hashes.get(absolute);
    if (hash === undefined) {
      hash = this.cache ? (read.digest ?? '') : '';
      this.hashes.set(absolute, hash);
    }
    return hash;
  }

  /**
   * Reads the files not yet loaded and returns those that must be parsed (the cache does not
   * have them), with their text; the texts stay here until the files are loaded or adopted.
   */
  textsToParse(files: readonly string[]): Array<{ file: string; text: string }> {
    const toParse: Array<{ file: string; text: string }> = [];
    for (const file of files) {
      const absolute = path.resolve(file);
      if (this.documents.has(absolute) || this.unreadable.has(absolute)) continue;
      const read = this.pendingText.get(absolute) ?? this.read(absolute);
      this.pendingText.set(absolute, read);
      if (!read.ok) continue;
      const cached = this.cache?.peekEntry(absolute, this.hashOf(absolute, read));
      if (cached && (cached.messages !== null || !this.linted.has(absolute))) continue;
      toParse.push({ file: absolute, text: read.text });
    }
    return toParse;
  }

  /**
   * Takes a page parsed elsewhere (on a worker) as if it came from the cache, and caches it;
   * its findings only when `findingsComplete` (no rule crashed on it, so the next run tries again).
   */
  adopt(file: string, facts: DocumentFacts, messages: LintMessage[] | null, findingsComplete: boolean, parts: string | undefined): void {
    const read = this.pendingText.get(file);
    if (!read?.ok || this.documents.has(file)) return;
    this.pendingText.delete(file);
    if (read.problems.length > 0) this.readProblems.set(file, read.problems);
    this.fromFacts(file, read.text, facts, messages, parts);
    this.cache?.setFacts(file, this.hashOf(file, read), facts, findingsComplete ? messages : null, this.parts.get(file));
  }

  /**
   * A document known by its facts (from the cache or a worker), not parsed here. It keeps only the
   * facts, linted or not: the rules that read the file already ran where it was parsed, and their
   * findings come with it.
   */
  private fromFacts(absolute: string, text: string, facts: DocumentFacts, messages: LintMessage[] | null, parts: string | undefined): FaqDocument {
    const document = documentFromFacts(facts, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    this.documents.set(absolute, document);
    const knownParts = parts ?? this.partsOf?.(document);
    if (knownParts) this.parts.set(absolute, knownParts);
    if (messages) this.cachedMessages.set(absolute, messages);
    release(document);
    return document;
  }

  /** Front matter of any page, for URLs set by `url`, `slug` and `aliases`. */
  frontMatterOf(file: string): PageFrontMatter | undefined {
    const absolute = path.resolve(file);
    const document = this.documents.get(absolute);
    if (document) return document.frontMatter?.data as PageFrontMatter | undefined;
    if (!this.frontMatter.has(absolute)) {
      const read = this.read(absolute);
      // Kept until the page is loaded (site-wide rules load every page), then dropped.
      this.pendingText.set(absolute, read);
      const cached = read.ok && this.cache ? this.cache.peek(absolute, this.hashOf(absolute, read)) : undefined;
      const data = cached ? cached.frontMatter?.data : read.ok ? parseFrontMatter(read.text.replace(/^\uFEFF/, ''), URL_KEYS).frontMatter?.data : undefined;
      this.frontMatter.set(absolute, urlSettings(data));
    }
    return this.frontMatter.get(absolute);
  }

  /** Texts read for front matter but never loaded are dropped when the site work is done. */
  dropPending(): void {
    this.pendingText.clear();
  }
}

/** Drops what only file rules read (the tree, text, text runs and shortcode uses); the facts and the line index stay. */
export function release(document: FaqDocument): void {
  document.tree.children = [];
  document.textRuns = [];
  document.shortcodes = [];
  document.text = '';
  for (const block of document.blocks) if (block.node.children.length > 0) block.node.children = [];
}
