/**
 * Front matter detection and parsing, following Hugo's rules (see HUGO.md §6),
 * with source offsets for every key so rules can point at exactly what they flag.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node as YamlNode } from 'yaml';
import { getStaticTOMLValue, ParseError as TomlParseError, parseTOML, type AST } from 'toml-eslint-parser';
import { getNodeValue, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError as JsonParseError } from 'jsonc-parser';
import { readFlatYaml } from './flat-yaml.js';

export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** One key (or array item) of the front matter, with where it is written. */
export interface FrontMatterEntry {
  /** Key path from the root, e.g. ['draft'] or ['params', 'lead'] or ['images', '0']. */
  path: string[];
  /** Offsets (UTF-16 indices into the whole text, end exclusive) of the key token. For array items, the item's own range. */
  keyStart: number; keyEnd: number;
  /** Offsets of the value as written (for a quoted string: including quotes). */
  valueStart: number; valueEnd: number;
  /** Offsets of the string's characters without quotes (equal to valueStart/End when unquoted). Undefined for non-scalars. */
  innerStart?: number; innerEnd?: number;
  /** The parsed JS value (string, number, boolean, Date as ISO string is fine, null, array, object). */
  value: unknown;
}

/** A detected front matter block. */
export interface FrontMatter {
  format: FrontMatterFormat;
  /** Whole block including delimiters (for JSON: the braces). */
  start: number; end: number;
  /** The data between the delimiters. For JSON the braces belong to the data, so this equals start/end. */
  contentStart: number; contentEnd: number;
  data: Record<string, unknown>;
  /** Every key at every depth, in source order. */
  entries: FrontMatterEntry[];
}

/** A problem found while detecting or parsing front matter; offsets into the whole text. */
export interface FrontMatterError { message: string; start: number; end: number }

/** Outcome of {@link parseFrontMatter}. */
export interface FrontMatterResult {
  frontMatter: FrontMatter | undefined;
  /** Offset where the Markdown body starts (after the closing delimiter's line), 0 when there is none. */
  bodyStart: number;
  errors: FrontMatterError[];
}

/** Mutable state shared by the per-format walkers. */
interface Collector { entries: FrontMatterEntry[]; seen: Set<string>; base: number; source: string }

// Far above any real front matter, far below what makes an alias bomb expensive.
const MAX_ALIAS_COUNT = 100;

/**
 * Finds and parses front matter at the start of `text` (a BOM has already been removed by the caller). Never throws.
 * With `onlyIfMentioned`, a block whose text names none of those keys is not parsed: its data and entries are empty.
 */
export function parseFrontMatter(text: string, onlyIfMentioned?: readonly string[]): FrontMatterResult {
  // Hugo skips spaces, tabs and line breaks (blank lines included) before the opening delimiter.
  const start = text.search(/[^ \t\r\n]/);
  if (start < 0) return { frontMatter: undefined, bodyStart: 0, errors: [] };
  if (text.startsWith('{', start)) {
    // Deliberate deviation from Hugo (#7176): a body that opens with a shortcode is content, not broken JSON.
    if (text.startsWith('{{<', start) || text.startsWith('{{%', start)) return { frontMatter: undefined, bodyStart: 0, errors: [] };
    return parseJsonBlock(text, start, onlyIfMentioned);
  }
  const delimiter = text.startsWith('---', start) ? '---' : text.startsWith('+++', start) ? '+++' : undefined;
  const openEnd = start + 3;
  if (delimiter === undefined || !isLineRest(text, openEnd)) return { frontMatter: undefined, bodyStart: 0, errors: [] };

  const contentStart = nextLineStart(text, openEnd);
  const closers = delimiter === '---' ? ['---', '...'] : ['+++'];
  for (let line = contentStart; line < text.length; line = nextLineStart(text, line)) {
    if (closers.some((c) => text.startsWith(c, line) && isLineRest(text, line + 3))) {
      const end = line + 3;
      const bodyStart = nextLineStart(text, end);
      const parse = delimiter === '---' ? parseYaml : parseToml;
      return withContent(delimiter === '---' ? 'yaml' : 'toml', text, { start, end, contentStart, contentEnd: line, bodyStart }, parse, onlyIfMentioned);
    }
  }
  // Unclosed: Hugo refuses the page, but the author most likely forgot the closer, so we report it and still
  // lint everything after the opening line as body rather than dropping the whole file (bodyStart = 0 would
  // also re-read the `---` as a thematic break).
  return { frontMatter: undefined, bodyStart: contentStart, errors: [unclosedError(text, start, openEnd, delimiter)] };
}

