import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * What a run asks the disk besides the config and the linted files: `read` (a file's bytes, as
 * a digest), `kind` (is this path a file, a folder, nothing), `kinds` (that, for several names in
 * one folder), `markdown` (the Markdown files under a folder), `entries` (a folder's entries),
 * and `find` (a site's pages, asked by the engine's file search). Every answer is a string, so a
 * later run can ask again and compare.
 */
export type DiskQuestion = 'read' | 'kind' | 'kinds' | 'markdown' | 'entries' | 'find';

export type FileKind = 'file' | 'dir' | 'other' | 'none';

/**
 * One question and the answer the disk gave: `[question, path, answer]`, and for a `read` of a
 * file that had settled when it was read, its {@link FileSignature}.
 */
export type DiskAnswer = [question: string, target: string, answer: string, signature?: string];

/**
 * A file's size, modification and change times and inode, as `stat` gives them: taken before its
 * bytes are read, so a write after the read makes another one. A later run that finds the same
 * signature need not read the file again to know its digest, as git's index and ESLint's
 * metadata cache trust them; `--cache-strategy content` reads every file anyway.
 */
export type FileSignature = string;

/**
 * How long a file must have been left alone (in ms) for its signature to be kept: a write within
 * the resolution of the file system's clock (2 s on FAT) after the read could keep every field
 * the same, and a file changed that recently is read again next run.
 */
export const SETTLED_MS = 2_000;

/** The signature of a file as `stat` saw it at `now` (ms since the epoch), or undefined when it changed too recently to be trusted. */
export function signatureOf(stat: fs.Stats, now: number): FileSignature | undefined {
  if (Math.max(stat.mtimeMs, stat.ctimeMs) > now - SETTLED_MS) return undefined;
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

/** Whether the file at `target` still has `signature` (a file that cannot be looked at has none). */
export function hasSignature(target: string, signature: FileSignature): boolean {
  try {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    return stat !== undefined && stat.isFile() && signatureOf(stat, Date.now()) === signature;
  } catch {
    return false;
  }
}

/**
 * The disk as one run saw it. It is the run's memo (a link checker asks about the same paths
 * over and over, and a run must see one disk state throughout) and its record: with `--cache`,
 * a later run that gets the same answer to every question can replay this run's results.
 */
export class DiskLog {
  private readonly answers = new Map<string, DiskAnswer>();
  /** Answers the disk gave this run before anything asked them (a replay check), recorded once asked. */
  private readonly given = new Map<string, string>();
  /** Markdown listings made for such answers, by folder. */
  private readonly listings = new Map<string, string[]>();

  note(question: DiskQuestion, target: string, answer: string, signature?: FileSignature): void {
    this.answers.set(`${question}\0${target}`, signature === undefined ? [question, target, answer] : [question, target, answer, signature]);
  }

  /** Keeps an answer the disk gave for the run to use, without recording it as asked. */
  remember(question: DiskQuestion, target: string, answer: string): void {
    this.given.set(`${question}\0${target}`, answer);
  }

  /** Keeps a folder's Markdown listing, made for a `markdown` answer, for the run to use. */
  rememberListing(dir: string, files: string[]): void {
    this.listings.set(dir, files);
    this.given.set(`markdown\0${dir}`, listDigest(files));
  }

  /** A listing kept by {@link rememberListing}: recorded now, as asked. */
  recallListing(dir: string): string[] | undefined {
    const files = this.listings.get(dir);
    if (files) this.recall('markdown', dir);
    return files;
  }

  /** An answer given earlier in the run and not yet asked: recorded now, as asked. */
  recall(question: DiskQuestion, target: string): string | undefined {
    const answer = this.given.get(`${question}\0${target}`);
    if (answer !== undefined) this.note(question, target, answer);
    return answer;
  }

  answer(question: DiskQuestion, target: string): string | undefined {
    return this.answers.get(`${question}\0${target}`)?.[2];
  }

  /** Every question with its answer, in the order first asked. */
  entries(): DiskAnswer[] {
    return [...this.answers.values()];
  }
}

const runLog = new AsyncLocalStorage<DiskLog>();

/** Runs `work` with `log` as the disk log of everything it asks, across awaits. */
export function withDiskLog<T>(log: DiskLog, work: () => T): T {
  return runLog.run(log, work);
}

/** Notes an answer found by other means (the engine's file search) in the run's log. */
export function noteOnDisk(question: DiskQuestion, target: string, answer: string): void {
  runLog.getStore()?.note(question, target, answer);
}

/** The digest a `read` answer holds: the same bytes give the same digest. */
export function bytesDigest(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('base64');
}

export type BytesRead = { ok: true; bytes: Buffer; digest: string | undefined } | { ok: false; code: string };

/**
 * Reads a file's bytes. The digest is computed when asked for or when a disk log records the
 * run, once for both.
 */
export function readBytes(file: string, wantDigest = false): BytesRead {
  const log = runLog.getStore();
  let read: BytesRead;
  let signature: FileSignature | undefined;
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(file, 'r');
    // Before the read: a write after it then makes a signature other than the one kept.
    if (log) signature = signatureOf(fs.fstatSync(descriptor), Date.now());
    const bytes = fs.readFileSync(descriptor);
    read = { ok: true, bytes, digest: wantDigest || log ? bytesDigest(bytes) : undefined };
  } catch (error) {
    read = { ok: false, code: (error as NodeJS.ErrnoException).code ?? 'EIO' };
    signature = undefined;
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
  log?.note('read', file, readAnswer(read), signature);
  return read;
}

function readAnswer(read: BytesRead): string {
  return read.ok ? (read.digest ?? bytesDigest(read.bytes)) : `!${read.code}`;
}

/** What is at `target`, asked of the disk itself (no log, no memo). */
export function statKind(target: string): FileKind {
  try {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    return stat === undefined ? 'none' : stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
  } catch {
    // A path we may not look at is a path that is not there.
    return 'none';
  }
}

/** The run's answer to `question` about `target`: given this run, recalled from the last, or asked of the disk now. */
function answerOnce(question: DiskQuestion, target: string, ask: () => string): string {
  const log = runLog.getStore();
  const known = log?.answer(question, target) ?? log?.recall(question, target);
  if (known !== undefined) return known;
  const answer = ask();
  log?.note(question, target, answer);
  return answer;
}

/** What is at `target` (following symbolic links), remembered for the run. */
export function fileKind(target: string): FileKind {
  return answerOnce('kind', target, () => statKind(target)) as FileKind;
}

const KIND_CODES: Record<FileKind, string> = { file: 'f', dir: 'd', other: 'o', none: 'n' };
const KIND_OF_CODE: Record<string, FileKind> = { f: 'file', d: 'dir', o: 'other', n: 'none' };

/**
 * A `kinds` answer: a letter per name. The folder is listed once and only the names it holds (in
 * any letter case: the disk may ignore case) are looked at, so a folder with none of them costs
 * one call instead of one per name. A folder that cannot be listed has each name looked at.
 */
function kindsAnswer(dir: string, names: readonly string[]): string {
  let listed: Set<string> | undefined;
  try {
    listed = new Set(fs.readdirSync(dir).map((name) => name.toLowerCase()));
  } catch {
    listed = undefined;
  }
  return names.map((name) => KIND_CODES[listed && !listed.has(name.toLowerCase()) ? 'none' : statKind(path.join(dir, name))]).join('');
}

/**
 * What is at each of `names` (single path segments) in `dir`, following symbolic links, as
 * {@link fileKind} would say, remembered for the run. Asked as one question: a site root search
 * asks every folder for nine names, and a later run asks again.
 */
export function kindsIn(dir: string, names: readonly string[]): FileKind[] {
  const answer = answerOnce('kinds', [dir, ...names].join('\0'), () => kindsAnswer(dir, names));
  return [...answer].map((code) => KIND_OF_CODE[code] as FileKind);
}

/** File extensions of Markdown content pages. */
export const CONTENT_EXTENSIONS = ['.md', '.markdown'];

function listMarkdown(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string, depth: number): void => {
    if (depth > 64) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full, depth + 1);
      else if (entry.isFile() && CONTENT_EXTENSIONS.some((extension) => entry.name.toLowerCase().endsWith(extension))) files.push(full);
    }
  };
  walk(dir, 0);
  return files.sort();
}

