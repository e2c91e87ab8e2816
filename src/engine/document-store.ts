import path from 'node:path';
import { LineIndex } from '../model/line-index.js';
import type { FaqDocument } from '../model/types.js';
import { parseFaqDocument, withoutBom, type ParseOptions } from '../parse/document.js';
import { parseFrontMatter } from '../parse/front-matter.js';
import { URL_KEYS, urlSettingsOf, type PageFrontMatter } from '../site/page-index.js';
import { documentFromFacts, factsOf, type DocumentFacts, type LintCache } from './cache.js';
import { readSource } from './read-source.js';
import type { LintMessage } from './results.js';
import { fileSize, type ParsedPage } from './worker-pool.js';

/** What site models and site rules ask of a run's pages. */
export interface PageSource {
  load(file: string): FaqDocument | undefined;
  /** Front matter of any page, for URLs set by `url`, `slug` and `aliases`. */
  frontMatterOf(file: string): PageFrontMatter | undefined;
  /** With a cache, the digest of each loaded page's bytes: the key of its cache entry. */
  readonly hashes: ReadonlyMap<string, string>;
}

type Read = { ok: true; text: string; problems: Array<{ message: string; offset: number }>; digest?: string } | { ok: false; message: string };

/**
 * Reads and parses each file once per run, and keeps memory bounded: once a document's file
 * rules have run (or at once, for pages read only as context and documents known by their
 * facts), its tree and text runs are released and only its facts stay. With a cache, unchanged files are not parsed at all.
 */
