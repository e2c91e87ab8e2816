import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LineIndex } from '../model/line-index.js';
import type { FaqDocument } from '../model/types.js';
import type { RuleReport } from '../rules/define-rule.js';
import type { LintMessage } from './results.js';

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
}

/** A site rule's reports, replayed when every input is as it was. */
export interface SiteRuleReports {
  /** Hash of the rule, its options, the site's settings and every page's path and content hash. */
  inputs: string;
  reports: Array<{ path: string; report: RuleReport }>;
}

interface CacheFile {
  key: string;
  entries: Record<string, CacheEntry>;
  /** Per rule id and site root. */
  siteRules?: Record<string, SiteRuleReports>;
}

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** An empty tree and empty block nodes stand in for what a cached document no longer has. */
export function documentFromFacts(facts: DocumentFacts, text: string): FaqDocument {
  return {
    ...facts,
    text,
    lineIndex: new LineIndex(text),
    tree: { type: 'root', children: [] },
    textRuns: [],
    shortcodes: [],
    blocks: facts.blocks.map((block) => ({ ...block, node: { type: 'containerDirective', name: 'details', attributes: {}, children: [] } })),
  };
}

export function factsOf(document: FaqDocument): DocumentFacts {
  const { text: _text, lineIndex: _lineIndex, tree: _tree, textRuns: _textRuns, shortcodes: _shortcodes, blocks, ...rest } = document;
  return { ...rest, blocks: blocks.map(({ node: _node, ...block }) => block) };
}

/**
 * `--cache`: per file, a content hash with the document's facts and its file-local findings.
 * The whole cache is dropped when faqlint's version, the config or the command-line rule
 * settings change (all part of `key`). Site settings need no part in the key: page URLs, heading
 * IDs and every cross-file finding are recomputed from the cached facts on every run.
 */
export class LintCache {
  private readonly fresh: Record<string, CacheEntry> = {};
  private readonly freshSiteRules: Record<string, SiteRuleReports> = {};
  /** Whether anything differs from what was read, so an unchanged cache is not written again. */
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly entries: Record<string, CacheEntry>,
    private readonly siteRules: Record<string, SiteRuleReports>,
  ) {}

  /** Opens the cache at `location` (a file, or a folder to put `.faqlintcache` in); a bad or stale cache is simply empty. */
  static open(location: string, key: string): LintCache {
    const file = fs.existsSync(location) && fs.statSync(location).isDirectory() ? path.join(location, '.faqlintcache') : location;
    let stored: CacheFile | undefined;
    try {
      stored = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
    const valid = stored !== undefined && stored.key === key && typeof stored.entries === 'object' && stored.entries !== null ? stored : undefined;
    const siteRules = typeof valid?.siteRules === 'object' && valid.siteRules !== null ? valid.siteRules : {};
    const cache = new LintCache(file, key, valid?.entries ?? {}, siteRules);
    cache.changed = valid === undefined;
    return cache;
  }

  /** The entry for a file whose content still has this hash. */
  get(file: string, hash: string): CacheEntry | undefined {
    const entry = this.entries[file];
    if (entry?.hash !== hash) return undefined;
    this.fresh[file] = entry;
    return entry;
  }

  /** The cached facts of a file with this content, without claiming the entry for this run. */
  peek(file: string, hash: string): DocumentFacts | undefined {
    return this.peekEntry(file, hash)?.facts;
  }

  peekEntry(file: string, hash: string): CacheEntry | undefined {
    const entry = this.entries[file];
    return entry?.hash === hash ? entry : undefined;
  }

  set(file: string, hash: string, document: FaqDocument, messages: LintMessage[] | null): void {
    this.setFacts(file, hash, factsOf(document), messages);
  }

  setFacts(file: string, hash: string, facts: DocumentFacts, messages: LintMessage[] | null): void {
    this.fresh[file] = { hash, facts, messages };
    this.changed = true;
  }

  /** A site rule's reports from an earlier run with exactly these inputs. */
  siteRuleReports(slot: string, inputs: string): SiteRuleReports['reports'] | undefined {
    const stored = this.siteRules[slot];
    if (stored?.inputs !== inputs) return undefined;
    this.freshSiteRules[slot] = stored;
    return stored.reports;
  }

  setSiteRuleReports(slot: string, inputs: string, reports: SiteRuleReports['reports']): void {
    this.freshSiteRules[slot] = { inputs, reports };
    this.changed = true;
  }

  /**
   * Writes the entries used or made in this run (so deleted files drop out), atomically; not at
   * all when they are what was read.
   */
  save(): void {
    const unchanged =
      !this.changed &&
      Object.keys(this.fresh).length === Object.keys(this.entries).length &&
      Object.keys(this.freshSiteRules).length === Object.keys(this.siteRules).length;
    if (unchanged) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    let descriptor: number | undefined;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      descriptor = fs.openSync(temporary, 'w');
      writeCacheFile(descriptor, this.key, this.fresh, this.freshSiteRules);
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

/**
 * Writes the cache as one JSON document ({@link CacheFile}), an entry at a time: the whole text
 * of a large site's cache (over 100 MB) never has to be in memory at once.
 */
function writeCacheFile(descriptor: number, key: string, entries: Record<string, CacheEntry>, siteRules: Record<string, SiteRuleReports>): void {
  let pending = `{"key":${JSON.stringify(key)},"entries":{`;
  let first = true;
  for (const [file, entry] of Object.entries(entries)) {
    pending += `${first ? '' : ','}${JSON.stringify(file)}:${JSON.stringify(entry)}`;
    first = false;
    if (pending.length >= 1 << 20) {
      fs.writeSync(descriptor, pending);
      pending = '';
    }
  }
  fs.writeSync(descriptor, `${pending}},"siteRules":${JSON.stringify(siteRules)}}`);
}

/** The cache key: everything that changes what a file's cached facts and findings would be. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64');
}
