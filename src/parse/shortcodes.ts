/**
 * Hugo shortcode lexer, following Hugo's `parser/pageparser/pagelexer_shortcode.go` (HUGO.md §5) so faqlint
 * sees the tags Hugo sees. Hugo stops at its first error; this lexer records it and carries on, so one run
 * reports every broken tag. Pairing open and close tags is left to `shortcode-pairs.ts`.
 */

/** One shortcode parameter, positional or named. */
export interface ShortcodeParam {
  /** Parameter name for named params (`title="Q?"`), undefined for positional ones. */
  name: string | undefined;
  /** Value after unquoting (quotes removed, `\"` unescaped as Hugo does). Unquoted `true`/`false`/numbers stay strings here. */
  value: string;
  /** Offsets (UTF-16 indices into the whole text, end exclusive) of the whole param (name through value). */
  start: number; end: number;
  /** Offsets of the value's characters, excluding quotes. */
  valueStart: number; valueEnd: number;
}

/** One shortcode tag: `{{< name params >}}`, `{{< /name >}}` or `{{< name />}}` (or the `%` forms). */
export interface ShortcodeTag {
  kind: 'open' | 'close' | 'self-closing';
  /** '<' for {{< >}}, '%' for {{% %}}. */
  delimiter: '<' | '%';
  name: string;
  params: ShortcodeParam[];
  /** Offsets of the whole tag, from `{{` to after `}}`. */
  start: number; end: number;
  nameStart: number; nameEnd: number;
}

/** A shortcode syntax error Hugo would fail the build on, with the range a writer should look at. */
export interface ShortcodeLexError { message: string; start: number; end: number }

/** Everything {@link lexShortcodes} found. */
export interface ShortcodeLexResult {
  tags: ShortcodeTag[]; // in source order
  /** Escaped literals `{{</* x *\/>}}` / `{{%/* x *\/%}}` (`*\/` only keeps this comment open): whole ranges; they are text, not shortcodes. */
  escapes: Array<{ start: number; end: number }>;
  errors: ShortcodeLexError[];
}

type Delim = '<' | '%';

/** Per-tag state. `mix` is Hugo's `paramElements`: 0 = no params yet, 1 = positional, 2 = named. */
interface TagState {
  start: number; delim: Delim; closing: boolean; name: string; close: string; other: string;
  mix: 0 | 1 | 2; mixReported: boolean; spacedSeen: boolean; params: ShortcodeParam[];
  /** Set when an unclosed string makes the whole tag unusable. */
  abandoned: boolean;
}
/** A scanned value; `end` is after its closing quote, or where to resume when the tag was abandoned. */
type Value = Pick<ShortcodeParam, 'value' | 'valueStart' | 'valueEnd' | 'end'>;

const QUOTE = 34, HYPHEN = 45, DOT = 46, SLASH = 47, EQ = 61, BACKSLASH = 92, BACKTICK = 96, LF = 10, CR = 13;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

