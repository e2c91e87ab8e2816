import type { Extent, SegmentReader } from './cache-file.js';

/** Where a page's memo is in the cache file, and the digest of the page content it was kept for. */
export type PageMemoLocation = [offset: number, length: number, digest: string];

/** Per site-rule slot, per page: where its memo is. */
export type PageMemoLocations = Record<string, Record<string, PageMemoLocation>>;

/** A segment of a cache file being saved: kept where it is (`at`) or written anew (`source`, its value); `place` records where it ends up. */
export interface Segment {
  at?: Extent;
  source?: () => unknown;
  place(extent: Extent): void;
}

/** The memo as one segment holds it: with its slot, page and digest, so a segment read from a replaced file is known as not the one expected. */
interface StoredPageMemo {
  slot: string;
  file: string;
  digest: string;
  values: Record<string, unknown>;
}

function isLocation(value: unknown): value is PageMemoLocation {
  return Array.isArray(value) && value.length === 3 && Number.isInteger(value[0]) && Number.isInteger(value[1]) && typeof value[2] === 'string';
}

/** Whether a header's page memo locations are well formed. */
export function arePageMemoLocations(value: unknown): value is PageMemoLocations {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((pages: unknown) => typeof pages === 'object' && pages !== null && Object.values(pages).every(isLocation))
  );
}

/**
 * What site rules keep per page ({@link SiteRuleMemo.keepPage}), one segment per rule and page
 * (and each value of a rule's memo of the whole site, under a name no page has): a run after an
 * edit reads each unchanged page's memo and writes only the edited pages' anew, where one
 * segment for all would be read and written whole.
 */
export class PageMemos {
  /** Values read from the file, by slot and file. */
  private readonly read = new Map<string, Record<string, unknown> | undefined>();
  /** What this run keeps, by slot, then file. */
  private readonly fresh = new Map<string, Map<string, { digest: string; values: Record<string, unknown> }>>();
  /** Slots whose reports were replayed: their memos stay as they were. */
  private readonly replayed = new Set<string>();
  /** Memos kept as stored, unread, by slot: their files. */
  private readonly asBefore = new Map<string, Set<string>>();

  constructor(
    private readonly stored: PageMemoLocations,
    private readonly reader: SegmentReader,
  ) {}

  /** The values kept for `file` in `slot` when its content had this digest; read once. */
  private storedValues(slot: string, file: string, digest: string): Record<string, unknown> | undefined {
    const at = this.stored[slot]?.[file];
    if (!at || at[2] !== digest) return undefined;
    const readKey = `${slot}\0${file}`;
    if (!this.read.has(readKey)) {
      const memo = this.reader.json([at[0], at[1]]) as Partial<StoredPageMemo> | undefined;
      const usable = memo?.slot === slot && memo.file === file && memo.digest === digest && typeof memo.values === 'object' && memo.values !== null;
      this.read.set(readKey, usable ? (memo.values as Record<string, unknown>) : undefined);
    }
    return this.read.get(readKey);
  }

  recall(slot: string, file: string, digest: string, key: string): unknown {
    const values = this.storedValues(slot, file, digest);
    return values && Object.hasOwn(values, key) ? values[key] : undefined;
  }

  keep(slot: string, file: string, digest: string, key: string, value: unknown): void {
    let pages = this.fresh.get(slot);
    if (!pages) this.fresh.set(slot, (pages = new Map()));
    let page = pages.get(file);
    if (!page || page.digest !== digest) pages.set(file, (page = { digest, values: {} }));
    page.values[key] = value;
  }

  /** Keeps the memo stored for `file` in `slot` as it is, unread, if it was kept for this digest (a site rule's `keepAsBefore`). */
  keepAsBefore(slot: string, file: string, digest: string): void {
    if (this.stored[slot]?.[file]?.[2] !== digest) return;
    let files = this.asBefore.get(slot);
    if (!files) this.asBefore.set(slot, (files = new Set()));
    files.add(file);
  }

  /** Whether this run keeps anything in `slot`. */
  keepsIn(slot: string): boolean {
    return this.fresh.has(slot) || this.asBefore.has(slot);
  }

  /** Keeps every memo of a slot whose rule did not run (its reports were replayed). */
  keepSlot(slot: string): void {
    this.replayed.add(slot);
  }

  /** How many memos the file holds. */
  storedCount(): number {
    return Object.values(this.stored).reduce((sum, pages) => sum + Object.keys(pages).length, 0);
  }

  /**
   * The memos to save, each placing its location in `locations`: a memo kept with the very values
   * recalled stays where it is, any other is written anew.
   */
  segments(locations: PageMemoLocations): Segment[] {
    const segments: Segment[] = [];
    const locate = (slot: string, file: string, digest: string) => (extent: Extent) => ((locations[slot] ??= {})[file] = [extent[0], extent[1], digest]);
    for (const [slot, pages] of this.fresh) {
      for (const [file, { digest, values }] of pages) {
        const at = this.stored[slot]?.[file];
        const read = this.read.get(`${slot}\0${file}`);
        const keys = Object.keys(values);
        const unchanged = at?.[2] === digest && read !== undefined && keys.length === Object.keys(read).length && keys.every((key) => read[key] === values[key]);
        segments.push(unchanged && at ? { at: [at[0], at[1]], place: locate(slot, file, digest) } : { source: () => ({ slot, file, digest, values }) satisfies StoredPageMemo, place: locate(slot, file, digest) });
      }
    }
    for (const [slot, files] of this.asBefore) {
      for (const file of files) {
        const at = this.stored[slot]?.[file];
        if (at && !this.fresh.get(slot)?.has(file)) segments.push({ at: [at[0], at[1]], place: locate(slot, file, at[2]) });
      }
    }
    for (const slot of this.replayed) {
      if (this.fresh.has(slot)) continue;
      for (const [file, at] of Object.entries(this.stored[slot] ?? {})) segments.push({ at: [at[0], at[1]], place: locate(slot, file, at[2]) });
    }
    return segments;
  }
}