/**
 * Nesting beyond which front matter is not read. Real front matter nests a few levels; the YAML,
 * TOML and JSON parsers recurse per level and run out of stack at several hundred, where the
 * outcome (which errors, where) would depend on how deep the caller's stack already was.
 */
const MAX_NESTING = 100;

/**
 * Where `source` first nests deeper than {@link MAX_NESTING}: flow brackets (`[`, `{`, counted
 * without regard to quotes, so a string of a hundred unclosed brackets also counts), and in YAML
 * also a line's indentation plus its leading `- ` and `? ` indicators. Undefined when it does not.
 */
function tooDeepAt(source: string, format: FrontMatterFormat): number | undefined {
  let brackets = 0;
  let lineDepth = 0;
  let atLineStart = true;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === 10 /* \n */) {
      atLineStart = true;
      lineDepth = 0;
      continue;
    }
    if (code === 91 /* [ */ || code === 123 /* { */) brackets++;
    else if ((code === 93 /* ] */ || code === 125) /* } */ && brackets > 0) brackets--;
    if (format === 'yaml' && atLineStart) {
      const next = source.charCodeAt(i + 1);
      const indicator = (code === 45 /* - */ || code === 63) /* ? */ && (next === 32 || next === 9 || next === 10 || Number.isNaN(next));
      if (code === 32 || code === 9 || indicator) lineDepth++;
      else atLineStart = false;
    }
    if (brackets > MAX_NESTING || lineDepth > 2 * MAX_NESTING) return i;
  }
  return undefined;
}

/** Parser for one format: gets the block's content (CR-only breaks already turned into LF) and fills `out`. */
type ContentParser = (source: string, out: Collector, errors: FrontMatterError[]) => Record<string, unknown>;

type BlockRanges = Pick<FrontMatter, 'start' | 'end' | 'contentStart' | 'contentEnd'> & { bodyStart: number };

function withContent(format: FrontMatterFormat, text: string, r: BlockRanges, parse: ContentParser, onlyIfMentioned?: readonly string[]): FrontMatterResult {
  // Replacing a lone CR by LF keeps every offset valid and spares the parsers (TOML and `yaml` reject CR-only files).
  const source = text.slice(r.contentStart, r.contentEnd).replace(/\r(?!\n)/g, '\n');
  // A key can only be set where its name is written, unless spelt with escapes ("\u0075rl").
  if (onlyIfMentioned && !source.includes('\\') && !onlyIfMentioned.some((key) => source.includes(key))) {
    return { frontMatter: { format, start: r.start, end: r.end, contentStart: r.contentStart, contentEnd: r.contentEnd, data: {}, entries: [] }, bodyStart: r.bodyStart, errors: [] };
  }
  const errors: FrontMatterError[] = [];
  const out: Collector = { entries: [], seen: new Set(), base: r.contentStart, source };
  let data: Record<string, unknown> = {};
  const tooDeep = tooDeepAt(source, format);
  if (tooDeep !== undefined) {
    errors.push(at(out, `${format.toUpperCase()} front matter nested deeper than ${MAX_NESTING} levels: not read`, tooDeep, tooDeep + 1));
  } else {
    try {
      data = parse(source, out, errors);
    } catch (error) {
      // The parsers should not throw past their own handlers; this keeps the "never throws" promise if one does.
      errors.push({ message: `Invalid ${format.toUpperCase()} front matter: ${oneLine(String(error))}`, start: r.contentStart, end: r.contentEnd });
    }
  }
  // A page Hugo cannot build has no trustworthy values, so rules must not act on half-parsed data.
  if (errors.length > 0) [data, out.entries] = [{}, []];
  for (const entry of out.entries) entry.value = valueAt(data, entry.path);
  const frontMatter: FrontMatter = { format, start: r.start, end: r.end, contentStart: r.contentStart, contentEnd: r.contentEnd, data, entries: out.entries };
  return { frontMatter, bodyStart: r.bodyStart, errors };
}

