/**
 * Placeholder phrases writers leave behind. Each pattern is decided by form and position, so the
 * same word used as a name or a term ("the TODO app example", "the placeholder attribute") is
 * not a marker.
 */

export interface PlaceholderMatch {
  /** Index of the first character in the analysed text. */
  start: number;
  end: number;
  /** What was found, quoted in the message. */
  text: string;
}

const STUFF = String.raw`(?:some\s+|your\s+|the\s+|an?\s+|short\s+|real\s+|final\s+|more\s+)*(?:intro(?:duction)?|text|content|copy|answer|description|summary|explanation|details|info(?:rmation)?|question|something|lead|body|paragraph|words?|blurb|sentence|example)(?:\s+(?:text|content|copy))?`;

export const PATTERNS: readonly RegExp[] = [
  // Markers: TODO/FIXME/XXX/TBD as the text's start, before a colon, alone, or in brackets.
  /^\s*(?:TODO|FIXME|XXX|TBD|TBA)\b[^.!?\n]*/,
  /\b(?:TODO|FIXME|XXX|TBD)\s*[:(][^.!?\n]*/i,
  /\((?:TODO|TBD|FIXME)\b[^)]*\)/i,
  /\b(?:FIXME|TBD)\b/,
  // "put/insert/add … here"
  new RegExp(String.raw`\b(?:put|insert|add|write|place|enter|type|paste|fill\s+in)\s+${STUFF}\s+here\b`, 'i'),
  // "answer goes here", "text comes here"
  new RegExp(String.raw`\b${STUFF}\s+(?:goes|comes|will\s+go|to\s+go)\s+here\b`, 'i'),
  /\blorem\s+ipsum\b/i,
  // Bracketed stubs: "[Add answer]", "[TBD]", "[Insert screenshot here]"
  /\[\s*(?:add|insert|write|todo|tbd|placeholder|answer|describe|fill|tk|your)\b[^\]\n]{0,60}\]/i,
  /\{\{\s*(?:placeholder|todo|tbd)\s*\}\}/i,
];

/**
 * What text must hold for any of {@link PATTERNS} to match: a marker word, " here", "lorem", a
 * bracket or "{{". Most text holds none, and is done with in one scan.
 */
export const ANY_PATTERN_MAY_MATCH = /todo|fixme|xxx|tbd|tba|\shere\b|lorem|\[|\{\{/i;

/** A body that is nothing but one of these is a placeholder. */
const WHOLE_BODY = /^\s*(?:(?:(?:more\s+)?(?:content|answer|details|info|documentation|docs|text)\s+)?coming\s+soon|to\s+be\s+(?:written|added|done|determined|announced|completed|filled\s+in)|under\s+construction|work\s+in\s+progress|wip|placeholder(?:\s+text)?|sample\s+text|dummy\s+text|text|tk|tbd|tba|todo|n\/a|\.\.\.|…|answer|description|lorem)\s*[.!…]*\s*$/i;

/**
 * The first placeholder in `text`, if any. `extra` are user patterns (already validated);
 * `allow` are phrases that are never placeholders on this site.
 */
export function findPlaceholder(text: string, extra: readonly RegExp[] = [], allow: readonly string[] = []): PlaceholderMatch | undefined {
  const candidates: PlaceholderMatch[] = [];
  if (WHOLE_BODY.test(text)) {
    const start = text.search(/\S/);
    candidates.push({ start, end: text.trimEnd().length, text: text.trim() });
  }
  for (const pattern of ANY_PATTERN_MAY_MATCH.test(text) ? [...PATTERNS, ...extra] : extra) {
    const match = pattern.exec(text);
    if (match && match[0].trim() !== '') {
      const lead = match[0].search(/\S/);
      candidates.push({ start: match.index + lead, end: match.index + match[0].trimEnd().length, text: match[0].trim() });
    }
  }
  const allowed = allow.map((phrase) => phrase.toLowerCase());
  return candidates
    .filter((candidate) => !allowed.some((phrase) => candidate.text.toLowerCase().includes(phrase)))
    .sort((a, b) => a.start - b.start || b.end - a.end)[0];
}
