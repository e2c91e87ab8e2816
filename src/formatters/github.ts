import { displayPath } from './paths.js';
import { neutralizeControlCharacters } from './safe-text.js';
import type { Formatter } from './types.js';

/**
 * Line breaks survive (GitHub shows multi-line annotations); every other control character or
 * bidi override from a linted file is shown as a visible escape, so it cannot drive a terminal
 * or the log viewer.
 */
function visible(text: string): string {
  return text.replace(/[^\r\n]+/g, (run) => neutralizeControlCharacters(run));
}

/** GitHub's escaping for a workflow command's message (what follows the second `::`). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping for a property value: the message escapes plus the separators `:` and `,`. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}


/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), one per message, which
 * the runner turns into annotations on the pull request. Columns are only sent for single-line
 * spans: GitHub ignores `col`/`endColumn` when `line` and `endLine` differ.
 */
export const formatGithub: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = escapeProperty(visible(displayPath(result.filePath, context.cwd)));
    for (const message of result.messages) {
      const command = message.severity === 2 ? 'error' : 'warning';
      const properties = [`file=${file}`, `line=${message.line}`, `endLine=${message.endLine}`];
      if (message.line === message.endLine) properties.push(`col=${message.column}`, `endColumn=${message.endColumn}`);
      properties.push(`title=${escapeProperty(visible(message.ruleId))}`);
      lines.push(`::${command} ${properties.join(',')}::${escapeData(visible(message.message))}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