const parseYaml: ContentParser = (source, out, errors) => {
  const flat = readFlatYaml(source);
  if (flat) {
    for (const field of flat.fields) add(out, field.path, field.keyStart, field.keyEnd, field.valueStart, field.valueEnd, field.inner);
    return flat.data;
  }
  // prettyErrors: false keeps messages one line; their positions are converted to whole-text offsets below.
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) errors.push(at(out, `Invalid YAML front matter: ${oneLine(e.message)}`, e.pos[0], e.pos[1]));
  if (errors.length > 0) return {};
  const root = doc.contents;
  if (root === null) return {};
  if (!isMap(root)) {
    const [s, e] = root.range ?? [0, source.length];
    errors.push(at(out, `Invalid YAML front matter: expected key/value pairs, found ${isSeq(root) ? 'a list' : 'a single value'}`, s, e));
    return {};
  }
  // An alias inside the value it names makes that value contain itself: Hugo's YAML parser
  // refuses it, and such data has no JSON form (the facts a worker sends, the cache).
  const loop = source.includes('*') ? firstAlias(doc, (alias, path) => path.includes(alias.resolve(doc))) : undefined;
  if (loop) {
    errors.push(at(out, `Invalid YAML front matter: the alias *${loop.source} is inside the value it names`, loop.range?.[0] ?? 0, loop.range?.[1] ?? source.length));
    return {};
  }
  let data: unknown;
  try {
    // Aliases are only expanded here; the bound turns a "billion laughs" document into a quick error.
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // Thrown for too many or unresolved aliases, which carry no position: point at the first alias.
    const range = firstAlias(doc)?.range ?? [0, source.length];
    errors.push(at(out, `Invalid YAML front matter: ${oneLine(error instanceof Error ? error.message : String(error))}`, range[0], range[1]));
    return {};
  }
  walkYaml(root, [], out);
  return data as Record<string, unknown>;
};

/** The first alias in `doc` (in document order) for which `where` holds, given the nodes around it. */
function firstAlias(doc: Document, where: (alias: Alias, path: readonly unknown[]) => boolean = () => true): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias: (_key, alias, path) => {
      if (!where(alias, path)) return undefined;
      found = alias;
      return visit.BREAK;
    },
  });
  return found;
}

function walkYaml(node: YamlNode | null, path: string[], out: Collector): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      const value = pair.value as YamlNode | null;
      // Mirrors how `yaml` stringifies keys in toJS, so valueAt() finds the entry's value.
      const name = isScalar(key) ? (key.value == null ? '' : String(key.value)) : String(key ?? '');
      const keyRange = key?.range ?? value?.range ?? [0, 0];
      const valueRange = value?.range ?? [keyRange[1], keyRange[1]];
      add(out, [...path, name], keyRange[0], keyRange[1], valueRange[0], valueRange[1], yamlInner(value, out.source));
      walkYaml(value, [...path, name], out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const n = item as YamlNode | null;
      if (!n?.range) return;
      add(out, [...path, String(i)], n.range[0], n.range[1], n.range[0], n.range[1], yamlInner(n, out.source));
      walkYaml(n, [...path, String(i)], out);
    });
  }
}

function yamlInner(node: YamlNode | null, source: string): [number, number] | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [s, e] = node.range;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return [s + 1, e - 1];
  // Block scalars (| and >): the characters start on the line after the header.
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return [Math.min(e, nextLineStart(source, s)), e];
  return [s, e];
}

