import type { Span } from '../model/types.js';

/** 1 = warning, 2 = error, as in ESLint. */
export type Severity = 1 | 2;

/** One finding, in ESLint's message shape (plus related locations). */
export interface LintMessage {
  /** Rule id; `parse-error` for problems in the source, `rule-error` for a rule that crashed. */
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Other places the finding points to ("first asked at …"). */
  related?: Array<{ message: string; filePath: string; line: number; column: number; endLine: number; endColumn: number }>;
}

/** Results for one file, in ESLint's result shape. */
export interface LintResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
}

export function spanFields(span: Span): Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column };
}

export function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message);
}

export function finishResult(filePath: string, messages: LintMessage[]): LintResult {
  messages.sort(compareMessages);
  return {
    filePath,
    messages,
    errorCount: messages.filter((message) => message.severity === 2).length,
    warningCount: messages.filter((message) => message.severity === 1).length,
  };
}
