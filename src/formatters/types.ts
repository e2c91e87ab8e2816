import type { LintResult } from '../engine/results.js';

/** What formatters know about a rule (for SARIF's rule table and docs links). */
export interface FormatterRuleInfo {
  id: string;
  description: string;
  defaultSeverity: 'warn' | 'error';
  /** Undefined for a plugin rule that gives no `meta.docsUrl`. */
  docsUrl: string | undefined;
}

export interface FormatterContext {
  /** Folder that file paths are shown relative to (and SARIF's %SRCROOT%). */
  cwd: string;
  /** Whether to use ANSI colours (stylish only). */
  color: boolean;
  /** Every rule that could have reported, including `parse-error` and `rule-error`. */
  rules: readonly FormatterRuleInfo[];
  /** faqlint's version. */
  version: string;
}

/** A pure function from results to text. */
export type Formatter = (results: readonly LintResult[], context: FormatterContext) => string;
