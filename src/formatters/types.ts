import type { LintResult } from '../engine/results.js';

export interface FormatterContext {
  /** Folder that file paths are shown relative to. */
  cwd: string;
  /** Whether to use ANSI colours (stylish only). */
  color: boolean;
}

/** A pure function from results to text. */
export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;
