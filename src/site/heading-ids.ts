/**
 * Heading IDs as Hugo's goldmark integration assigns them (HUGO.md §2).
 *
 * Source of truth: Hugo `markup/goldmark/autoid.go` (github, github-ascii),
 * `markup/blackfriday/anchors.go` (blackfriday) and the ID set goldmark keeps
 * per page. Every branch below mirrors one of those so a fragment such as
 * `/docs/reference/terms/#relying-party-rp` can be checked without running Hugo.
 */

/** The values Hugo accepts for `markup.goldmark.parser.autoIDType`. */
export type HeadingIdStyle = 'github' | 'github-ascii' | 'blackfriday';

/** What Hugo writes when a heading sanitizes to nothing (e.g. `## !!!`). */
const EMPTY_HEADING_ID = 'heading';

// Go's bytes.TrimSpace trims unicode.IsSpace, which is exactly the Unicode
// White_Space property; String.prototype.trim differs (it trims U+FEFF, keeps U+0085).
const EDGE_WHITESPACE = /^\p{White_Space}+|\p{White_Space}+$/gu;
// unicode.IsLetter / unicode.IsDigit (decimal digits only) / unicode.IsNumber (all numbers).
const LETTER = /^\p{L}$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
const NUMBER = /^\p{N}$/u;
const NONSPACING_MARK = /\p{Mn}/gu;

/**
 * The ID Hugo (goldmark) gives a heading with this plain text, before
 * de-duplication. An empty result becomes `heading`, as in Hugo.
 *
 * @param text - the heading's plain text (without any `{#id}` attribute)
 * @param style - the site's `autoIDType`
 */
export function headingId(text: string, style: HeadingIdStyle): string {
  const id = style === 'blackfriday' ? blackfridayId(text) : githubId(text, style === 'github-ascii');
  return id === '' ? EMPTY_HEADING_ID : id;
}

/**
 * github / github-ascii. Order matters and follows Hugo: accents are removed
 * first, then whitespace is trimmed, then non-ASCII runes are dropped. So
 * `Good: 神真美好` keeps the hyphen before the dropped CJK text (`good-`).
 */
function githubId(text: string, asciiOnly: boolean): string {
  let source = asciiOnly ? removeAccents(text) : text;
  source = source.replace(EDGE_WHITESPACE, '');
  let out = '';
  for (const ch of source) {
    if (asciiOnly && (ch.codePointAt(0) ?? 0) > 0x7f) continue;
    // Only U+0020 and '-' become hyphens, one each: no collapsing, and a tab
    // or NBSP inside the text is dropped like punctuation.
    if (ch === ' ' || ch === '-') out += '-';
    else if (ch === '_' || LETTER.test(ch) || DECIMAL_DIGIT.test(ch)) out += lowerRune(ch);
  }
  return out;
}

/** blackfriday: each run of non letter/number characters is one hyphen, but only between kept characters. */
function blackfridayId(text: string): string {
  let out = '';
  let pendingDash = false;
  for (const ch of text) {
    if (LETTER.test(ch) || NUMBER.test(ch)) {
      if (pendingDash && out !== '') out += '-';
      pendingDash = false;
      out += lowerRune(ch);
    } else {
      pendingDash = true;
    }
  }
  return out;
}

/** Hugo's text.RemoveAccents: NFD, drop nonspacing marks (Mn), NFC (`é` → `e`). */
function removeAccents(text: string): string {
  return text.normalize('NFD').replace(NONSPACING_MARK, '').normalize('NFC');
}

/**
 * Go's unicode.ToLower maps one rune to one rune. JavaScript's full case
 * mapping can yield more (`İ` → `i̇`); the first code point is Go's answer.
 */
function lowerRune(ch: string): string {
  const [first = ch] = ch.toLowerCase();
  return first;
}

/**
 * Assigns IDs to a page's headings in document order, as Hugo does with one
 * ID set per page: explicit IDs (`## T {#id}`) are registered as written and
 * never suffixed, even when taken; an auto ID that is taken gets the first
 * free suffix `-1`, `-2`, …. An explicit ID only claims its name from the
 * point it appears, so an earlier auto ID with the same text is not renamed.
 */
export class HeadingIdRegistry {
  readonly #style: HeadingIdStyle;
  readonly #taken = new Set<string>();

  /** @param style - the site's `autoIDType` */
  constructor(style: HeadingIdStyle) {
    this.#style = style;
  }

  /**
   * Registers the next heading of the page and returns its ID.
   *
   * @param text - the heading's plain text
   * @param explicitId - the ID from a `{#id}` attribute, when the heading has one
   */
  add(text: string, explicitId?: string): string {
    if (explicitId !== undefined) {
      this.#taken.add(explicitId);
      return explicitId;
    }
    const base = headingId(text, this.#style);
    let id = base;
    for (let n = 1; this.#taken.has(id); n++) id = `${base}-${n}`;
    this.#taken.add(id);
    return id;
  }

  /** Whether some heading registered so far has this ID (case-sensitive, as fragments are). */
  has(id: string): boolean {
    return this.#taken.has(id);
  }

  /** The distinct IDs registered so far, in the order they were first assigned. */
  ids(): string[] {
    return [...this.#taken];
  }
}
