import { collapseWhitespace } from './whitespace.js';

/** Text from a page quoted in a message: one line, at most `max` characters. */
export function quoteExcerpt(text: string, max = 60): string {
  const flat = collapseWhitespace(text).trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
