import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SeverityName } from '../rules/define-rule.js';
import type { ParseOptions } from '../parse/document.js';
import type { LineIndexParts } from '../model/line-index.js';
import type { DocumentFacts } from './cache.js';
import type { ConfigLookup } from './config-resolution.js';
import type { LintMessage } from './results.js';

/** What a worker needs to check files as the main thread would: the same config, rule settings and parser options. */
export interface WorkerSetup {
  lookup: ConfigLookup;
  ruleOverrides: Record<string, SeverityName>;
  parseOptions: ParseOptions;
  /**
   * Whether the run keeps a cache (`--cache`): then each page comes with the digest of its bytes
   * (its cache entry's key) and of its cross-page parts (page-parts.ts); no other run needs them.
   */
  forCache: boolean;
}

/** A page for a worker to read and parse: the main thread never holds the text of a page parsed elsewhere. */
export interface ParseJob {
  file: string;
  /** Its size (bytes on disk, or characters), for batching and to keep very large pages on the main thread. */
  size: number;
  /** False for pages read only as context (the rest of the site): facts, no findings. */
  linted: boolean;
}

export interface ParseBatch {
  id: number;
  jobs: ParseJob[];
}

/** A page parsed on a worker: its facts, and the findings of the rules that read only the file (null for context pages). */
export interface ParsedPage {
  file: string;
  /** The digest of the bytes the worker read, so the main thread can tell whether they are the bytes it hashed (with a cache; '' without). */
  digest: string;
  /** Where the file is not valid UTF-8, as the main thread's read reports it. */
  readProblems: Array<{ message: string; offset: number }>;
  /** The page's line index, which outlives its text on the main thread (positions of inline comments, read problems). */
  lines: LineIndexParts;
  facts: DocumentFacts;
  messages: LintMessage[] | null;
  internalErrors: string[];
  /** The digest of the page's cross-page parts, when asked for. */
  parts: string | undefined;
}

/**
 * A parsed page as a worker sends it: facts as JSON text, which the main thread parses into
 * objects that share their shapes (a structured clone gives every object its own, several times
 * the memory on a large site), and which read exactly as facts from the cache do.
 */
export type ParsedPageMessage = Omit<ParsedPage, 'facts'> & { factsJson: string };

/**
 * A worker's answer for a page: parsed, or not readable as text there (missing, binary, gone
 * since it was listed), which the main thread then reads and reports itself.
 */
export type PageMessage = ParsedPageMessage | { file: string; unread: true };

/** `--concurrency`: how many worker threads parse; `auto` decides by the amount of Markdown to parse. */
export type Concurrency = number | 'auto' | 'off';

/** Below this much Markdown to parse, starting threads costs more than it saves. */
const AUTO_MIN_BYTES = 1 << 20;
/**
 * A worker's heap is capped so that it collects garbage instead of growing (each parse leaves a
 * lot): on a 3,000-page site that keeps hundreds of megabytes off the peak. Pages so large that
 * their parse could outgrow the cap are parsed on the main thread instead.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };
export const MAX_WORKER_PAGE_SIZE = 1 << 20;
/** Text sent to a worker at a time: large enough to keep message overhead small, small enough to balance the load. */
const BATCH_BYTES = 128 * 1024;

/** The compiled worker script; missing when faqlint runs from its TypeScript sources (tests), which then parse in-process. */
function workerScript(): URL | undefined {
  const url = new URL('./parse-worker.js', import.meta.url);
  return url.protocol === 'file:' && fs.existsSync(fileURLToPath(url)) ? url : undefined;
}

/** How many workers to start for these jobs: 0 to parse on the main thread (which parses pages over {@link MAX_WORKER_PAGE_SIZE} anyway). */
export function workerCount(concurrency: Concurrency | undefined, allJobs: readonly ParseJob[]): number {
  const jobs = allJobs.filter((job) => job.size <= MAX_WORKER_PAGE_SIZE);
  if (jobs.length === 0 || concurrency === 'off' || concurrency === 0 || !workerScript()) return 0;
  if (typeof concurrency === 'number') return Math.min(concurrency, jobs.length);
  const cores = os.availableParallelism();
  const bytes = jobs.reduce((sum, job) => sum + job.size, 0);
  return cores < 2 || bytes < AUTO_MIN_BYTES ? 0 : Math.min(cores, 4, jobs.length);
}

