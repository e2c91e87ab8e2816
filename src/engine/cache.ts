import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LineIndex } from '../model/line-index.js';
import type { FaqDocument } from '../model/types.js';
import type { RuleReport } from '../rules/define-rule.js';
import type { DiskAnswer } from '../io/disk.js';
import { FactsBlock } from './facts-block.js';
import type { LintMessage, LintResult } from './results.js';

/**
 * What is kept of a document between runs and sent back by workers: its facts, never its tree,
 * text, text runs or shortcode uses (rules that read those read the file: `reads: 'file'`).
 */
export type DocumentFacts = Omit<FaqDocument, 'text' | 'lineIndex' | 'tree' | 'textRuns' | 'blocks' | 'shortcodes'> & {
  blocks: Array<Omit<FaqDocument['blocks'][number], 'node'>>;
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
 * The cache file's header, written after the body and read alone (replaying a run never parses
 * the entries); a new run record replaces it in place, with no need to rewrite the body.
 */
interface CacheHeader {
  key: string;
  run?: RunRecord;
}

/** The file ends in the header's length in bytes, as this many decimal digits and a newline. */
const TRAILER_DIGITS = 12;

/** The rest of the file. */
interface CacheBody {
  entries: Record<string, CacheEntry>;
  /** Per rule id and site root. */
  siteRules?: Record<string, SiteRuleReports>;
}

/**
 * A document from its facts and its line index: an empty text, tree and block nodes stand in for
 * what it no longer has, and its blocks make their spans when read ({@link FactsBlock}).
 */
export function documentFromFacts(facts: DocumentFacts, lineIndex: LineIndex): FaqDocument {
  return { ...facts, text: '', lineIndex, tree: { type: 'root', children: [] }, textRuns: [], shortcodes: [], blocks: facts.blocks.map((block) => new FactsBlock(block, lineIndex)) };
}

/** What is kept of a document; its blocks field by field, since a {@link FactsBlock}'s spans are not properties of its own. */
export function factsOf(document: FaqDocument): DocumentFacts {
  const { text: _text, lineIndex: _lineIndex, tree: _tree, textRuns: _textRuns, shortcodes: _shortcodes, blocks, ...rest } = document;
  return {
    ...rest,
    blocks: blocks.map((block) => ({
      index: block.index,
      syntax: block.syntax,
      name: block.name,
      question: block.question,
      questionSpan: block.questionSpan,
      isQuestion: block.isQuestion,
      span: block.span,
      answerSpan: block.answerSpan,
      answerText: block.answerText,
      sectionIndex: block.sectionIndex,
    })),
  };
}

/**
 * `--cache`: the last run's results (replayed whole when nothing it read changed), and per file a
 * content hash with the document's facts and its file-local findings. The whole cache is dropped
 * when faqlint's version, the config or the command-line rule settings change (all part of
 * `key`). The file is a header line (key and last run) and a body (entries, site rules' reports),
 * and the body is parsed only when a run needs it.
 */
