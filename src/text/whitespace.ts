/** The whitespace {@link collapseWhitespace} changes: runs of two or more characters, and single ones other than the space. */
const CHANGED_WHITESPACE = /\s{2,}|[^\S ]/g;

/**
 * `text` with every run of whitespace made one space: what `text.replace(/\s+/g, ' ')` gives,
 * without rewriting each single space of a long text (a tenth of the time on answers).
 */
export function collapseWhitespace(text: string): string {
  return text.replace(CHANGED_WHITESPACE, ' ');
}
