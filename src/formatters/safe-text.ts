/**
 * Text from linted files (questions, file names) must not drive the terminal: control characters
 * and ANSI escape sequences are shown as visible escapes.
 */
export function neutralizeControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }).replace(/[\n\t]/g, (ch) => (ch === '\n' ? '\\n' : ' '));
}