export class LintCache {
  private readonly fresh: Record<string, CacheEntry> = {};
  private readonly freshSiteRules: Record<string, SiteRuleReports> = {};
  private stored: CacheBody | undefined;
  private run: RunRecord | undefined;
  /** Whether anything differs from what was read, so an unchanged cache is not written again. */
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    /** Length in bytes of the body (which starts the file), or undefined when there is no usable cache file. */
    private readonly bodyLength: number | undefined,
    /** The run the file recorded. */
    readonly lastRun: RunRecord | undefined,
  ) {
    this.run = lastRun;
  }

  /** Opens the cache at `location` (a file, or a folder to put `.faqlintcache` in); a bad or stale cache is simply empty. */
  static open(location: string, key: string): LintCache {
    const file = fs.existsSync(location) && fs.statSync(location).isDirectory() ? path.join(location, '.faqlintcache') : location;
    const header = readHeader(file);
    const valid = header?.header.key === key ? header : undefined;
    const run = valid?.header.run;
    const usableRun =
      typeof run === 'object' && run !== null && Array.isArray(run.disk) && Array.isArray(run.results) && typeof run.parts === 'object' && typeof run.crossPage === 'object' ? run : undefined;
    const cache = new LintCache(file, key, valid?.bodyLength, usableRun);
    cache.changed = valid === undefined;
    return cache;
  }

  private body(): CacheBody {
    if (!this.stored) {
      let body: CacheBody | undefined;
      if (this.bodyLength !== undefined) {
        try {
          body = JSON.parse(fs.readFileSync(this.file).toString('utf8', 0, this.bodyLength)) as CacheBody;
        } catch {
          // Cut short or changed since the header was read: start afresh.
        }
      }
      const entries = typeof body?.entries === 'object' && body.entries !== null ? body.entries : {};
      const siteRules = typeof body?.siteRules === 'object' && body.siteRules !== null ? body.siteRules : {};
      if (body === undefined) this.changed = true;
      this.stored = { entries, siteRules };
    }
    return this.stored;
  }

  /** The entry for a file whose content still has this hash. */
  get(file: string, hash: string): CacheEntry | undefined {
    const entry = this.peekEntry(file, hash);
    if (entry) this.fresh[file] = entry;
    return entry;
  }

  /** The cached facts of a file with this content, without claiming the entry for this run. */
  peek(file: string, hash: string): DocumentFacts | undefined {
    return this.peekEntry(file, hash)?.facts;
  }

  peekEntry(file: string, hash: string): CacheEntry | undefined {
    const entry = this.body().entries[file];
    return entry?.hash === hash ? entry : undefined;
  }

  set(file: string, hash: string, document: FaqDocument, messages: LintMessage[] | null, parts: string | undefined): void {
    this.setFacts(file, hash, factsOf(document), messages, parts);
  }

  setFacts(file: string, hash: string, facts: DocumentFacts, messages: LintMessage[] | null, parts: string | undefined): void {
    this.fresh[file] = { hash, facts, messages, ...(parts ? { parts } : {}) };
    this.changed = true;
  }

  /** A site rule's reports from an earlier run with exactly these inputs. */
  siteRuleReports(slot: string, inputs: string): SiteRuleReports['reports'] | undefined {
    const stored = this.body().siteRules?.[slot];
    if (stored?.inputs !== inputs) return undefined;
    this.freshSiteRules[slot] = stored;
    return stored.reports;
  }

  setSiteRuleReports(slot: string, inputs: string, reports: SiteRuleReports['reports']): void {
    this.freshSiteRules[slot] = { inputs, reports };
    this.changed = true;
  }

  /** Records this run for replay; `undefined` keeps none (a run whose rules crashed). */
  setRun(run: RunRecord | undefined): void {
    this.run = run;
    this.changed = true;
  }

  /**
   * Replaces the header in place and leaves the body as it was, unparsed: for a run that changed
   * only the run record (pages rechecked after an edit). Entries of edited pages no longer match
   * their hash and are simply misses next time. A reader that catches the file half-written
   * finds no valid header and starts afresh.
   */
  saveRunOnly(): void {
    if (this.bodyLength === undefined) {
      this.save();
      return;
    }
    let descriptor: number | undefined;
    try {
      descriptor = fs.openSync(this.file, 'r+');
      fs.ftruncateSync(descriptor, this.bodyLength);
      writeHeader(descriptor, { key: this.key, bodyLength: this.bodyLength, ...(this.run ? { run: this.run } : {}) }, this.bodyLength);
    } catch {
      // A cache that cannot be written costs speed next time, never correctness.
      fs.rmSync(this.file, { force: true });
    } finally {
      if (descriptor !== undefined) fs.closeSync(descriptor);
    }
  }

  /**
   * Writes the entries used or made in this run (so deleted files drop out), atomically; not at
   * all when they are what was read.
   */
  save(): void {
    const body = this.body();
    const unchanged =
      !this.changed &&
      Object.keys(this.fresh).length === Object.keys(body.entries).length &&
      Object.keys(this.freshSiteRules).length === Object.keys(body.siteRules ?? {}).length;
    if (unchanged) return;
    this.writeAtomically((descriptor) => writeCacheFile(descriptor, { key: this.key, ...(this.run ? { run: this.run } : {}) }, this.fresh, this.freshSiteRules));
  }

  /** Writes the cache file through a temporary file and a rename; a failure leaves the old one. */
  private writeAtomically(write: (descriptor: number) => void): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    let descriptor: number | undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      descriptor = fs.openSync(temporary, 'w');
      write(descriptor);
      fs.closeSync(descriptor);
      descriptor = undefined;
      fs.renameSync(temporary, this.file);
    } catch {
      // A cache that cannot be written costs speed next time, never correctness.
      if (descriptor !== undefined) fs.closeSync(descriptor);
      fs.rmSync(temporary, { force: true });
    }
  }
}