const parseToml: ContentParser = (source, out, errors) => {
  let ast: AST.TOMLProgram;
  try {
    ast = parseTOML(source);
  } catch (error) {
    if (!(error instanceof TomlParseError)) throw error;
    // The parser stops at the first problem and gives one offset; widen it to one character unless it is a line break.
    const end = /[^\r\n]/.test(source.charAt(error.index)) ? error.index + 1 : error.index;
    errors.push(at(out, `Invalid TOML front matter: ${oneLine(error.message)}`, error.index, end));
    return {};
  }
  for (const node of ast.body[0].body) {
    if (node.type === 'TOMLKeyValue') { walkTomlKeyValue(node, [], out); continue; }
    // `[a.b]` and `[[faq]]` headers: every prefix is a key; numbers are array-of-tables items, which have no token.
    const path: string[] = [];
    let tokenIndex = 0;
    for (const segment of node.resolvedKey) {
      path.push(String(segment));
      const token = typeof segment === 'number' ? undefined : node.key.keys[tokenIndex++];
      const [ks, ke] = token ? token.range : node.range;
      // A table's value is its whole section, header included: it has no other single source range.
      add(out, [...path], ks, ke, node.range[0], node.range[1], undefined);
    }
    for (const kv of node.body) walkTomlKeyValue(kv, path, out);
  }
  return getStaticTOMLValue(ast) as Record<string, unknown>;
};

function walkTomlKeyValue(kv: AST.TOMLKeyValue, base: string[], out: Collector): void {
  const path = [...base];
  kv.key.keys.forEach((token, i) => {
    path.push(token.type === 'TOMLBare' ? token.name : token.value);
    const last = i === kv.key.keys.length - 1;
    // Leading parts of a dotted key (`params.lead = …`) define tables whose only source is this line.
    const [vs, ve] = last ? kv.value.range : kv.range;
    add(out, [...path], token.range[0], token.range[1], vs, ve, last ? tomlInner(kv.value, out.source) : undefined);
  });
  walkTomlValue(kv.value, path, out);
}

function walkTomlValue(node: AST.TOMLContentNode, path: string[], out: Collector): void {
  if (node.type === 'TOMLArray') {
    node.elements.forEach((element, i) => {
      add(out, [...path, String(i)], element.range[0], element.range[1], element.range[0], element.range[1], tomlInner(element, out.source));
      walkTomlValue(element, [...path, String(i)], out);
    });
  } else if (node.type === 'TOMLInlineTable') {
    for (const kv of node.body) walkTomlKeyValue(kv, path, out);
  }
}

function tomlInner(node: AST.TOMLContentNode, source: string): [number, number] | undefined {
  if (node.type !== 'TOMLValue') return undefined;
  const [s, e] = node.range;
  if (node.kind !== 'string') return [s, e];
  if (!node.multiline) return [s + 1, e - 1];
  // TOML drops a line break that directly follows the opening """ or ''', so it is not part of the characters.
  const skip = source.startsWith('\r\n', s + 3) ? 2 : source.startsWith('\n', s + 3) ? 1 : 0;
  return [s + 3 + skip, e - 3];
}

function parseJsonBlock(text: string, start: number, onlyIfMentioned?: readonly string[]): FrontMatterResult {
  const end = matchBrace(text, start);
  // Unbalanced: same recovery as an unclosed --- block (see parseFrontMatter).
  if (end === undefined) return { frontMatter: undefined, bodyStart: nextLineStart(text, start), errors: [unclosedError(text, start, start + 1, '}')] };
  // The object may share its last line with content; only swallow the rest of that line when it is blank.
  const bodyStart = isLineRest(text, end) ? nextLineStart(text, end) : end;
  return withContent('json', text, { start, end, contentStart: start, contentEnd: end, bodyStart }, parseJson, onlyIfMentioned);
}

