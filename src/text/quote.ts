/** Text from a page quoted in a message: one line, at most `max` characters. */
export function quoteExcerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
