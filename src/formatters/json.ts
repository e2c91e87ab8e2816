import type { Formatter } from './types.js';

/** ESLint-compatible JSON: `[{filePath, messages, errorCount, warningCount}]`. */
export const formatJson: Formatter = (results) =>
  JSON.stringify(
    results.map((result) => ({
      filePath: result.filePath,
      messages: result.messages.map((message) => ({
        ruleId: message.ruleId,
        severity: message.severity,
        message: message.message,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        ...(message.related ? { related: message.related } : {}),
      })),
      errorCount: result.errorCount,
      warningCount: result.warningCount,
    })),
  );