/** Every Markdown file under `dir` (hidden folders and node_modules skipped), sorted. */
export function markdownFilesUnder(dir: string): string[] {
  const log = runLog.getStore();
  const remembered = log?.recallListing(dir);
  if (remembered) return remembered;
  const files = listMarkdown(dir);
  log?.note('markdown', dir, listDigest(files));
  return files;
}

/** The Markdown files under `dir` as {@link markdownFilesUnder} lists them, asked of the disk itself (no log, no memo). */
export function markdownListing(dir: string): string[] {
  return listMarkdown(dir);
}

function readEntries(dir: string): { entries: fs.Dirent[]; error?: unknown } {
  try {
    return { entries: fs.readdirSync(dir, { withFileTypes: true }) };
  } catch (error) {
    return { entries: [], error };
  }
}

function entriesAnswer(read: { entries: fs.Dirent[]; error?: unknown }): string {
  if (read.error !== undefined) return `!${(read.error as NodeJS.ErrnoException).code ?? 'EIO'}`;
  return listDigest(read.entries.map((entry) => `${entry.isDirectory() ? 'd' : entry.isFile() ? 'f' : 'o'}${entry.name}`).sort());
}

/** A folder's entries; throws as `readdirSync` does. */
export function directoryEntries(dir: string): fs.Dirent[] {
  const read = readEntries(dir);
  runLog.getStore()?.note('entries', dir, entriesAnswer(read));
  if (read.error !== undefined) throw read.error;
  return read.entries;
}

