import { displayPath } from './paths.js';
import { neutralizeControlCharacters } from './safe-text.js';
import type { Formatter } from './types.js';


/**
 * One line per message, `path:line:column: severity message [rule-id]`, the shape editors and
 * CI problem matchers recognise, then `N problems`. Text from linted files (the path and the
 * message) is passed through neutralizeControlCharacters, so each message stays on one line.
 */
export const formatCompact: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = neutralizeControlCharacters(displayPath(result.filePath, context.cwd));
    for (const message of result.messages) {
      const severity = message.severity === 2 ? 'error' : 'warning';
      lines.push(`${file}:${message.line}:${message.column}: ${severity} ${neutralizeControlCharacters(message.message)} [${message.ruleId}]`);
    }
  }
  if (lines.length === 0) return '';
  lines.push(`${lines.length} ${lines.length === 1 ? 'problem' : 'problems'}`);
  return `${lines.join('\n')}\n`;
};
