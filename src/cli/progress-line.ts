import type { LintProgress } from '../api.js';

/** Runs shorter than this show no progress at all. */
const SHOW_AFTER_MS = 1000;
/** Redraw at most this often: a terminal write per page would cost more than it tells. */
const REDRAW_MS = 100;

function describe(progress: LintProgress): string {
  if (progress.phase === 'parse') return `parsing pages: ${progress.done}/${progress.total}`;
  if (progress.phase === 'check') return `checking files: ${progress.done}/${progress.total}`;
  return 'checking the whole site';
}

/**
 * A one-line progress display for a terminal's stderr: nothing for the first second, then the
 * phase and count, redrawn in place; `clear` erases it before the report is printed.
 */
export function progressLine(write: (text: string) => void, now: () => number = () => performance.now()): { update(progress: LintProgress): void; clear(): void } {
  const started = now();
  let shownAt: number | undefined;
  let lastPhase: LintProgress['phase'] | undefined;
  return {
    update(progress) {
      const time = now();
      if (time - started < SHOW_AFTER_MS) return;
      // A new phase is shown at once; counts within a phase are throttled.
      if (shownAt !== undefined && progress.phase === lastPhase && time - shownAt < REDRAW_MS) return;
      write(`\r\u001b[Kfaqlint: ${describe(progress)}`);
      shownAt = time;
      lastPhase = progress.phase;
    },
    clear() {
      if (shownAt !== undefined) write('\r\u001b[K');
      shownAt = undefined;
    },
  };
}