/** A digest of a list of names, for answers that are lists. */
export function listDigest(names: readonly string[]): string {
  return createHash('sha1').update(names.join('\0')).digest('base64');
}

// One buffer for every file a replay check reads: thousands of reads allocate nothing new.
let scratch = Buffer.allocUnsafe(1 << 20);

/** A `read` answer for `file`, as {@link readBytes} gives it (with the signature it would keep and the bytes read), read into the shared buffer. */
export function rereadFile(file: string): { answer: string; signature?: FileSignature; bytes: number } {
  let descriptor: number | undefined;
  try {
    descriptor = fs.openSync(file, 'r');
    const stat = fs.fstatSync(descriptor);
    const signature = signatureOf(stat, Date.now());
    const size = stat.size;
    if (size + 1 > scratch.length) scratch = Buffer.allocUnsafe(size + 1);
    let length = 0;
    for (;;) {
      const count = fs.readSync(descriptor, scratch, length, scratch.length - length, null);
      if (count === 0) break;
      length += count;
      // The file grew while being read: make room and read on.
      if (length === scratch.length) scratch = Buffer.concat([scratch, Buffer.allocUnsafe(scratch.length)]);
    }
    const answer = bytesDigest(scratch.subarray(0, length));
    return signature === undefined ? { answer, bytes: length } : { answer, signature, bytes: length };
  } catch (error) {
    return { answer: `!${(error as NodeJS.ErrnoException).code ?? 'EIO'}`, bytes: 0 };
  } finally {
    if (descriptor !== undefined) fs.closeSync(descriptor);
  }
}

/** Asks a recorded question again, of the disk itself (no log, no memo); `find` is the engine's to ask. */
export function askAgain(question: string, target: string): string | undefined {
  switch (question) {
    case 'read':
      return rereadFile(target).answer;
    case 'kind':
      return statKind(target);
    case 'kinds': {
      const [dir = '', ...names] = target.split('\0');
      return kindsAnswer(dir, names);
    }
    case 'markdown':
      return listDigest(markdownListing(target));
    case 'entries':
      return entriesAnswer(readEntries(target));
    default:
      return undefined;
  }
}
