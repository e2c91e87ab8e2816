import path from 'node:path';
import type { FaqlintConfig } from '../config/config.js';
import { askAgain, DiskLog, hasSignature, listDigest, markdownListing, rereadFile, withDiskLog, type DiskAnswer } from '../io/disk.js';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions } from '../parse/parse-options.js';
import { VERSION } from '../version.js';
import { isSiteRule, type SeverityName } from '../rules/define-rule.js';
import { activeRulesByFile, checkRuleOverrides, loadConfig, type ConfigLookup, type ResolvedConfig } from './config-resolution.js';
import { findFiles } from './files.js';
import { cacheKey, LintCache } from './cache.js';
import { PageChangedError } from './read-source.js';
import type { LintResult } from './results.js';
import { memoizedHugoRoots } from '../site/hugo-root.js';
import { startParseWorkersFor, type Concurrency, type ParseWorkers } from './worker-pool.js';
import type { EditedPage } from './recheck-pages.js';
import type { SiteRecheckPlan } from './recheck-site.js';

export interface LintOptions extends ConfigLookup {
  /** Files, folders and globs; default the working directory. */
  patterns?: readonly string[];
  /** Severity overrides that win over the config (`--rule id:severity`). */
  ruleOverrides?: Record<string, SeverityName>;
  /** Report `<!-- faqlint-disable -->` comments that silence nothing (overrides the config). */
  reportUnusedDisableDirectives?: SeverityName;
  /** Lint this text as if it were the file at `filePath` (relative to cwd), instead of `patterns`. */
  stdin?: { text: string; filePath: string };
  /** Keep facts and file-local findings of unchanged files between runs. */
  cache?: boolean;
  /** Where the cache lives: a file, or a folder for `.faqlintcache` (default: the working folder). */
  cacheLocation?: string;
  /**
   * How a run with a cache tells that a file is unchanged: `metadata` (the default) trusts a file
   * whose size, times and inode are as when it was last read, long after its last change;
   * `content` reads and hashes every file (for file systems whose times cannot be trusted).
   */
  cacheStrategy?: CacheStrategy;
  /**
   * Worker threads that parse files: a number, `off`, or `auto` (the default: one per core, up
   * to 4, when there is more than 1 MiB of Markdown to parse).
   */
  concurrency?: Concurrency;
  /** Called as the run goes: pages parsed, files checked, then the site-wide rules (for a progress line). */
  onProgress?: (progress: LintProgress) => void;
}

/** Where a run is: `parse` and `check` count pages and files; `site` runs the site-wide rules. */
export interface LintProgress {
  phase: 'parse' | 'check' | 'site';
  done: number;
  total: number;
}

export type CacheStrategy = 'metadata' | 'content';

export interface LintRun {
  results: LintResult[];
  /** Problems of the run itself (a rule crashed): the CLI exits with 2. */
  internalErrors: string[];
  /** Things the user should know that are not findings (a Hugo config file that could not be read). */
  warnings: string[];
  config: ResolvedConfig;
}

export { loadConfig } from './config-resolution.js';

function parseOptionsFrom(config: FaqlintConfig): ParseOptions {
  return {
    blockNames: [...new Set([...DEFAULT_PARSE_OPTIONS.blockNames, ...(config.shortcodes?.blocks ?? [])])],
    codeShortcodes: [...new Set([...DEFAULT_PARSE_OPTIONS.codeShortcodes, ...(config.shortcodes?.code ?? [])])],
  };
}

/**
 * Lints Markdown files and returns one result per file, in path order. Throws `ConfigError` for
 * usage and configuration problems; never throws for problems in the linted files.
 *
 * Site-wide rules see every page of the site (a Hugo site's content, or every Markdown file
 * under the config's folder), even when only some files are linted, as in a pre-commit hook;
 * findings are reported only on the linted files.
 */
export async function lint(options: LintOptions = {}): Promise<LintRun> {
  // The run's memo of what the disk said, and with --cache its record for replaying.
  const diskLog = new DiskLog();
  return withDiskLog(diskLog, () => lintLogged(options, diskLog));
}

