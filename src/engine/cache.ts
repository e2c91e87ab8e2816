import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LineIndex } from '../model/line-index.js';
import type { FaqDocument } from '../model/types.js';
import type { RuleReport, SiteRuleMemo } from '../rules/define-rule.js';
import type { DiskAnswer } from '../io/disk.js';
import { urlSettingsOf, type PageFrontMatter } from '../site/page-index.js';
import {
  FactsBlock,
  FactsHeading,
  FactsLink,
  FactsSection,
  packBlock,
  packHeading,
  packLink,
  packSection,
  withoutTree,
  type PackedBlock,
  type PackedHeading,
  type PackedLink,
  type PackedSection,
} from './packed-facts.js';
import { appendSegments, readHeader, rewriteFile, SegmentReader, type Extent, type StoredHeader } from './cache-file.js';
import { arePageMemoLocations, PageMemos, type PageMemoLocations, type Segment } from './page-memos.js';
import type { LintMessage, LintResult } from './results.js';

/**
 * What is kept of a document between runs and sent back by workers: its facts, never its tree,
 * text, text runs or shortcode uses (rules that read those read the file: `reads: 'file'`), and
 * its blocks, headings, sections and links packed (packed-facts.ts).
 */
export type DocumentFacts = Omit<FaqDocument, 'text' | 'lineIndex' | 'tree' | 'textRuns' | 'blocks' | 'shortcodes' | 'headings' | 'sections' | 'links'> & {
  blocks: PackedBlock[];
  headings: PackedHeading[];
  sections: PackedSection[];
  links: PackedLink[];
};

interface CacheEntry {
  hash: string;
  facts: DocumentFacts;
  /**
   * Findings of the rules that depend only on this file (`reads: 'file'`), before inline
   * comments; null when the file was read only as context (its facts are still good).
   */
  messages: LintMessage[] | null;
  /** The digest of the page's cross-page parts (page-parts.ts), so an unchanged page's needs no computing. */
  parts?: string;
}

/** A site rule's reports, replayed when every input is as it was. */
export interface SiteRuleReports {
  /** Hash of the rule, its options, the site's settings and every page's path and content hash. */
  inputs: string;
  reports: Array<{ path: string; report: RuleReport }>;
}

/**
 * Each value of a site rule's memo of the whole site ({@link SiteRuleMemo.keep}) is kept as the
 * memo of a page named after its key, a name no path has ({@link PageMemos}): a segment of its
 * own, read only when recalled and left where it is when the rule keeps it as it was (a large
 * site's near-duplicate index is megabytes, and the same after most edits), where the reports
 * change with any edit.
 */
function siteMemoName(key: string): string {
  return `\0${key}`;
}

/**
 * The last run, replayed whole when nothing it depended on changed: the same config and options
 * (the cache key), the same linted files (`inputs`), and the same answer to every question it
 * asked the disk (file digests, which paths exist, folder listings, the site's pages).
 */
export interface RunRecord {
  inputs: string;
  disk: DiskAnswer[];
  results: LintResult[];
  warnings: string[];
  /** Per page read as a document: the digest of the parts cross-page rules read (page-parts.ts). */
  parts: Record<string, string>;
  /** Per linted file with any: the findings of cross-page rules, before inline comments. */
  crossPage: Record<string, LintMessage[]>;
}

/**
 * Where an entry is in the cache file, the content hash it is for (checked before it is read),
 * and the page's URL settings when it has any: the site model asks every page for them, and a
 * run after an edit gets them without reading a single entry.
 */
type EntryLocation = [offset: number, length: number, hash: string, urlSettings?: PageFrontMatter];

/** The layout of the file ({@link readHeader}); a file of another layout is not read. */
const FORMAT = 6;

/**
 * The cache file's header: the run record, and where each entry and the site rules' reports are.
 * It is read alone; replaying a run reads nothing else.
 */
interface CacheHeader {
  key: string;
  format: typeof FORMAT;
  run?: StoredRun;
  entries: Record<string, EntryLocation>;
  siteRules?: Extent;
  /** Site rules' memos of single pages ({@link PageMemos}). */
  pageMemos?: PageMemoLocations;
  bodyLength: number;
}

/** Files per segment of the run's results: a run after an edit writes again the segments of the files whose results changed. */
const RESULTS_PER_SEGMENT = 128;

/** The run record as the header holds it: its results and cross-page findings are in segments ({@link ResultSegment}). */
type StoredRun = Omit<RunRecord, 'results' | 'crossPage'> & { resultSegments: Extent[] };