export class DocumentStore implements PageSource {
  readonly documents = new Map<string, FaqDocument>();
  readonly unreadable = new Map<string, string>();
  readonly readProblems = new Map<string, Array<{ message: string; offset: number }>>();
  /** Cached file-local findings of documents that came from the cache. */
  readonly cachedMessages = new Map<string, LintMessage[]>();
  readonly hashes = new Map<string, string>();
  /** The digest of each document's cross-page parts (with `partsOf`: a cache keeps them). */
  readonly parts = new Map<string, string>();
  /** Texts read before the document itself was needed (for front matter, or to hash), so those are not read twice. */
  private readonly pendingText = new Map<string, Read>();
  private readonly frontMatter = new Map<string, PageFrontMatter | undefined>();
  /** Documents parsed on this thread, until {@link settle} keeps only their facts. */
  private readonly parsedHere = new WeakSet<FaqDocument>();

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
    if (cached && (cached.messages !== null || !this.linted.has(absolute))) return this.fromFacts(absolute, new LineIndex(withoutBom(read.text)), cached.facts, cached.messages, cached.parts);
    const document = parseFaqDocument(absolute, read.text, this.parseOptions);
    this.documents.set(absolute, document);
    this.parsedHere.add(document);
    if (this.partsOf) this.parts.set(absolute, this.partsOf(document));
    if (!this.linted.has(absolute)) return this.settle(document, null);
    return document;
  }

  /**
   * Keeps only the facts of a document parsed on this thread once its file rules have run, as a
   * worker would have sent them: its tree and text go, and its blocks keep their spans as
   * offsets, with no node. A large site parsed here (one core, `--concurrency off`) then holds
   * what it holds when parsed on workers: on a 3,000-page site, hundreds of megabytes less.
   * Returns the document to use from now on; one known by its facts already is returned as it is.
   * With `findings` (the file-local findings to keep; null for a page read only as context) the
   * facts also go into the cache, the same facts the settled document is made of.
   */
  settle(document: FaqDocument, findings?: LintMessage[] | null): FaqDocument {
    const facts = this.parsedHere.delete(document) ? flatFactsOf(release(document)) : undefined;
    if (findings !== undefined) this.cache?.setFacts(document.path, this.hashes.get(document.path) ?? '', facts ?? factsOf(document), findings, this.parts.get(document.path));
    if (!facts) return document;
    const settled = documentFromFacts(facts, document.lineIndex);
    this.documents.set(document.path, settled);
    return settled;
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
   * The files not yet loaded that must be parsed (the cache does not have them), for workers to
   * read and parse: without a cache they are not read here at all, and with one only to be hashed.
   */
  pagesToParse(files: readonly string[]): Array<{ file: string; size: number }> {
    const toParse: Array<{ file: string; size: number }> = [];
    for (const file of files) {
      const absolute = path.resolve(file);
      if (this.documents.has(absolute) || this.unreadable.has(absolute)) continue;
      if (!this.cache) {
        toParse.push({ file: absolute, size: fileSize(absolute) });
        continue;
      }
      const read = this.pendingText.get(absolute) ?? this.read(absolute);
      if (!read.ok) {
        this.pendingText.set(absolute, read);
        continue;
      }
      const cached = this.cache.peekEntry(absolute, this.hashOf(absolute, read));
      if (cached && (cached.messages !== null || !this.linted.has(absolute))) {
        // Loaded from the cache soon, with this text for its line index.
        this.pendingText.set(absolute, read);
        continue;
      }
      this.pendingText.delete(absolute);
      toParse.push({ file: absolute, size: read.text.length });
    }
    return toParse;
  }

  /**
   * Takes a page parsed elsewhere (on a worker) as if it came from the cache, and caches it;
   * its findings only when `findingsComplete` (no rule crashed on it, so the next run tries again).
   * A page whose bytes are not the ones hashed here (changed since) is left to be read and parsed
   * here; returns whether the page was taken.
   */
  adopt(page: ParsedPage, findingsComplete: boolean): boolean {
    const { file } = page;
    if (this.documents.has(file) || this.unreadable.has(file)) return false;
    if (this.cache && this.hashes.get(file) !== page.digest) return false;
    this.pendingText.delete(file);
    if (page.readProblems.length > 0) this.readProblems.set(file, page.readProblems);
    if (!this.hashes.has(file)) this.hashes.set(file, '');
    this.fromFacts(file, new LineIndex(page.lines), page.facts, page.messages, page.parts);
    this.cache?.setFacts(file, page.digest, page.facts, findingsComplete ? page.messages : null, this.parts.get(file));
    return true;
  }

  /**
   * A document known by its facts (from the cache or a worker), not parsed here. It keeps only the
   * facts, linted or not: the rules that read the file already ran where it was parsed, and their
   * findings come with it.
   */
  private fromFacts(absolute: string, lineIndex: LineIndex, facts: DocumentFacts, messages: LintMessage[] | null, parts: string | undefined): FaqDocument {
    const document = documentFromFacts(facts, lineIndex);
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
      // With a cache, kept until the page is hashed or loaded (site-wide rules load every page).
      // Without one, a worker will most likely read the page again: the site's every text held
      // until then costs more than a second read of the few pages parsed here.
      if (this.cache) this.pendingText.set(absolute, read);
      const cached = read.ok && this.cache ? this.cache.peek(absolute, this.hashOf(absolute, read)) : undefined;
      const data = cached ? cached.frontMatter?.data : read.ok ? parseFrontMatter(withoutBom(read.text), URL_KEYS).frontMatter?.data : undefined;
      this.frontMatter.set(absolute, data ? urlSettingsOf(data) : undefined);
    }
    return this.frontMatter.get(absolute);
  }

  /** Texts read for front matter but never loaded are dropped when the site work is done. */
  dropPending(): void {
    this.pendingText.clear();
  }
}

/**
 * A parsed document's facts through JSON, as a worker's come: its strings are often slices and
 * concatenations that keep the page's text and many small pieces alive; parsed back they are flat.
 */
function flatFactsOf(document: FaqDocument): DocumentFacts {
  return JSON.parse(JSON.stringify(factsOf(document))) as DocumentFacts;
}

/** Drops what only file rules read (the tree, text, text runs and shortcode uses); the facts and the line index stay. */
export function release(document: FaqDocument): FaqDocument {
  // Assigned, not emptied: a parsed page builds its mdast tree (and its blocks' nodes) only when read.
  document.tree = { type: 'root', children: [] };
  document.textRuns = [];
  document.shortcodes = [];
  document.text = '';
  return document;
}