const parseJson: ContentParser = (source, out, errors) => {
  const problems: JsonParseError[] = [];
  // Hugo decodes with Go's encoding/json: no comments, no trailing commas.
  const root = parseTree(source, problems, { disallowComments: true, allowTrailingComma: false });
  const first = problems[0];
  if (first) {
    // jsonc-parser recovers and reports follow-on errors; only the first one is reliable.
    const code = printParseErrorCode(first.error);
    errors.push(at(out, `Invalid JSON front matter: ${JSON_MESSAGES[code] ?? code}`, first.offset, first.offset + first.length));
    return {};
  }
  if (root === undefined) return {};
  walkJson(root, [], out);
  return getNodeValue(root) as Record<string, unknown>;
};

// Keyed by printParseErrorCode() names: the ParseErrorCode const enum cannot be read under verbatimModuleSyntax.
const JSON_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'unexpected character', ValueExpected: 'expected a value', ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","', PropertyNameExpected: 'expected a property name in double quotes',
  CloseBraceExpected: 'expected "}"', CloseBracketExpected: 'expected "]"',
  UnexpectedEndOfString: 'unterminated string', InvalidCommentToken: 'comments are not allowed',
};

function walkJson(node: JsonNode, path: string[], out: Collector): void {
  for (const [i, child] of (node.children ?? []).entries()) {
    if (node.type === 'object') {
      const [key, value] = child.children ?? [];
      if (!key || !value) continue;
      const p = [...path, String(key.value)];
      add(out, p, key.offset, key.offset + key.length, value.offset, value.offset + value.length, jsonInner(value));
      walkJson(value, p, out);
    } else if (node.type === 'array') {
      const p = [...path, String(i)];
      add(out, p, child.offset, child.offset + child.length, child.offset, child.offset + child.length, jsonInner(child));
      walkJson(child, p, out);
    }
  }
}

function jsonInner(node: JsonNode): [number, number] | undefined {
  if (node.type === 'object' || node.type === 'array') return undefined;
  const end = node.offset + node.length;
  return node.type === 'string' ? [node.offset + 1, end - 1] : [node.offset, end];
}

/** Offset just past the `}` matching the `{` at `open`, skipping braces inside strings; undefined if unbalanced. */
function matchBrace(text: string, open: number): number | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return undefined;
}

/** Records an entry (block-relative offsets) once per path: TOML can name the same table from several places. */
function add(out: Collector, path: string[], ks: number, ke: number, vs: number, ve: number, inner: [number, number] | undefined): void {
  const id = JSON.stringify(path);
  if (out.seen.has(id)) return;
  out.seen.add(id);
  const b = out.base;
  const innerRange = inner ? { innerStart: b + inner[0], innerEnd: b + inner[1] } : {};
  out.entries.push({ path, keyStart: b + ks, keyEnd: b + ke, valueStart: b + vs, valueEnd: b + ve, ...innerRange, value: undefined });
}

function at(out: Collector, message: string, start: number, end: number): FrontMatterError {
  return { message, start: out.base + start, end: out.base + Math.max(start, end) };
}

/** The value at `path` in parsed data; own properties only, so a `__proto__` key cannot lead astray. */
function valueAt(data: unknown, path: string[]): unknown {
  return path.reduce<unknown>((current, segment) =>
    typeof current === 'object' && current !== null && Object.hasOwn(current, segment) ? (current as Record<string, unknown>)[segment] : undefined, data);
}

/** True when only spaces/tabs follow `pos` up to the end of its line, as Hugo allows after a delimiter. */
function isLineRest(text: string, pos: number): boolean {
  const rest = /[ \t]*(?:\r|\n|$)/y;
  rest.lastIndex = pos;
  return rest.test(text);
}

/** Offset of the line after the one containing `pos` (LF, CRLF and CR-only breaks), or text.length. */
function nextLineStart(text: string, pos: number): number {
  const match = /\r\n|\r|\n/g;
  match.lastIndex = pos;
  const found = match.exec(text);
  return found ? found.index + found[0].length : text.length;
}

function unclosedError(text: string, start: number, end: number, closer: string): FrontMatterError {
  const line = (text.slice(0, start).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
  return { message: `front matter starting at line ${line} is not closed with ${closer}`, start, end };
}

function oneLine(message: string): string {
  return message.split(/\r?\n|\r/)[0]!.trim();
}