async function lintLogged(options: LintOptions, diskLog: DiskLog): Promise<LintRun> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const resolved = await loadConfig({ ...options, cwd });
  const { config } = resolved;
  const ruleOverrides = options.ruleOverrides ?? {};
  checkRuleOverrides(resolved, ruleOverrides);
  const stdinPath = options.stdin ? path.resolve(cwd, options.stdin.filePath) : undefined;
  const hugoRootFor = memoizedHugoRoots();
  const fileSearch = { cwd, ignore: config.ignore ?? [], configDir: resolved.dir, hugoRootFor, walks: new Map() };
  const files = stdinPath ? [stdinPath] : await findFiles({ ...fileSearch, patterns: options.patterns && options.patterns.length > 0 ? options.patterns : ['.'] });
  const parseOptions = parseOptionsFrom(config);
  const rulesByFile = activeRulesByFile(resolved, files, ruleOverrides);
  // A rule that needs the whole parsed file every run makes cached facts useless.
  const factsSuffice = [...rulesByFile.values()].every((active) => active.every(({ rule }) => isSiteRule(rule) || rule.meta.reads !== undefined));
  const cache =
    options.cache && factsSuffice && !stdinPath
      ? LintCache.open(path.resolve(cwd, options.cacheLocation ?? '.faqlintcache'), cacheKey([VERSION, config, parseOptions, ruleOverrides, resolved.rules.map((rule) => rule.meta.id)]))
      : undefined;
  const unusedDirectiveSeverity = options.reportUnusedDisableDirectives ?? config.reportUnusedDisableDirectives ?? 'off';
  // With every input as it was, the last run's results are this run's: replayed without parsing.
  const runInputs = cacheKey([cwd, process.cwd(), files, unusedDirectiveSeverity]);
  const last = cache?.lastRun;
  const trustSignatures = (options.cacheStrategy ?? 'metadata') === 'metadata';
  const check = last && last.inputs === runInputs ? await changedPages(last.disk, (patterns) => findFiles({ ...fileSearch, patterns }), diskLog, trustSignatures) : undefined;
  const changed = check?.changed;
  let workers: ParseWorkers | undefined;
  try {
    if (cache && last && changed?.length === 0) {
      // Files read again only to find them unchanged (touched, or changed just before they were
      // last read) are trusted by their new signatures next time, when reading them again each
      // run would cost more than writing the header anew.
      if (check && check.trustedAnewBytes > cache.headerBytes) {
        cache.setRun({ ...last, disk: mergedDisk(last.disk, diskLog) });
        cache.saveRunOnly();
      }
      return { results: last.results, internalErrors: [], warnings: last.warnings, config: resolved };
    }
    const edited = cache && last && changed && changed.every((file) => last.parts[file] !== undefined) ? await editedPages(changed, parseOptions, resolved) : undefined;
    if (cache && last && edited) {
      const rechecked = await recheckEdited({ resolved, ruleOverrides, parseOptions, rulesByFile, unusedDirectiveSeverity, fileSearch, files, last, edited, cache }, runInputs, diskLog);
      if (rechecked) return rechecked;
    }
    const workerLookup = { cwd, configFile: resolved.file, noConfigLookup: options.noConfigLookup, ...(options.config ? { config: options.config } : {}) };
    // A worker takes a tenth of a second to load faqlint: started now, it does so while this
    // thread loads the parser and lists the site. Not with a cache, which may leave nothing to parse.
    workers = !cache && factsSuffice && !stdinPath ? startParseWorkersFor(files, options.concurrency, { lookup: workerLookup, ruleOverrides, parseOptions, forCache: false }) : undefined;
    const { checkFiles } = await import('./check-files.js');
    const run = await checkFiles({
      resolved,
      ruleOverrides,
      stdin: stdinPath && options.stdin ? { path: stdinPath, text: options.stdin.text } : undefined,
      fileSearch,
      files,
      parseOptions,
      rulesByFile,
      factsSuffice,
      cache,
      concurrency: options.concurrency,
      workerLookup,
      workers,
      unusedDirectiveSeverity,
      onProgress: options.onProgress,
    });
    if (cache) {
      // A run whose rules crashed is not one to replay.
      const replayable = run.internalErrors.length === 0 ? run.replayable : undefined;
      cache.setRun(replayable ? { inputs: runInputs, disk: diskLog.entries(), results: run.results, warnings: run.warnings, ...replayable } : undefined);
      cache.save();
    }
    return { results: run.results, internalErrors: run.internalErrors, warnings: run.warnings, config: resolved };
  } finally {
    // Lets go of the cache file even when the run throws, and of workers it did not get to use.
    cache?.close();
    workers?.close();
  }
}

