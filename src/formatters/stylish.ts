import { Chalk } from 'chalk';
import { displayPath } from './paths.js';
import { neutralizeControlCharacters } from './safe-text.js';
import type { Formatter } from './types.js';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The default terminal output: a header per file, aligned rows, and a summary line. */
export const formatStylish: Formatter = (results, context) => {
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  let errors = 0;
  let warnings = 0;
  const blocks: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    const rows = result.messages.map((message) => ({
      position: `${message.line}:${message.column}`,
      severity: message.severity === 2 ? 'error' : 'warning',
      text: neutralizeControlCharacters(message.message),
      ruleId: message.ruleId,
    }));
    const positionWidth = Math.max(...rows.map((row) => row.position.length));
    const textWidth = Math.min(100, Math.max(...rows.map((row) => row.text.length)));
    const lines = [chalk.underline(neutralizeControlCharacters(displayPath(result.filePath, context.cwd)))];
    for (const row of rows) {
      const severity = row.severity === 'error' ? chalk.red(row.severity.padEnd(7)) : chalk.yellow(row.severity.padEnd(7));
      lines.push(`  ${chalk.dim(row.position.padStart(positionWidth))}  ${severity}  ${row.text.padEnd(textWidth)}  ${chalk.dim(row.ruleId)}`);
    }
    blocks.push(lines.join('\n'));
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `${errors > 0 ? '✖' : '⚠'} ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  const colouredSummary = errors > 0 ? chalk.red.bold(summary) : chalk.yellow.bold(summary);
  return `\n${blocks.join('\n\n')}\n\n${colouredSummary}\n`;
};