function batchesOf(jobs: readonly ParseJob[]): ParseJob[][] {
  const batches: ParseJob[][] = [];
  let current: ParseJob[] = [];
  let size = 0;
  for (const job of jobs) {
    current.push(job);
    size += job.size;
    if (size >= BATCH_BYTES) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Worker threads that parse pages, started before the pages are known: a worker takes about a
 * tenth of a second to load faqlint, which it can spend while the main thread lists the site.
 */
export interface ParseWorkers {
  /**
   * Parses the jobs (once), handing each page to `onPage` as it arrives; then the workers stop. Batches
   * go to whichever worker is free, so a few large pages do not leave a thread idle. Never
   * rejects: if a worker fails, the pool stops, and the pages not handed over (and pages over
   * {@link MAX_WORKER_PAGE_SIZE}, or that a worker could not read) are left for the caller to
   * read and parse on the main thread.
   */
  parse(jobs: readonly ParseJob[], onPage: (page: ParsedPage) => void): Promise<void>;
  /** Stops the workers (when no parse needs them, or after one). */
  close(): void;
}

/** Starts `threads` workers that load faqlint and wait for {@link ParseWorkers.parse}; undefined for none. */
export function startParseWorkers(setup: WorkerSetup, threads: number): ParseWorkers | undefined {
  const script = workerScript();
  if (!script || threads < 1) return undefined;
  const workers: Worker[] = [];
  const ready: Worker[] = [];
  let pending: Array<ParseBatch | undefined> = [];
  let next = 0;
  let outstanding = 0;
  let running = 0;
  let parsing: { onPage: (page: ParsedPage) => void; resolve: () => void } | undefined;
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    for (const worker of workers) void worker.terminate();
    parsing?.resolve();
  };
  const dispatch = (worker: Worker): void => {
    const batch = pending[next];
    if (closed || !batch) return;
    pending[next++] = undefined;
    worker.postMessage(batch);
  };
  // Two batches in flight, so a worker never waits for the main thread between them.
  const prime = (worker: Worker): void => {
    dispatch(worker);
    dispatch(worker);
  };
  for (let index = 0; index < threads; index++) {
    const worker = new Worker(script, { workerData: setup, resourceLimits: WORKER_HEAP });
    workers.push(worker);
    running++;
    worker.on('message', (message: 'ready' | { id: number; pages: PageMessage[] }) => {
      if (closed) return;
      if (message === 'ready') {
        ready.push(worker);
        if (parsing) prime(worker);
        return;
      }
      for (const page of message.pages) {
        if ('unread' in page) continue;
        const { factsJson, ...rest } = page;
        parsing?.onPage({ ...rest, facts: JSON.parse(factsJson) as DocumentFacts });
      }
      outstanding--;
      if (outstanding === 0) close();
      else dispatch(worker);
    });
    worker.on('error', close);
    worker.on('exit', () => {
      running--;
      if (running === 0) close();
    });
  }
  return {
    parse: (jobs, onPage) => {
      if (closed) return Promise.resolve();
      pending = batchesOf(jobs.filter((job) => job.size <= MAX_WORKER_PAGE_SIZE)).map((batch, id) => ({ id, jobs: batch }));
      outstanding = pending.length;
      if (outstanding === 0) {
        close();
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        parsing = { onPage, resolve };
        for (const worker of ready) prime(worker);
      });
    },
    close,
  };
}

/**
 * Workers started for these files, before what else the run must parse is known, when the files
 * alone call for them (see {@link workerCount}); undefined when they do not.
 */
export function startParseWorkersFor(files: readonly string[], concurrency: Concurrency | undefined, setup: WorkerSetup): ParseWorkers | undefined {
  return startParseWorkers(setup, workerCount(concurrency, files.map((file) => ({ file, size: fileSize(file), linted: true }))));
}

/** A file's size in bytes; 0 when it cannot be looked at (the worker's read then fails, and the main thread reports why). */
export function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}