/**
 * A run after an edit of some pages, from the recorded one: if no cross-page rule can see the
 * change, only the edited pages are checked; if other pages' links cannot see it, only the site
 * rules run again. Undefined when the whole site must be checked.
 */
async function recheckEdited(plan: SiteRecheckPlan, runInputs: string, diskLog: DiskLog): Promise<LintRun | undefined> {
  const { resolved, last, cache } = plan;
  const { recheckPages } = await import('./recheck-pages.js');
  const pages = recheckPages(plan);
  if (pages) {
    cache.setRun(pages.internalErrors.length === 0 ? { ...last, disk: mergedDisk(last.disk, diskLog), results: pages.results } : undefined);
    cache.saveRunOnly();
    return { results: pages.results, internalErrors: pages.internalErrors, warnings: last.warnings, config: resolved };
  }
  const { recheckSite } = await import('./recheck-site.js');
  const site = await recheckSite(plan).catch((error: unknown) => {
    // A page that changed again since the replay check: a whole run reads it anew.
    if (error instanceof PageChangedError) return undefined;
    throw error;
  });
  if (!site) return undefined;
  cache.keepStoredEntries();
  cache.setRun(site.internalErrors.length === 0 ? { inputs: runInputs, disk: mergedDisk(last.disk, diskLog), results: site.results, warnings: last.warnings, ...site.replayable } : undefined);
  cache.save();
  return { results: site.results, internalErrors: site.internalErrors, warnings: last.warnings, config: resolved };
}

/** The edited pages parsed (loading the parser), or undefined when one cannot be read. */
async function editedPages(changed: readonly string[], parseOptions: ParseOptions, resolved: ResolvedConfig): Promise<Map<string, EditedPage> | undefined> {
  const { parseEditedPages } = await import('./recheck-pages.js');
  return parseEditedPages(changed, parseOptions, resolved.rules);
}

/** The recorded answers with this run's in place of theirs, and this run's new questions after them. */
function mergedDisk(recorded: readonly DiskAnswer[], log: DiskLog): DiskAnswer[] {
  const now = new Map(log.entries().map((answer) => [`${answer[0]}\0${answer[1]}`, answer]));
  const merged = recorded.map((answer) => now.get(`${answer[0]}\0${answer[1]}`) ?? answer);
  const known = new Set(recorded.map((answer) => `${answer[0]}\0${answer[1]}`));
  for (const [key, answer] of now) if (!known.has(key)) merged.push(answer);
  return merged;
}

/**
 * The files whose content differs from the recorded run's, when that is all that differs: every
 * other answer (paths that exist, folder listings, a site's pages) must be as recorded, or the
 * result is undefined. `find` is a site's page search; `log` remembers the answers about paths
 * for the run that follows, and a file's new signature when it was read again and found
 * unchanged (`trustedAnewBytes` counts those files' bytes). With `trustSignatures`, a file with
 * the signature it had when read is not read.
 */
async function changedPages(
  answers: readonly DiskAnswer[],
  find: (patterns: string[]) => Promise<string[]>,
  log: DiskLog,
  trustSignatures: boolean,
): Promise<{ changed: string[]; trustedAnewBytes: number } | undefined> {
  // Cheap questions first: a changed page list or a new file ends the check before any file is read.
  const order = (question: string): number => (question === 'read' ? 1 : 0);
  const changed: string[] = [];
  let trustedAnewBytes = 0;
  for (const [question, target, answer, signature] of [...answers].sort((a, b) => order(a[0]) - order(b[0]))) {
    let now: string | undefined;
    if (question === 'read') {
      if (trustSignatures && signature !== undefined && hasSignature(target, signature)) continue;
      const again = rereadFile(target);
      now = again.answer;
      if (now === answer && again.signature !== undefined && again.signature !== signature) {
        log.note('read', target, now, again.signature);
        trustedAnewBytes += again.bytes;
      }
    } else if (question === 'find') {
      try {
        now = listDigest(await find(JSON.parse(target) as string[]));
      } catch {
        return undefined;
      }
    } else if (question === 'markdown') {
      // Kept, as the kinds of paths are, so that the run that follows need not ask again.
      const files = markdownListing(target);
      log.rememberListing(target, files);
      now = listDigest(files);
    } else {
      now = askAgain(question, target);
      if ((question === 'kind' || question === 'kinds') && now !== undefined) log.remember(question, target, now);
    }
    if (now === answer) continue;
    if (question !== 'read') return undefined;
    changed.push(target);
  }
  return { changed, trustedAnewBytes };
}