/** Hugo separates tokens only on space, tab, CR and LF (`isSpace`, `isEndOfLine`); NBSP is not a separator. */
const isTagSpace = (c: number): boolean => c === 32 || c === 9 || c === LF || c === CR;
const codeUnits = (text: string, i: number): number => ((text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

/** Hugo's `isAlphaNumeric` (Unicode letter, decimal digit or `_`) for the code point at `i`. */
function isAlnumAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c === 95 || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  const cp = text.codePointAt(i);
  return cp !== undefined && LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
}

/** How a tag reads in messages, e.g. `{{< details` or `{{< /details`; built only when an error needs it. */
const label = (t: TagState): string => `{{${t.delim} ${t.closing ? '/' : ''}${t.name}`.trimEnd();

/**
 * `indexOf` that reuses its last answer. Unclosed escapes and raw strings would otherwise search to the
 * end of the text once per broken tag, which is quadratic; queries come at rising offsets, so this is O(n).
 */
function memoIndexOf(text: string, needle: string): (from: number) => number {
  let lastFrom = Infinity;
  let found = -1;
  return (from) => {
    if (from < lastFrom || (found !== -1 && found < from)) {
      lastFrom = from;
      found = text.indexOf(needle, from);
    }
    return found;
  };
}

class ShortcodeLexer {
  readonly tags: ShortcodeTag[] = [];
  readonly escapes: Array<{ start: number; end: number }> = [];
  readonly errors: ShortcodeLexError[] = [];
  private readonly nextBacktick: (from: number) => number;
  private readonly nextNewline: (from: number) => number;
  private readonly escapeEnd: Record<Delim, (from: number) => number>;

  constructor(private readonly text: string) {
    this.nextBacktick = memoIndexOf(text, '`');
    this.nextNewline = memoIndexOf(text, '\n');
    this.escapeEnd = { '<': memoIndexOf(text, '*/>}}'), '%': memoIndexOf(text, '*/%}}') };
  }

  run(from: number): void {
    for (let p = from, i = this.text.indexOf('{{', p); i >= 0; i = this.text.indexOf('{{', p)) {
      const d = this.text[i + 2];
      // `{{ .Title }}` and other Go template text is not a shortcode; `{{{<` starts one at the 2nd brace.
      p = d === '<' || d === '%' ? this.lexTag(i, d) : i + 1;
    }
    this.errors.sort((a, b) => a.start - b.start);
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end });
  }

  private skipSpace(p: number): number {
    while (isTagSpace(this.text.charCodeAt(p))) p++;
    return p;
  }

  private startsTag(p: number): boolean {
    return this.text.startsWith('{{<', p) || this.text.startsWith('{{%', p);
  }

  private atDelimiter(t: TagState, q: number): boolean {
    return this.text.startsWith(t.close, q) || this.text.startsWith(t.other, q) || this.startsTag(q);
  }

  private isQuoteStart(p: number): boolean {
    const c = this.text.charCodeAt(p);
    return c === QUOTE || c === BACKTICK || (c === BACKSLASH && this.text.charCodeAt(p + 1) === QUOTE);
  }

  /** Lexes the tag whose `{{` is at `start`; returns where the main scan resumes. */
  private lexTag(start: number, delim: Delim): number {
    const text = this.text;
    const close = delim === '<' ? '>}}' : '%}}';
    const other = delim === '<' ? '%}}' : '>}}';
    if (text.startsWith('/*', start + 3)) return this.lexEscape(start, delim, close);
    let p = this.skipSpace(start + 3);
    let kind: ShortcodeTag['kind'] = 'open';
    if (text.charCodeAt(p) === SLASH) {
      kind = 'close';
      p = this.skipSpace(p + 1);
    }
    const nameStart = p;
    let nameEnd = this.lexName(p, start, close, other);
    let name = text.slice(nameStart, nameEnd);
    // Hugo allows `/` in names, so `{{<x/>}}` calls a shortcode named `x/`, which never exists.
    if (name.endsWith('/') && text.startsWith(close, nameEnd)) {
      this.error(`shortcode name "${name}" ends with "/": write "${name.slice(0, -1)} /${close}" to self-close`, nameStart, nameEnd);
      name = name.slice(0, --nameEnd - nameStart);
      if (kind === 'open') kind = 'self-closing';
    }
    const t: TagState = { start, delim, closing: kind === 'close', name, close, other, mix: 0, mixReported: false, spacedSeen: false, params: [], abandoned: false };
    // Hugo's lexEndOfShortcode: only spaces and tabs may follow the name in a closing tag.
    for (p = nameEnd; kind === 'close' && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9); ) p++;
    if (kind === 'close' && name !== '' && p < text.length && !text.startsWith(close, p) && !this.startsTag(p)) {
      this.error(`closing tag "${label(t)}" takes no parameters and must end with "${close}" on the same line`, p, p + 1);
    }
    for (;;) {
      p = this.skipSpace(p);
      if (p >= text.length || this.startsTag(p)) {
        const before = p >= text.length ? 'the end of the text' : 'the next shortcode tag';
        this.error(`shortcode tag "${label(t)}" is not closed with "${close}" before ${before}`, start, Math.max(nameEnd, start + 3));
        return p;
      }
      if (text.startsWith(close, p)) break;
      if (text.startsWith(other, p)) {
        this.error(`shortcode tag opened with "{{${delim}" must be closed with "${close}", not "${other}"`, p, p + 3);
        break;
      }
      if (text.charCodeAt(p) === SLASH && text.startsWith(close, this.skipSpace(p + 1))) {
        if (kind === 'open') kind = 'self-closing';
        p = this.skipSpace(p + 1);
        break;
      }
      p = this.lexParam(t, p);
      if (t.abandoned) return p;
    }
    const end = p + 3;
    if (name !== '') this.tags.push({ kind, delimiter: delim, name, params: kind === 'close' ? [] : t.params, start, end, nameStart, nameEnd });
    return end;
  }

  /** Scans a shortcode name at `p` and returns its end (`p` itself when there is none). */
  private lexName(p: number, start: number, close: string, other: string): number {
    const text = this.text;
    if (!isAlnumAt(text, p)) {
      if (text.startsWith(close, p) || text.startsWith(other, p)) {
        this.error('shortcode tag has no name', start, p + 3);
      } else if (p < text.length && !this.startsTag(p)) { // else the caller reports an unclosed tag
        const ch = String.fromCodePoint(text.codePointAt(p) ?? 0);
        this.error(`shortcode name must start with a letter, a digit or "_", not "${ch}"`, p, p + ch.length);
      }
      return p;
    }
    let q = p;
    for (; q < text.length; q += codeUnits(text, q)) {
      const c = text.charCodeAt(q);
      if (c === DOT && !text.startsWith('inline ', q + 1)) this.error('"." is only allowed in the name of an inline shortcode ("name.inline" followed by a space)', q, q + 1);
      else if (c !== HYPHEN && c !== SLASH && c !== DOT && !isAlnumAt(text, q)) break;
    }
    return q;
  }

  /** Lexes one param at `p` and returns its end, or where to resume if the tag was abandoned. */
  private lexParam(t: TagState, p: number): number {
    const text = this.text;
    const quoted = this.isQuoteStart(p);
    let name: string | undefined;
    let nextEq = false, vs = p, wordEnd = p;
    if (!quoted) {
      if (text.charCodeAt(p) === EQ) {
        this.error('"=" must follow a parameter name, as in title="…"', p, p + 1);
        return p + 1;
      }
      // Hugo's parameter names: letters, digits, `_`, `-` and `.`.
      while (wordEnd < text.length && (text.charCodeAt(wordEnd) === HYPHEN || text.charCodeAt(wordEnd) === DOT || isAlnumAt(text, wordEnd))) {
        wordEnd += codeUnits(text, wordEnd);
      }
      const eq = wordEnd > p && text.charCodeAt(wordEnd) !== EQ ? this.skipSpace(wordEnd) : wordEnd;
      if (wordEnd > p && text.charCodeAt(eq) === EQ) {
        name = text.slice(p, wordEnd);
        nextEq = eq === wordEnd;
        vs = this.skipSpace(eq + 1);
      }
    }
    let v: Value;
    if (this.isQuoteStart(vs)) {
      v = this.lexQuoted(t, vs);
      if (t.abandoned) return v.end;
    } else if (name !== undefined) {
      // Hugo's consumeToSpace: an unquoted value runs to whitespace, so it would swallow a touching `>}}`.
      let q = vs;
      while (q < text.length && !isTagSpace(text.charCodeAt(q)) && !this.atDelimiter(t, q)) q++;
      if (q === vs) {
        this.error(`parameter "${name}" has no value after "="`, p, vs);
      } else if (q < text.length && !isTagSpace(text.charCodeAt(q)) && !this.startsTag(q)) {
        const delim = text.slice(q, q + 3);
        this.error(`unquoted value "${text.slice(vs, q)}" touches "${delim}": Hugo would read "${delim}" as part of the value; add a space before it or quote the value`, vs, q + 3);
      }
      v = { value: text.slice(vs, q), valueStart: vs, valueEnd: q, end: q };
    } else {
      // Lenient positional: Hugo wants anything beyond letters, digits, `_ - .` quoted, but the value is clear.
      let q = wordEnd;
      while (q < text.length && !isTagSpace(text.charCodeAt(q)) && !this.atDelimiter(t, q) && !(text.charCodeAt(q) === SLASH && text.startsWith(t.close, q + 1))) q++;
      q = Math.max(q, p + 1);
      v = { value: text.slice(p, q), valueStart: p, valueEnd: q, end: q };
    }
    this.addParam(t, { name, value: v.value, start: p, end: v.end, valueStart: v.valueStart, valueEnd: v.valueEnd }, quoted, nextEq);
    return v.end;
  }

  /**
   * Scans `"…"`, Hugo's older `\"…\"` form or a backtick raw string at `p`. An unclosed string abandons the
   * tag (Hugo drops the page); the returned `end` is then where to resume.
   */
  private lexQuoted(t: TagState, p: number): Value {
    const text = this.text;
    const abandon = (message: string, end: number, resume: number): Value => {
      // A string starting on a later line than its tag is usually prose swallowed by a tag missing its `>}}`.
      const nl = this.nextNewline(t.start);
      const hint = nl >= 0 && nl < p ? ` (is "${t.close}" missing after "${label(t)}"?)` : '';
      this.error(`${message}${hint}`, p, end);
      t.abandoned = true;
      return { value: '', valueStart: p, valueEnd: p, end: resume };
    };
    if (text.charCodeAt(p) === BACKTICK) {
      const q = this.nextBacktick(p + 1);
      if (q >= 0) return { value: text.slice(p + 1, q), valueStart: p + 1, valueEnd: q, end: q + 1 };
      return abandon(`raw string parameter of "${label(t)}" is not closed with a backtick`, p + 1, p + 1);
    }
    const escapedStart = text.charCodeAt(p) === BACKSLASH;
    const vs = p + (escapedStart ? 2 : 1);
    let escapedInner = false;
    for (let i = vs; ; i++) {
      const c = text.charCodeAt(i);
      if (i >= text.length || c === LF) {
        return abandon(`quoted parameter of "${label(t)}" is not closed with " on the same line`, text.charCodeAt(i - 1) === CR ? i - 1 : i, i);
      }
      let ve = -1;
      if (c === QUOTE) ve = i;
      else if (c === BACKSLASH && text.charCodeAt(i + 1) === BACKTICK) this.error('"\\`" is not a valid escape in a quoted parameter', i, i + 2);
      else if (c === BACKSLASH && text.charCodeAt(i + 1) === QUOTE) {
        if (escapedStart) ve = i;
        else escapedInner = true;
        i++;
      }
      if (ve >= 0) {
        const raw = text.slice(vs, ve);
        // Hugo removes every backslash once any `\"` occurred, not only the escaping ones.
        const value = escapedInner ? raw.replaceAll('\\', '') : raw;
        return { value, valueStart: vs, valueEnd: ve, end: text.charCodeAt(ve) === BACKSLASH ? ve + 2 : ve + 1 };
      }
    }
  }

  /** Records a param and applies Hugo's rule against mixing named and positional params. */
  private addParam(t: TagState, param: ShortcodeParam, quoted: boolean, nextEq: boolean): void {
    t.params.push(param);
    // Hugo's lexer counts `k = v` (space before `=`) as positional, though the page then passes it as named.
    const spaced = param.name !== undefined && !nextEq;
    let clash = false;
    if (quoted) clash = t.mix === 2;
    else if (t.mix !== 0) clash = nextEq ? t.mix === 1 : t.mix === 2;
    if (quoted || t.mix === 0) t.mix = nextEq ? 2 : 1;
    if (clash && !t.mixReported) {
      t.mixReported = true;
      const what = nextEq ? `"${param.name}" is named but an earlier parameter is positional` : `"${param.name ?? param.value}" is positional but an earlier parameter is named`;
      const hint = nextEq && t.spacedSeen ? ' (Hugo counts "name = value" with a space before "=" as positional; remove the space)' : '';
      const message = spaced ? `Hugo reads "${param.name} =" (space before "=") as positional after named parameters; remove the space` : what + hint;
      this.error(`cannot mix named and positional parameters in "${label(t)}": ${message}`, param.start, param.end);
    }
    if (spaced) t.spacedSeen = true;
  }

  private lexEscape(start: number, delim: Delim, close: string): number {
    // `*/` must touch the closing delimiter, and Hugo rejects `{{</*/>}}`, where `*/` would overlap `/*`.
    const q = this.escapeEnd[delim](start + 4);
    if (q < 0 || q === start + 4) {
      this.error(`escaped shortcode "{{${delim}/*" is not closed with "*/${close}" (Hugo: comment must be closed)`, start, start + 5);
      return start + 5;
    }
    this.escapes.push({ start, end: q + 5 });
    return q + 5;
  }
}

/** Lexes Hugo shortcode tags in `text` from offset `from` (default 0) to the end, as Hugo does: before Markdown, everywhere (also inside code). */
export function lexShortcodes(text: string, from = 0): ShortcodeLexResult {
  const lexer = new ShortcodeLexer(text);
  lexer.run(Math.max(0, from));
  return { tags: lexer.tags, escapes: lexer.escapes, errors: lexer.errors };
}