/** The header of a cache file and the length of its body; undefined for no file or a bad one. */
function readHeader(file: string): { header: CacheHeader; bodyLength: number } | undefined {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(file, 'r');
    const size = fs.fstatSync(descriptor).size;
    const trailer = Buffer.alloc(TRAILER_DIGITS + 1);
    if (size < trailer.length || fs.readSync(descriptor, trailer, 0, trailer.length, size - trailer.length) !== trailer.length) return undefined;
    const text = trailer.toString('latin1');
    if (!/^\d+\n$/.test(text)) return undefined;
    const headerLength = Number(text.slice(0, TRAILER_DIGITS));
    const headerAt = size - trailer.length - headerLength;
    if (headerAt < 1) return undefined;
    const bytes = Buffer.alloc(headerLength);
    if (fs.readSync(descriptor, bytes, 0, headerLength, headerAt) !== headerLength) return undefined;
    const header = JSON.parse(bytes.toString('utf8')) as CacheHeader & { bodyLength?: unknown };
    // The body ends in a newline just before the header.
    if (header.bodyLength !== headerAt - 1) return undefined;
    return { header, bodyLength: headerAt - 1 };
  } catch {
    // No cache yet, or an unreadable one: start afresh.
    return undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/** Writes `text` whole at `position` (or the current position); returns the bytes written. */
function writeText(descriptor: number, text: string, position?: number): number {
  const bytes = Buffer.from(text);
  for (let written = 0; written < bytes.length; ) written += fs.writeSync(descriptor, bytes, written, bytes.length - written, position === undefined ? null : position + written);
  return bytes.length;
}

/** Writes the newline after the body, then the header and its length, from `bodyLength` on. */
function writeHeader(descriptor: number, header: CacheHeader & { bodyLength: number }, bodyLength: number): void {
  const text = JSON.stringify(header);
  const length = Buffer.byteLength(text);
  writeText(descriptor, `\n${text}${String(length).padStart(TRAILER_DIGITS, '0')}\n`, bodyLength);
}

/**
 * Writes the body as one JSON document, an entry at a time (the whole text of a large site's cache,
 * over 100 MB, never has to be in memory at once), then the header.
 */
function writeCacheFile(descriptor: number, header: CacheHeader, entries: Record<string, CacheEntry>, siteRules: Record<string, SiteRuleReports>): void {
  let bodyLength = 0;
  let pending = '{"entries":{';
  let first = true;
  for (const [file, entry] of Object.entries(entries)) {
    pending += `${first ? '' : ','}${JSON.stringify(file)}:${JSON.stringify(entry)}`;
    first = false;
    if (pending.length >= 1 << 20) {
      bodyLength += writeText(descriptor, pending);
      pending = '';
    }
  }
  bodyLength += writeText(descriptor, `${pending}},"siteRules":${JSON.stringify(siteRules)}}`);
  writeHeader(descriptor, { ...header, bodyLength }, bodyLength);
}

/** The cache key: everything that changes what a file's cached facts and findings would be. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64');
}