/** A segment of the run's results: a run of files' results, and their cross-page findings (null for none). */
interface ResultSegment {
  results: LintResult[];
  crossPage: Array<LintMessage[] | null>;
}

/** An entry as a segment: with its file and hash, so a segment read from a file replaced since is known as not the one expected. */
type StoredEntry = CacheEntry & { file: string };

function isEntryLocation(value: unknown): value is EntryLocation {
  return (
    Array.isArray(value) &&
    (value.length === 3 || (value.length === 4 && typeof value[3] === 'object' && value[3] !== null)) &&
    Number.isInteger(value[0]) &&
    Number.isInteger(value[1]) &&
    typeof value[2] === 'string'
  );
}

/** Where an entry is now, with the hash and URL settings it was stored with. */
function locatedAt(extent: Extent, hash: string, urlSettings: PageFrontMatter | undefined): EntryLocation {
  return urlSettings && Object.keys(urlSettings).length > 0 ? [extent[0], extent[1], hash, urlSettings] : [extent[0], extent[1], hash];
}

/** The header, if it is one of this layout and key. */
function validHeader(stored: StoredHeader | undefined, key: string): CacheHeader | undefined {
  const header = stored?.header as Partial<CacheHeader> | undefined;
  if (header?.key !== key || header.format !== FORMAT || typeof header.entries !== 'object' || header.entries === null) return undefined;
  if (!Object.values(header.entries).every(isEntryLocation)) return undefined;
  if (header.siteRules !== undefined && !(Array.isArray(header.siteRules) && header.siteRules.length === 2)) return undefined;
  if (header.pageMemos !== undefined && !arePageMemoLocations(header.pageMemos)) return undefined;
  return header as CacheHeader;
}

/**
 * A document from its facts and its line index: an empty text, tree and block nodes stand in for
 * what it no longer has, and its blocks make their spans when read ({@link FactsBlock}).
 */
export function documentFromFacts(facts: DocumentFacts, lineIndex: LineIndex): FaqDocument {
  const headings = facts.headings.map((heading) => new FactsHeading(heading, lineIndex));
  return {
    ...facts,
    text: '',
    lineIndex,
    tree: { type: 'root', children: [] },
    textRuns: [],
    shortcodes: [],
    blocks: facts.blocks.map((block) => new FactsBlock(block, lineIndex)),
    headings,
    sections: facts.sections.map((section) => new FactsSection(section, headings, lineIndex)),
    links: facts.links.map((link) => new FactsLink(link, lineIndex)),
  };
}

/** What is kept of a document. */
export function factsOf(document: FaqDocument): DocumentFacts {
  const { text: _text, lineIndex: _lineIndex, textRuns: _textRuns, shortcodes: _shortcodes, blocks, headings, sections, links, ...rest } = withoutTree(document);
  return {
    ...rest,
    blocks: blocks.map(packBlock),
    headings: headings.map(packHeading),
    sections: sections.map((section) => packSection(section, headings)),
    links: links.map(packLink),
  };
}

/**
 * `--cache`: the last run's results (replayed whole when nothing it read changed), and per file a
 * content hash with the document's facts and its file-local findings. The whole cache is dropped
 * when faqlint's version, the config or the command-line rule settings change (all part of
 * `key`). On disk ({@link appendSegments}) each entry is a segment of its own, read only when a
 * run needs it, and a run that changed a few entries appends just those.
 */
