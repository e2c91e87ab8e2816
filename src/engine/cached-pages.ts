import path from 'node:path';
import { LineIndex } from '../model/line-index.js';
import type { FaqDocument } from '../model/types.js';
import { parseFaqDocument, withoutBom, type ParseOptions } from '../parse/document.js';
import type { PageFrontMatter } from '../site/page-index.js';
import { urlSettingsOf } from '../site/page-index.js';
import { documentFromFacts, type LintCache } from './cache.js';
import type { PageSource } from './document-store.js';
import { PageChangedError, readSource } from './read-source.js';
import type { LintMessage } from './results.js';

/** A page loaded when first needed: what it is, and what its own rules found (from its cache entry). */
interface LoadedPage {
  document: FaqDocument;
  /** Findings of the rules that read only the file, before inline comments; null when none are known. */
  messages: LintMessage[] | null;
  problems: Array<{ message: string; offset: number }>;
}

/**
 * A document whose facts are read from the cache only when first asked for: its path costs
 * nothing. A run after an edit hands the site's every page to the site rules this way, and the
 * rules that recall unchanged pages' values ({@link SiteRuleMemo.recallPage}) load none of them.
 */
class LazyDocument implements FaqDocument {
  private loaded: FaqDocument | undefined;

  constructor(
    readonly path: string,
    private readonly load: () => FaqDocument,
  ) {}

  private get full(): FaqDocument {
    return (this.loaded ??= this.load());
  }
  get text(): string {
    return this.full.text;
  }
  get lineIndex(): FaqDocument['lineIndex'] {
    return this.full.lineIndex;
  }
  get frontMatter(): FaqDocument['frontMatter'] {
    return this.full.frontMatter;
  }
  get tree(): FaqDocument['tree'] {
    return this.full.tree;
  }
  get headings(): FaqDocument['headings'] {
    return this.full.headings;
  }
  get sections(): FaqDocument['sections'] {
    return this.full.sections;
  }
  get blocks(): FaqDocument['blocks'] {
    return this.full.blocks;
  }
  get textRuns(): FaqDocument['textRuns'] {
    return this.full.textRuns;
  }
  get links(): FaqDocument['links'] {
    return this.full.links;
  }
  get shortcodes(): FaqDocument['shortcodes'] {
    return this.full.shortcodes;
  }
  get comments(): FaqDocument['comments'] {
    return this.full.comments;
  }
  get htmlAnchors(): FaqDocument['htmlAnchors'] {
    return this.full.htmlAnchors;
  }
  get parseProblems(): FaqDocument['parseProblems'] {
    return this.full.parseProblems;
  }
}

/**
 * The pages of a run after an edit, when no page was added or removed: the edited pages parsed
 * (given), every other one known by the digest the run's replay check read, and loaded from its
 * cache entry only if something reads it. URL settings come from the cache's header.
 */
export class CachedPages implements PageSource {
  readonly hashes = new Map<string, string>();
  private readonly documents = new Map<string, FaqDocument>();
  private readonly loaded = new Map<string, LoadedPage>();

  constructor(
    private readonly cache: LintCache,
    /** Every page's digest as this run read it (the replay check's answers). */
    digests: ReadonlyMap<string, string>,
    /** The edited pages, parsed. */
    edited: ReadonlyMap<string, FaqDocument>,
    private readonly parseOptions: ParseOptions,
  ) {
    for (const [file, digest] of digests) this.hashes.set(file, digest);
    for (const [file, document] of edited) this.documents.set(file, document);
  }

  load(file: string): FaqDocument | undefined {
    const absolute = path.resolve(file);
    let document = this.documents.get(absolute);
    if (!document) {
      document = new LazyDocument(absolute, () => this.page(absolute).document);
      this.documents.set(absolute, document);
    }
    return document;
  }

  /**
   * A page that was not edited, read and taken from its cache entry (parsed if it has none). Its
   * bytes were hashed moments ago by the replay check; if they changed since, the run cannot be
   * one consistent view of the disk, and this throws.
   */
  page(file: string): LoadedPage {
    let loaded = this.loaded.get(file);
    if (!loaded) {
      const read = readSource(file, true);
      const expected = this.hashes.get(file);
      if (!read.ok || (expected !== undefined && read.digest !== expected)) throw new PageChangedError(file);
      this.hashes.set(file, read.digest ?? '');
      const entry = this.cache.get(file, read.digest ?? '');
      loaded = entry
        ? { document: documentFromFacts(entry.facts, new LineIndex(withoutBom(read.text))), messages: entry.messages, problems: read.problems }
        : { document: parseFaqDocument(file, read.text, this.parseOptions), messages: null, problems: read.problems };
      this.loaded.set(file, loaded);
    }
    return loaded;
  }

  frontMatterOf(file: string): PageFrontMatter | undefined {
    const absolute = path.resolve(file);
    const document = this.documents.get(absolute);
    if (document && !(document instanceof LazyDocument)) return urlSettingsOf(document.frontMatter?.data);
    const digest = this.hashes.get(absolute);
    return (digest !== undefined ? this.cache.urlSettings(absolute, digest) : undefined) ?? urlSettingsOf(this.load(absolute)?.frontMatter?.data);
  }
}