export class LintCache {
  /** Entries used or made in this run (so deleted files drop out), with where they are when unchanged. */
  private readonly fresh = new Map<string, { entry: CacheEntry; at?: EntryLocation }>();
  /** Entries read this run. */
  private readonly read = new Map<string, CacheEntry | undefined>();
  private readonly freshSiteRules: Record<string, SiteRuleReports> = {};
  private storedSiteRules: Record<string, SiteRuleReports> | undefined;
  /** Whether a site rule's reports differ from what was read. */
  private siteRulesChanged = false;
  private run: RunRecord | undefined;
  /** Whether the run record differs from what was read. */
  private runChanged = false;
  private readonly reader: SegmentReader;
  private readonly pageMemos: PageMemos;
  /** Whether entries this run did not use are kept too ({@link keepStoredEntries}). */
  private keepUnread = false;
  /** The segments of the recorded run's results, where they are and what they hold. */
  private readonly storedResults: Array<{ at: Extent; segment: ResultSegment }> = [];
  /** The run the file recorded. */
  readonly lastRun: RunRecord | undefined;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    /** The file's header, or undefined when there is no usable cache file. */
    private readonly stored: CacheHeader | undefined,
    /** The bytes of the header read, which a run that changes only the run record writes again ({@link saveRunOnly}); 0 with no usable file. */
    readonly headerBytes: number,
  ) {
    this.reader = new SegmentReader(file);
    this.pageMemos = new PageMemos(stored?.pageMemos ?? {}, this.reader);
    this.lastRun = this.readRun(stored?.run);
    this.run = this.lastRun;
  }

  /** Opens the cache at `location` (a file, or a folder to put `.faqlintcache` in); a bad or stale cache is simply empty. */
  static open(location: string, key: string): LintCache {
    const file = fs.existsSync(location) && fs.statSync(location).isDirectory() ? path.join(location, '.faqlintcache') : location;
    const stored = readHeader(file);
    const header = validHeader(stored, key);
    return new LintCache(file, key, header, header ? (stored?.headerLength ?? 0) : 0);
  }

  /** The recorded run, its results read from their segments; undefined when any part is not what it should be. */
  private readRun(run: StoredRun | undefined): RunRecord | undefined {
    if (typeof run !== 'object' || run === null || !Array.isArray(run.disk) || typeof run.parts !== 'object' || !Array.isArray(run.resultSegments)) return undefined;
    const { resultSegments, ...rest } = run;
    const results: LintResult[] = [];
    const crossPage: Record<string, LintMessage[]> = {};
    for (const at of resultSegments) {
      const segment = Array.isArray(at) && at.length === 2 ? (this.reader.json(at) as Partial<ResultSegment> | undefined) : undefined;
      if (!Array.isArray(segment?.results) || !Array.isArray(segment.crossPage) || segment.crossPage.length !== segment.results.length) {
        this.storedResults.length = 0;
        return undefined;
      }
      this.storedResults.push({ at, segment: segment as ResultSegment });
      segment.results.forEach((result, index) => {
        results.push(result);
        const found = segment.crossPage?.[index];
        if (found) crossPage[result.filePath] = found;
      });
    }
    return { ...rest, results, crossPage };
  }

  /**
   * The run's results as segments, placing each in `extents`: a segment that holds the very
   * results and findings read from a stored one (a run after an edit reuses those of unchanged
   * files) stays where it is.
   */
  private resultSegments(extents: Extent[]): Segment[] {
    const run = this.run;
    if (!run) return [];
    const segments: Segment[] = [];
    for (let from = 0, index = 0; from < run.results.length; from += RESULTS_PER_SEGMENT, index++) {
      const results = run.results.slice(from, from + RESULTS_PER_SEGMENT);
      const crossPage = results.map((result) => run.crossPage[result.filePath] ?? null);
      const stored = this.storedResults[index]?.segment;
      const place = (extent: Extent): void => {
        extents[index] = extent;
      };
      const asStored = stored?.results.length === results.length && results.every((result, at) => result === stored.results[at] && crossPage[at] === (stored.crossPage[at] ?? null));
      segments.push(asStored ? { at: (this.storedResults[index] as { at: Extent }).at, place } : { source: () => ({ results, crossPage }) satisfies ResultSegment, place });
    }
    return segments;
  }

  /** The stored entry for a file whose content still has this hash; read from the file once. */
  private storedEntry(file: string, hash: string): CacheEntry | undefined {
    const at = this.stored?.entries[file];
    if (!at || at[2] !== hash) return undefined;
    if (!this.read.has(file)) {
      const entry = this.reader.json([at[0], at[1]]) as Partial<StoredEntry> | undefined;
      const usable = entry?.file === file && entry.hash === hash && typeof entry.facts === 'object' && entry.facts !== null;
      this.read.set(file, usable ? { hash, facts: entry.facts as DocumentFacts, messages: entry.messages ?? null, ...(entry.parts ? { parts: entry.parts } : {}) } : undefined);
    }
    return this.read.get(file);
  }

  /** The entry for a file whose content still has this hash, kept for the next run. */
  get(file: string, hash: string): CacheEntry | undefined {
    const entry = this.peekEntry(file, hash);
    if (entry && !this.fresh.has(file)) this.fresh.set(file, { entry, at: this.stored?.entries[file] });
    return entry;
  }

  /** The cached facts of a file with this content, without claiming the entry for this run. */
  peek(file: string, hash: string): DocumentFacts | undefined {
    return this.peekEntry(file, hash)?.facts;
  }

  peekEntry(file: string, hash: string): CacheEntry | undefined {
    const fresh = this.fresh.get(file)?.entry;
    return fresh?.hash === hash ? fresh : this.storedEntry(file, hash);
  }

  /**
   * The URL settings (`url`, `slug`, `aliases`) of a file with this content, from the header
   * alone: `{}` when it has none, undefined when no entry is stored for this content.
   */
  urlSettings(file: string, hash: string): PageFrontMatter | undefined {
    const at = this.stored?.entries[file];
    return at && at[2] === hash ? (at[3] ?? {}) : undefined;
  }

  /**
   * Keeps every stored entry not replaced in this run, unread: for a run after an edit that
   * loads only the pages it needs and knows that no page was added or removed.
   */
  keepStoredEntries(): void {
    this.keepUnread = true;
  }

  set(file: string, hash: string, document: FaqDocument, messages: LintMessage[] | null, parts: string | undefined): void {
    this.setFacts(file, hash, factsOf(document), messages, parts);
  }

  setFacts(file: string, hash: string, facts: DocumentFacts, messages: LintMessage[] | null, parts: string | undefined): void {
    this.fresh.set(file, { entry: { hash, facts, messages, ...(parts ? { parts } : {}) } });
  }

  private siteRules(): Record<string, SiteRuleReports> {
    if (!this.storedSiteRules) {
      const extent = this.stored?.siteRules;
      const read = extent ? this.reader.json(extent) : undefined;
      this.storedSiteRules = typeof read === 'object' && read !== null ? (read as Record<string, SiteRuleReports>) : {};
    }
    return this.storedSiteRules;
  }

  /** A site rule's reports from an earlier run with exactly these inputs. */
  siteRuleReports(slot: string, inputs: string): SiteRuleReports['reports'] | undefined {
    const stored = this.siteRules()[slot];
    if (stored?.inputs !== inputs || !Array.isArray(stored.reports)) return undefined;
    this.freshSiteRules[slot] = stored;
    this.pageMemos.keepSlot(slot);
    return stored.reports;
  }

  setSiteRuleReports(slot: string, inputs: string, reports: SiteRuleReports['reports']): void {
    this.freshSiteRules[slot] = { inputs, reports };
    this.siteRulesChanged = true;
  }

  /** Whether the site rule of `slot` kept anything in its memo in this run. */
  keepsMemo(slot: string): boolean {
    return this.pageMemos.keepsIn(slot);
  }

  /** Keeps no reports of a site rule for replay (and drops those an earlier run kept). */
  dropSiteRuleReports(slot: string): void {
    delete this.freshSiteRules[slot];
    if (Object.hasOwn(this.siteRules(), slot)) this.siteRulesChanged = true;
  }

  /**
   * A site rule's memo: what it kept in the last run in `slot`, and keeps in this one. A page's
   * values are kept under its path and content digest (`digestOf`), the site's under no path.
   */
  memoFor(slot: string, digestOf: (document: FaqDocument) => string | undefined): SiteRuleMemo {
    return {
      recall: (key) => this.pageMemos.recall(slot, siteMemoName(key), '', key),
      keep: (key, value) => this.pageMemos.keep(slot, siteMemoName(key), '', key, value),
      keepAsBefore: (key) => this.pageMemos.keepAsBefore(slot, siteMemoName(key), ''),
      recallPage: (document, key) => {
        const digest = digestOf(document);
        return digest ? this.pageMemos.recall(slot, document.path, digest, key) : undefined;
      },
      keepPage: (document, key, value) => {
        const digest = digestOf(document);
        if (digest) this.pageMemos.keep(slot, document.path, digest, key, value);
      },
      keepPageAsBefore: (document) => {
        const digest = digestOf(document);
        if (digest) this.pageMemos.keepAsBefore(slot, document.path, digest);
      },
      pageVersion: (document) => digestOf(document),
    };
  }

  /** Records this run for replay; `undefined` keeps none (a run whose rules crashed). */
  setRun(run: RunRecord | undefined): void {
    this.run = run;
    this.runChanged = true;
  }

  /**
   * Writes a new header over the old one and keeps every entry as it was: for a run that changed
   * only the run record (pages rechecked after an edit). Entries of edited pages no longer match
   * their hash and are simply misses next time.
   */
  saveRunOnly(): void {
    this.reader.close();
    if (!this.stored) {
      this.save();
      return;
    }
    const { entries, siteRules, pageMemos, bodyLength } = this.stored;
    const resultsAt: Extent[] = [];
    const segments = this.resultSegments(resultsAt);
    const made = segments.filter((segment) => segment.at === undefined);
    appendSegments(this.file, bodyLength, made.map((segment) => segment.source as () => unknown), undefined, (extents, newBodyLength) => {
      for (const segment of segments) if (segment.at) segment.place(segment.at);
      made.forEach((segment, index) => segment.place(extents[index] as Extent));
      return this.header(entries, pageMemos ?? {}, siteRules, resultsAt, newBodyLength);
    });
  }

  /**
   * Writes the entries used or made in this run (so deleted files drop out), and the site rules'
   * reports: new ones are appended to the file, unless it holds more outdated bytes than kept
   * ones, or there is no usable file: then the file is written anew (unchanged segments copied as
   * they are). Not at all when nothing changed.
   */
  save(): void {
    const stored = this.stored;
    const entries: Record<string, EntryLocation> = {};
    const pageMemos: PageMemoLocations = {};
    let siteRulesAt: Extent | undefined;
    const segments: Segment[] = [];
    const keptEntry = (file: string, at: EntryLocation): Segment => ({ at: [at[0], at[1]], place: (extent) => (entries[file] = locatedAt(extent, at[2], at[3])) });
    for (const [file, { entry, at }] of this.fresh) {
      segments.push(
        at
          ? keptEntry(file, at)
          : { source: () => ({ file, ...entry }) satisfies StoredEntry, place: (extent) => (entries[file] = locatedAt(extent, entry.hash, urlSettingsOf(entry.facts.frontMatter?.data))) },
      );
    }
    if (this.keepUnread) for (const [file, at] of Object.entries(stored?.entries ?? {})) if (!this.fresh.has(file)) segments.push(keptEntry(file, at));
    segments.push(...this.pageMemos.segments(pageMemos));
    const siteRulesAsRead = !this.siteRulesChanged && Object.keys(this.freshSiteRules).length === Object.keys(stored?.siteRules ? this.siteRules() : {}).length;
    const placeSiteRules = (extent: Extent): void => {
      siteRulesAt = extent;
    };
    if (siteRulesAsRead && stored?.siteRules) segments.push({ at: stored.siteRules, place: placeSiteRules });
    else if (!siteRulesAsRead && Object.keys(this.freshSiteRules).length > 0) segments.push({ source: () => this.freshSiteRules, place: placeSiteRules });
    const resultsAt: Extent[] = [];
    segments.push(...this.resultSegments(resultsAt));

    const kept = segments.filter((segment) => segment.at !== undefined);
    const made = segments.filter((segment) => segment.at === undefined);
    const storedCount = Object.keys(stored?.entries ?? {}).length + this.pageMemos.storedCount() + (stored?.siteRules ? 1 : 0) + this.storedResults.length;
    // Kept segments are stored ones: as many means the same.
    if (stored && !this.runChanged && made.length === 0 && kept.length === storedCount) {
      this.reader.close();
      return;
    }
    const header = (bodyLength: number): Record<string, unknown> => this.header(entries, pageMemos, siteRulesAt, resultsAt, bodyLength);
    const keptBytes = kept.reduce((sum, segment) => sum + (segment.at as Extent)[1], 0);
    // Outdated segments may take as many bytes as the kept ones (and 1 MiB): the file stays under twice what is live.
    if (stored && stored.bodyLength - keptBytes <= keptBytes + (1 << 20)) {
      appendSegments(this.file, stored.bodyLength, made.map((segment) => segment.source as () => unknown), undefined, (extents, bodyLength) => {
        for (const segment of kept) segment.place(segment.at as Extent);
        made.forEach((segment, index) => segment.place(extents[index] as Extent));
        return header(bodyLength);
      });
    } else {
      // Anew: unchanged segments are copied as bytes.
      const sources = segments.map((segment) => (segment.at ? { copyOf: segment.at } : (segment.source as () => unknown)));
      rewriteFile(this.file, sources, this.reader, (extents, bodyLength) => {
        segments.forEach((segment, index) => segment.place(extents[index] as Extent));
        return header(bodyLength);
      });
    }
    this.reader.close();
  }

  /** Lets go of the file (saving does so too), for a run that ends without saving. */
  close(): void {
    this.reader.close();
  }

  private header(entries: Record<string, EntryLocation>, pageMemos: PageMemoLocations, siteRules: Extent | undefined, resultsAt: Extent[], bodyLength: number): Record<string, unknown> {
    const { results: _results, crossPage: _crossPage, ...run } = this.run ?? { results: [], crossPage: {} };
    return {
      key: this.key,
      format: FORMAT,
      ...(this.run ? { run: { ...(run as Omit<RunRecord, 'results' | 'crossPage'>), resultSegments: resultsAt } } : {}),
      entries,
      ...(siteRules ? { siteRules } : {}),
      ...(Object.keys(pageMemos).length > 0 ? { pageMemos } : {}),
      bodyLength,
    } satisfies CacheHeader;
  }
}

/** The cache key: everything that changes what a file's cached facts and findings would be. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64');
}
