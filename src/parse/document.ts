import type { Heading as MdastHeading, Nodes, Parent, Paragraph, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { LineIndex } from '../model/line-index.js';
import { collapseWhitespace } from '../text/whitespace.js';
import type {
  FaqDocument,
  Heading,
  HtmlComment,
  ParseProblem,
  QaBlock,
  Section,
  ShortcodeUse,
  Span,
  TextRun,
} from '../model/types.js';
import { parseFrontMatter } from './front-matter.js';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions } from './parse-options.js';
import { findHtmlDetails } from './html-details.js';
import { MAX_NESTING, parseMarkdownSlice, readMarkdownFast, type MarkdownReader } from './markdown.js';
import { looksLikeQuestion, MASK_CHAR, maskRanges, occupiesWholeLines, outermostRegions, type MaskRange, type Region } from './regions.js';
import { pairShortcodes } from './shortcode-pairs.js';
import { lexShortcodes, type ShortcodeTag } from './shortcodes.js';
import { collectPhrasing, TextRunBuilder } from './text-runs.js';
import { findVitepressContainers } from './vitepress.js';

export { DEFAULT_PARSE_OPTIONS, type ParseOptions } from './parse-options.js';

/** Named shortcode parameters that carry the question, in order of preference. */
const QUESTION_PARAMS = ['title', 'summary', 'question', 'q', 'header', 'label'];
const LINK_SHORTCODES = new Set(['ref', 'relref']);

interface Builder {
  /** The source without a BOM. */
  text: string;
  /** The source with escaped shortcodes and every tag outside a Q/A or code region masked. */
  maskedText: string;
  lineIndex: LineIndex;
  blockNames: ReadonlySet<string>;
  regions: Region[];
  problems: Array<{ message: string; start: number; end: number }>;
  readMarkdown: MarkdownReader;
}

/** A file's text as a document holds it: without a byte order mark, which positions do not count. */
export function withoutBom(source: string): string {
  return source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
}

/**
 * Parses one FAQ Markdown file into faqlint's document model. Never throws on any input:
 * problems in the source become `parseProblems`.
 *
 * Hugo reads shortcodes before Markdown, so faqlint does too: shortcode tags are lexed first,
 * paired, and masked out (same length, so offsets stay exact) before Markdown is parsed; the
 * inner content of a Q/A shortcode is parsed on its own, as Hugo renders it.
 */
export function parseFaqDocument(path: string, source: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): FaqDocument {
  const document = buildDocument(path, source, options, readMarkdownFast);
  // The model is read from faqlint's own reading tree; the mdast tree that plugins may read is
  // built, by the same steps over mdast, the first time one asks for it.
  let withMdast: FaqDocument | undefined;
  const mdastDocument = (): FaqDocument => {
    if (!withMdast) {
      withMdast = parseFaqDocumentWithMdast(path, source, options);
      for (const block of withMdast.blocks) {
        const own = document.blocks[block.index];
        if (own) block.node.data = { ...block.node.data, faq: own } as ContainerDirective['data'];
      }
    }
    return withMdast;
  };
  lazyProperty(document, 'tree', () => mdastDocument().tree);
  for (const block of document.blocks) lazyProperty(block, 'node', () => mdastDocument().blocks[block.index]?.node ?? emptyBlockNode(block));
  return document;
}

/**
 * {@link parseFaqDocument} with every step read from mdast-util-from-markdown's tree: what
 * `document.tree` comes from, and what the fast reading is tested against.
 */
export function parseFaqDocumentWithMdast(path: string, source: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): FaqDocument {
  return buildDocument(path, source, options, parseMarkdownSlice);
}

/**
 * A property worked out when first read; it is not enumerable, so copying a document's facts
 * (`{ ...rest }`) never builds it. Setting it (a settled page drops its tree) replaces it.
 */
function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: false,
    get: () => {
      const value = compute();
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
      return value;
    },
    set: (value: T[K]) => Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false }),
  });
}

/** The node of a block the mdast reading did not find (it always does: the tests compare the two readings). */
function emptyBlockNode(block: QaBlock): ContainerDirective {
  return { type: 'containerDirective', name: 'details', attributes: {}, children: [], data: { faq: block } as ContainerDirective['data'] };
}

function buildDocument(path: string, source: string, options: ParseOptions, readMarkdown: MarkdownReader): FaqDocument {
  const text = withoutBom(source);
  const lineIndex = new LineIndex(text);
  const problems: Builder['problems'] = [];

  const frontMatterResult = parseFrontMatter(text);
  problems.push(...frontMatterResult.errors);
  const bodyStart = frontMatterResult.bodyStart;

  const lexed = lexShortcodes(text, bodyStart);
  problems.push(...lexed.errors);
  const blockNames = new Set(options.blockNames);
  const codeNames = new Set(options.codeShortcodes);
  const pairing = pairShortcodes(lexed.tags, blockNames);
  problems.push(...pairing.problems);

  const regions: Region[] = [];
  const looseTags: ShortcodeTag[] = [...pairing.standalone];
  const shortcodes: ShortcodeUse[] = [];
  const useOf = (tag: ShortcodeTag, kind: ShortcodeUse['kind'], end = tag.end): ShortcodeUse => ({
    name: tag.name,
    kind,
    params: tag.params.map((param) => ({ name: param.name, value: param.value, span: lineIndex.span(param.valueStart, param.valueEnd) })),
    span: lineIndex.span(tag.start, end),
  });
  for (const { open, close } of pairing.pairs) {
    if (blockNames.has(open.name)) {
      regions.push(shortcodeRegion(open, close, problems));
      shortcodes.push(useOf(open, 'block', close.end));
    } else if (codeNames.has(open.name)) {
      const lang = open.params.find((param) => param.name === undefined || param.name === 'lang')?.value;
      regions.push({ kind: 'code', syntax: 'shortcode', name: open.name, start: open.start, end: close.end, innerStart: open.end, innerEnd: close.start, question: undefined, lang });
      shortcodes.push(useOf(open, 'code', close.end));
    } else {
      looseTags.push(open, close);
      shortcodes.push(useOf(open, 'container', close.end));
    }
  }
  for (const tag of pairing.standalone) shortcodes.push(useOf(tag, 'inline'));
  // Escaped shortcodes show literal `{{< x >}}` text: code-like, never prose.
  const escapes = lexed.escapes;
  shortcodes.sort((a, b) => a.span.start.offset - b.span.start.offset);

  // Tags outside regions are masked once for the whole file; regions are masked level by level.
  const deep = deepPrefixes(text, bodyStart);
  const deepAt = deep[0]?.start;
  if (deepAt !== undefined) {
    problems.push({ message: `Nesting deeper than ${MAX_PREFIX_DEPTH} levels (block quotes or lists); the deeper part is not checked`, start: deepAt, end: deepAt + 1 });
  }
  const maskedText = maskRanges(text, text, [...escapes.map(({ start, end }) => ({ start, end })), ...looseTags.map(({ start, end }) => ({ start, end })), ...deep]);
  const builder: Builder = { text, maskedText, lineIndex, blockNames, regions, problems, readMarkdown };

  const children = parseLevel(builder, bodyStart, text.length);
  const tree: Root = { type: 'root', children, position: { start: lineIndex.point(0), end: lineIndex.point(text.length) } };
  const headings = collectHeadings(tree, lineIndex);
  wrapQuestionHeadings(tree, lineIndex);

  const document: FaqDocument = {
    path,
    text,
    lineIndex,
    frontMatter: frontMatterResult.frontMatter,
    tree,
    headings,
    sections: [],
    blocks: [],
    textRuns: [],
    links: [],
    shortcodes,
    comments: [],
    htmlAnchors: [],
    parseProblems: [],
  };
  collectModel(document, maskedText, lexed.tags, blockNames);
  document.parseProblems = problems
    .map((problem): ParseProblem => ({ message: problem.message, span: lineIndex.span(problem.start, problem.end) }))
    .sort((a, b) => a.span.start.offset - b.span.start.offset);
  for (const block of document.blocks) {
    if (block.question === '' && block.syntax !== 'html' && block.syntax !== 'vitepress') {
      document.parseProblems.push({ message: `The ${block.name} block has an empty question`, span: block.questionSpan });
    }
  }
  return document;
}

const LINE_BREAK = /[\r\n]/g;

/** Container nesting (indentation, `>`, list markers) a line may open before the rest is masked. */
const MAX_PREFIX_DEPTH = 32;

/**
 * The Markdown parser's work grows with the square of container depth on every line, so a line
 * nested deeper than {@link MAX_PREFIX_DEPTH} has the excess of its prefix masked: the page still
 * parses in bounded time and everything after it is checked. Returns those characters, in order.
 */
function deepPrefixes(text: string, from: number): MaskRange[] {
  const deep: MaskRange[] = [];
  let depth = 0;
  let atLineStart = true;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) {
      atLineStart = true;
      depth = 0;
      continue;
    }
    if (!atLineStart) {
      // The rest of the line is no prefix: on to its line break.
      LINE_BREAK.lastIndex = i;
      i = LINE_BREAK.test(text) ? LINE_BREAK.lastIndex - 2 : text.length;
      continue;
    }
    const markerLength = code === 62 /* > */ || ((code === 45 || code === 42 || code === 43) /* - * + */ && text.charCodeAt(i + 1) === 32) ? 1 : orderedMarkerLength(text, i);
    if (code === 32 || code === 9) depth += code === 9 ? 2 : 0.5;
    else if (markerLength > 0) depth += 1;
    else {
      atLineStart = false;
      continue;
    }
    const end = i + Math.max(1, markerLength);
    if (depth > MAX_PREFIX_DEPTH) {
      const last = deep[deep.length - 1];
      if (last?.end === i) last.end = end;
      else deep.push({ start: i, end, opaque: true });
    }
    i = end - 1;
  }
  return deep;
}

/** The length of an ordered list marker (`1.`, `12)`: up to nine digits) followed by a space at `at`, or 0. */
function orderedMarkerLength(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < 9 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const delimiter = text.charCodeAt(i);
  return i > at && (delimiter === 46 /* . */ || delimiter === 41) /* ) */ && text.charCodeAt(i + 1) === 32 ? i + 1 - at : 0;
}

function shortcodeRegion(open: ShortcodeTag, close: ShortcodeTag, problems: Builder['problems']): Region {
  const named = QUESTION_PARAMS.map((name) => open.params.find((param) => param.name === name)).find((param) => param !== undefined);
  const param = named ?? open.params.find((candidate) => candidate.name === undefined);
  if (!param) problems.push({ message: `Shortcode {{${open.delimiter} ${open.name} }} has no question (give it as the first argument or title="…")`, start: open.start, end: open.end });
  return {
    kind: 'qa',
    syntax: 'shortcode',
    name: open.name,
    start: open.start,
    end: close.end,
    innerStart: open.end,
    innerEnd: close.start,
    question: param ? { text: param.value, start: param.valueStart, end: param.valueEnd } : { text: '', start: open.nameEnd, end: open.nameEnd },
    lang: undefined,
  };
}

/**
 * Parses `[start, end)` with its outermost regions masked out, then puts the regions back as
 * nodes. Most Q/A shortcodes have their tags on lines of their own and nothing nested: their
 * answers are parsed in place with the page (only the tag lines masked) and wrapped afterwards,
 * which saves a parser run per block. Where that would change the reading (the answer would run
 * into a surrounding list, or holds HTML details), the level is parsed the general way.
 */
function parseLevel(builder: Builder, start: number, end: number, depth = 0): RootContent[] {
  if (depth >= MAX_BLOCK_NESTING) return parseFlattened(builder, start, end);
  const regions = outermostRegions(builder.regions, start, end);
  const inPlace = new Set(regions.filter((region) => canParseInPlace(builder, region)));
  return (inPlace.size > 0 ? parseLevelWith(builder, start, end, regions, inPlace, depth) : undefined) ?? (parseLevelWith(builder, start, end, regions, new Set(), depth) as RootContent[]);
}

/** Blocks nested deeper than this are read as the deepest block's text: each level costs a parse. */
const MAX_BLOCK_NESTING = 32;

/** The range as plain Markdown with every block tag in it masked: the answer of a block nested too deep. */
function parseFlattened(builder: Builder, start: number, end: number): RootContent[] {
  const inside = builder.regions.filter((region) => region.start >= start && region.end <= end);
  if (inside.length > 0) {
    builder.problems.push({ message: `Question blocks nested deeper than ${MAX_BLOCK_NESTING} levels; the deeper ones are read as text`, start: inside[0]!.start, end: inside[0]!.innerStart });
  }
  const tags = inside.flatMap((region) => [
    { start: region.start, end: region.innerStart },
    { start: region.innerEnd, end: region.end },
  ]);
  return builder.readMarkdown(maskRanges(builder.maskedText.slice(start, end), builder.text, tags, start), start, builder.lineIndex).tree.children;
}

function canParseInPlace(builder: Builder, region: Region): boolean {
  return (
    region.kind === 'qa' &&
    region.syntax === 'shortcode' &&
    occupiesWholeLines(builder.text, region.start, region.innerStart) &&
    occupiesWholeLines(builder.text, region.innerEnd, region.end) &&
    !builder.regions.some((other) => other !== region && other.start >= region.start && other.end <= region.end)
  );
}

/** One way of parsing a level; undefined when parsing `inPlace` regions in place turned out wrong. */
function parseLevelWith(builder: Builder, start: number, end: number, initial: readonly Region[], inPlace: ReadonlySet<Region>, depth: number): RootContent[] | undefined {
  const { lineIndex } = builder;
  let regions = initial;
  let masked = maskLevel(builder, start, end, regions, inPlace);
  let { tree, truncatedAt } = builder.readMarkdown(masked, start, lineIndex);

  // HTML <details> and VitePress containers only show up in the parsed tree. HTML blocks whose
  // tags are HTML nodes of their own around the answer are wrapped where they stand (CommonMark
  // reads their answers with the page anyway); any other is masked like a shortcode block and the
  // level parsed again, so its answer nests properly.
  const html = findHtmlDetails(tree, masked, start);
  const vitepress = findVitepressContainers(masked, start, codeRanges(tree), builder.blockNames);
  const wrappedInPlace = vitepress.regions.length === 0 ? wrapHtmlInPlace(builder, tree, masked, start, html.regions, inPlace, depth) : undefined;
  if (wrappedInPlace === false) return undefined;
  if (wrappedInPlace) {
    builder.problems.push(...html.problems, ...vitepress.problems);
    builder.regions.push(...html.regions);
  } else {
    const outermostHtml = outermostRegions(html.regions, start, end);
    const found = [...outermostHtml, ...vitepress.regions].filter((region) => !regions.some((known) => region.start < known.end && known.start < region.end));
    const insideInPlace = [...outermostHtml, ...vitepress.regions, ...html.problems, ...vitepress.problems].some((item) =>
      [...inPlace].some((region) => item.start >= region.innerStart && item.start < region.innerEnd),
    );
    if (insideInPlace) return undefined;
    builder.problems.push(...html.problems, ...vitepress.problems);
    if (found.length > 0) {
      builder.regions.push(...found);
      regions = outermostRegions(builder.regions, start, end);
      masked = maskLevel(builder, start, end, regions, inPlace);
      ({ tree, truncatedAt } = builder.readMarkdown(masked, start, lineIndex));
    }
    for (const region of inPlace) {
      if (!wrapInPlace(builder, tree, region)) return undefined;
    }
  }
  if (truncatedAt !== undefined) {
    builder.problems.push({ message: `Nesting deeper than ${MAX_NESTING} levels (block quotes or lists); the content below that depth is not checked`, start: truncatedAt, end: truncatedAt });
  }
  for (const region of regions) if (!inPlace.has(region)) insertByOffset(tree, regionNode(builder, region, depth + 1), region.start);
  return tree.children;
}

/**
 * Wraps the HTML blocks of a level, and its in-place shortcode blocks, where they stand, innermost
 * first. Returns undefined (and changes nothing) when some HTML block cannot be read that way —
 * its tags share an HTML node with answer text, or it crosses a shortcode block — and false when
 * an in-place shortcode block turned out not to sit apart.
 */
function wrapHtmlInPlace(
  builder: Builder,
  tree: Root,
  masked: string,
  base: number,
  html: readonly Region[],
  inPlace: ReadonlySet<Region>,
  depth: number,
): boolean | undefined {
  if (html.length === 0) return undefined;
  const nestsCleanly = (region: Region, other: Region): boolean =>
    region.end <= other.start || other.end <= region.start || (region.start >= other.innerStart && region.end <= other.innerEnd) || (other.start >= region.innerStart && other.end <= region.innerEnd);
  if (!html.every((region) => [...inPlace].every((other) => nestsCleanly(region, other)))) return undefined;
  if (!html.every((region) => htmlTagNodes(tree, masked, base, region) !== undefined)) return undefined;
  // Deep nesting goes the general way, which caps it.
  if (nestingDepth([...html, ...inPlace]) + depth >= MAX_BLOCK_NESTING) return undefined;
  // Smaller first: a block's answer is wrapped before the block around it.
  for (const region of [...html, ...inPlace].sort((a, b) => a.end - a.start - (b.end - b.start))) {
    if (region.syntax !== 'html') {
      if (!wrapInPlace(builder, tree, region)) return false;
      continue;
    }
    const tags = htmlTagNodes(tree, masked, base, region);
    if (!tags) return false;
    const answer = tags.parent.children.slice(tags.openLast + 1, tags.close) as ContainerDirective['children'];
    tags.parent.children.splice(tags.openFirst, tags.close - tags.openFirst + 1, blockNode(builder, region, answer as RootContent[]) as never);
  }
  return true;
}

/** How many regions deep the deepest of these (properly nested) regions lies. */
function nestingDepth(regions: readonly Region[]): number {
  const open: number[] = [];
  let deepest = 0;
  for (const region of [...regions].sort((a, b) => a.start - b.start || b.end - a.end)) {
    while (open.length > 0 && (open[open.length - 1] as number) <= region.start) open.pop();
    open.push(region.end);
    deepest = Math.max(deepest, open.length);
  }
  return deepest;
}

/**
 * The HTML nodes of an HTML block's tags among its container's children: the opening
 * `<details><summary>…</summary>` as one or more nodes that hold nothing else, then the answer's
 * nodes, then `</details>` alone. Undefined when the block does not stand so.
 */
function htmlTagNodes(tree: Root, masked: string, base: number, region: Region): { parent: Parent; openFirst: number; openLast: number; close: number } | undefined {
  const parent = containerAt(tree, region.start);
  const children = parent.children as RootContent[];
  const blank = (from: number, to: number): boolean => from <= to && masked.slice(from - base, to - base).trim() === '';
  const startingAt = (offset: number): number => {
    const index = firstStartingFrom(children, offset);
    return index < children.length && startOf(children[index] as RootContent) === offset ? index : -1;
  };
  const openFirst = startingAt(region.start);
  if (openFirst === -1) return undefined;
  let openLast = openFirst;
  while (openLast < children.length && endOf(children[openLast] as RootContent) < region.innerStart) openLast++;
  const close = startingAt(region.innerEnd);
  const isHtml = (from: number, to: number): boolean => children.slice(from, to + 1).every((child) => child.type === 'html');
  if (openLast >= children.length || close <= openLast || !isHtml(openFirst, openLast) || !isHtml(close, close)) return undefined;
  if (!blank(region.innerStart, endOf(children[openLast] as RootContent)) || !blank(region.end, endOf(children[close] as RootContent))) return undefined;
  return { parent, openFirst, openLast, close };
}

/**
 * The level's text with its outermost regions masked, so Markdown sees only what lies between
 * them; regions parsed in place lose only their tag lines.
 */
function maskLevel(builder: Builder, start: number, end: number, regions: readonly Region[], inPlace: ReadonlySet<Region>): string {
  if (regions.length === 0) return builder.maskedText.slice(start, end);
  const ranges = regions.flatMap((region) =>
    inPlace.has(region)
      ? [
          { start: region.start, end: region.innerStart },
          { start: region.innerEnd, end: region.end },
        ]
      : [{ start: region.start, end: region.end }],
  );
  return maskRanges(builder.maskedText.slice(start, end), builder.text, ranges, start);
}

/** Moves the nodes of an in-place answer into its block node; false when they do not sit apart. */
function wrapInPlace(builder: Builder, tree: Root, region: Region): boolean {
  const parent = containerAt(tree, region.start);
  // The block must sit wholly inside its container (a directive closed halfway through it does not).
  if (parent.type !== 'root' && (parent.position?.end.offset ?? Infinity) < region.end) return false;
  const children = parent.children as RootContent[];
  // A node that crosses the block's edges (a list the answer's lines continued) means the answer
  // did not read the same as on its own. Of the nodes that start before an edge, only the last
  // can reach past it.
  const index = firstStartingFrom(children, region.start);
  const beforeStart = children[index - 1];
  const beforeEnd = children[firstStartingFrom(children, region.end) - 1];
  if ((beforeStart && endOf(beforeStart) > region.start) || (beforeEnd && endOf(beforeEnd) > region.end)) return false;
  let count = 0;
  while (index + count < children.length && endOf(children[index + count] as RootContent) <= region.end) count++;
  const answer = children.splice(index, count, blockNode(builder, region, []));
  (children[index] as ContainerDirective).children.push(...(answer as ContainerDirective['children']));
  return true;
}

function codeRanges(tree: Root): Array<{ start: number; end: number }> {
  const ranges: Array<{ start: number; end: number }> = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'code' || node.type === 'html') ranges.push({ start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 });
    else if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return ranges;
}

/**
 * The deepest flow container around `offset`. Q/A blocks wrapped already count: a shortcode block
 * masked inside an HTML block's answer goes back inside that block, not beside it.
 */
function containerAt(tree: Root, offset: number): Parent {
  let parent: Parent = tree;
  for (;;) {
    // The only child that can hold `offset` is the last to start at or before it.
    const inner = parent.children[firstStartingFrom(parent.children as RootContent[], offset + 1) - 1];
    if (!inner || !FLOW_CONTAINERS.has(inner.type) || offset >= (inner.position?.end.offset ?? -Infinity) || !('children' in inner)) return parent;
    parent = inner as Parent;
  }
}

function startOf(node: RootContent): number {
  return node.position?.start.offset ?? 0;
}

function endOf(node: RootContent): number {
  return node.position?.end.offset ?? 0;
}

/**
 * The index of the first of `children` that starts at or after `offset` (their number when
 * none does). Siblings never overlap and stay in source order, so a binary search finds it: a
 * page's level has hundreds of children and each of its blocks looks its place up.
 */
function firstStartingFrom(children: readonly RootContent[], offset: number): number {
  let low = 0;
  let high = children.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (startOf(children[middle] as RootContent) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

function regionNode(builder: Builder, region: Region, depth: number): RootContent {
  const { lineIndex, maskedText: text } = builder;
  const position = { start: lineIndex.point(region.start), end: lineIndex.point(region.end) };
  if (region.kind === 'code') {
    return { type: 'code', lang: region.lang ?? null, meta: null, value: text.slice(region.innerStart, region.innerEnd).replace(/^\r?\n|\r?\n$/g, ''), position };
  }
  return blockNode(builder, region, parseLevel(builder, region.innerStart, region.innerEnd, depth));
}

/** The Q/A node: the question as its label paragraph, then the answer. */
function blockNode(builder: Builder, region: Region, answer: RootContent[]): ContainerDirective {
  const { lineIndex } = builder;
  const position = { start: lineIndex.point(region.start), end: lineIndex.point(region.end) };
  const question = region.question ?? { text: '', start: region.innerStart, end: region.innerStart };
  const label: Paragraph = {
    type: 'paragraph',
    data: { directiveLabel: true },
    children: question.text === '' ? [] : [{ type: 'text', value: question.text, position: { start: lineIndex.point(question.start), end: lineIndex.point(question.end) } }],
    position: { start: lineIndex.point(question.start), end: lineIndex.point(question.end) },
  };
  const node: ContainerDirective = {
    type: 'containerDirective',
    name: 'details',
    attributes: {},
    children: [label, ...(answer as ContainerDirective['children'])],
    position,
    data: { faqSource: { syntax: region.syntax, name: region.name, questionText: question.text, innerStart: region.innerStart, innerEnd: region.innerEnd } } as ContainerDirective['data'],
  };
  return node;
}

const FLOW_CONTAINERS = new Set(['root', 'blockquote', 'listItem', 'containerDirective', 'footnoteDefinition']);

/** Inserts a flow node into the deepest flow container around `offset`, in source order. */
function insertByOffset(tree: Root, node: RootContent, offset: number): void {
  const parent = containerAt(tree, offset);
  const index = firstStartingFrom(parent.children as RootContent[], offset);
  (parent.children as RootContent[]).splice(index, 0, node);
}

function plainText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if ('children' in node) return node.children.map((child) => plainText(child)).join('');
  return '';
}

const CUSTOM_ID = /\s*\{#([^\s}]+)\}\s*$/;

function headingText(node: MdastHeading): { text: string; explicitId: string | undefined } {
  const raw = plainText(node).replaceAll(MASK_CHAR, '');
  const match = CUSTOM_ID.exec(raw);
  return { text: (match ? raw.slice(0, match.index) : raw).trim(), explicitId: match?.[1] };
}

function collectHeadings(tree: Root, lineIndex: LineIndex): Heading[] {
  const headings: Heading[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      const { text, explicitId } = headingText(node);
      headings.push({
        depth: node.depth,
        text,
        explicitId,
        span: lineIndex.span(node.position!.start.offset!, node.position!.end.offset!),
        isQuestion: /[?？؟]$/.test(text),
      });
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  visit(tree);
  return headings;
}

/** A heading ending in "?" opens a block whose answer runs to the next heading of the same or a higher level. */
function wrapQuestionHeadings(parent: Parent, lineIndex: LineIndex): void {
  const children = parent.children as RootContent[];
  for (let i = 0; i < children.length; i++) {
    const child = children[i] as RootContent;
    if (child.type === 'heading' && /[?？؟]$/.test(headingText(child).text)) {
      let stop = i + 1;
      while (stop < children.length) {
        const next = children[stop] as RootContent;
        if (next.type === 'heading' && next.depth <= child.depth) break;
        stop++;
      }
      const answer = children.slice(i + 1, stop);
      const last = answer[answer.length - 1] ?? child;
      const { text } = headingText(child);
      const contentStart = child.children[0]?.position?.start.offset ?? child.position!.start.offset!;
      const contentEnd = child.children[child.children.length - 1]?.position?.end.offset ?? contentStart;
      const label: Paragraph = {
        type: 'paragraph',
        data: { directiveLabel: true },
        children: child.children as Paragraph['children'],
        position: { start: lineIndex.point(contentStart), end: lineIndex.point(contentEnd) },
      };
      const node: ContainerDirective = {
        type: 'containerDirective',
        name: 'details',
        attributes: {},
        children: [label, ...(answer as ContainerDirective['children'])],
        position: { start: child.position!.start, end: last.position!.end },
        data: {
          faqSource: { syntax: 'heading', name: 'heading', questionText: text, innerStart: child.position!.end.offset!, innerEnd: last.position!.end.offset!, headingDepth: child.depth },
        } as ContainerDirective['data'],
      };
      children.splice(i, stop - i, node);
      wrapQuestionHeadings(node, lineIndex);
    } else if ('children' in child && child.type !== 'heading' && child.type !== 'paragraph') {
      wrapQuestionHeadings(child as Parent, lineIndex);
    }
  }
}

interface FaqSource {
  syntax: QaBlock['syntax'];
  name: string;
  questionText: string;
  innerStart: number;
  innerEnd: number;
}

function faqSourceOf(node: ContainerDirective, blockNames: ReadonlySet<string>, text: string): FaqSource | undefined {
  const data = node.data as { faqSource?: FaqSource } | undefined;
  if (data?.faqSource) return data.faqSource;
  if (!blockNames.has(node.name)) return undefined;
  // A native `:::details[Q?]` or `:::details{summary="Q?"}` directive.
  const label = node.children[0]?.data && 'directiveLabel' in node.children[0].data ? node.children[0] : undefined;
  const attributes = node.attributes ?? {};
  const fromAttribute = QUESTION_PARAMS.map((name) => attributes[name]).find((value) => typeof value === 'string');
  const start = node.position!.start.offset!;
  const firstLineEnd = text.indexOf('\n', start);
  const body = node.children.filter((child) => child !== label);
  return {
    syntax: 'directive',
    name: node.name,
    questionText: label ? plainText(label) : (fromAttribute ?? ''),
    innerStart: body[0]?.position?.start.offset ?? (firstLineEnd === -1 ? node.position!.end.offset! : firstLineEnd + 1),
    innerEnd: body[body.length - 1]?.position?.end.offset ?? node.position!.end.offset!,
  };
}

/** Fills the derived facts (blocks, sections, text runs, links, comments) from the finished tree. */
function collectModel(document: FaqDocument, masked: string, tags: readonly ShortcodeTag[], blockNames: ReadonlySet<string>): void {
  const { lineIndex, frontMatter } = document;
  const codeSpans: Array<{ start: number; end: number }> = [];
  const shortcodeLinkSpans: Array<{ start: number; end: number }> = [];

  const sections: Section[] = [];
  const openSection = (heading: Heading | undefined, depth: number, start: number): void => {
    const previous = sections[sections.length - 1];
    if (previous) previous.span = lineIndex.span(previous.span.start.offset, start);
    sections.push({ index: sections.length, heading, depth, span: lineIndex.span(start, document.text.length), blockIndices: [] });
  };
  openSection(undefined, 0, 0);
  const headingByOffset = new Map(document.headings.map((heading) => [heading.span.start.offset, heading]));

  // Comments and <a href> can sit inside a paragraph as inline HTML.
  const collectInlineHtml = (node: Nodes, blockIndex = -1): void => {
    if (node.type === 'html') collectHtml(document, masked, node.position?.start.offset ?? 0, node.position?.end.offset ?? 0, blockIndex);
    else if ('children' in node) for (const child of node.children) collectInlineHtml(child, blockIndex);
  };
  const visit = (node: Nodes, blockIndex: number, inQuestion: boolean): void => {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'code':
      case 'inlineCode':
        codeSpans.push({ start, end });
        return;
      case 'html':
        collectHtml(document, masked, start, end, blockIndex);
        return;
      case 'heading': {
        const heading = headingByOffset.get(start);
        if (heading && !heading.isQuestion && blockIndex === -1) openSection(heading, node.depth, start);
        addRun(document, masked, node, 'heading', blockIndex, inQuestion);
        collectLinks(document, masked, node, blockIndex, shortcodeLinkSpans);
        collectInlineHtml(node, blockIndex);
        return;
      }
      case 'paragraph':
      case 'tableCell':
        addRun(document, masked, node, node.type === 'paragraph' ? (inQuestion ? 'question' : 'paragraph') : 'table-cell', blockIndex, inQuestion);
        collectLinks(document, masked, node, blockIndex, shortcodeLinkSpans);
        collectInlineHtml(node, blockIndex);
        return;
      case 'definition':
        document.links.push({ kind: 'definition', destination: node.url, span: lineIndex.span(start, end), destinationSpan: destinationSpan(document, masked, node.url, start, end), blockIndex });
        return;
      case 'containerDirective': {
        const source = faqSourceOf(node, blockNames, masked);
        if (source) {
          const index = document.blocks.length;
          const label = node.children[0]?.data && 'directiveLabel' in node.children[0].data ? node.children[0] : undefined;
          const questionStart = label?.position?.start.offset ?? start;
          const questionEnd = label?.position?.end.offset ?? questionStart;
          const question = collapseWhitespace(source.questionText.replaceAll(MASK_CHAR, '')).trim();
          const block: QaBlock = {
            index,
            syntax: source.syntax,
            name: source.name,
            question,
            questionSpan: lineIndex.span(questionStart, questionEnd),
            isQuestion: source.syntax === 'heading' || source.name !== 'details' ? question !== '' : looksLikeQuestion(question),
            span: lineIndex.span(start, end),
            answerSpan: trimmedSpan(document, source.innerStart, source.innerEnd),
            answerText: '',
            sectionIndex: sections.length - 1,
            node,
          };
          node.data = { ...(node.data ?? {}), faq: block } as ContainerDirective['data'];
          document.blocks.push(block);
          (sections[sections.length - 1] as Section).blockIndices.push(index);
          // The block's runs are the ones its children add: no need to scan the page's other runs.
          const firstRun = document.textRuns.length;
          for (const child of node.children) visit(child, index, child === label);
          let answer = '';
          for (let at = firstRun; at < document.textRuns.length; at++) {
            const run = document.textRuns[at] as TextRun;
            if (run.blockIndex === index && !run.inQuestion) answer = answer === '' ? run.text.trim() : `${answer} ${run.text.trim()}`;
          }
          block.answerText = collapseWhitespace(answer).trim();
          return;
        }
        break;
      }
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) visit(child, blockIndex, inQuestion);
  };
  visit(document.tree, -1, false);
  document.sections = sections.filter((section, index) => index > 0 || section.blockIndices.length > 0 || sections.length === 1);
  document.sections.forEach((section, index) => {
    section.index = index;
    for (const blockIndex of section.blockIndices) (document.blocks[blockIndex] as QaBlock).sectionIndex = index;
  });

  collectLinkShortcodes(document, tags, codeSpans, shortcodeLinkSpans);
  collectFrontMatterRuns(document, frontMatter);
  document.links.sort((a, b) => a.span.start.offset - b.span.start.offset);
}

/** The span of `[start, end)` without the whitespace at either end (the answer as a reader sees it). */
function trimmedSpan(document: FaqDocument, start: number, end: number): Span {
  let from = start;
  let to = Math.max(start, end);
  while (from < to && /\s/.test(document.text[from] as string)) from++;
  while (to > from && /\s/.test(document.text[to - 1] as string)) to--;
  return document.lineIndex.span(from, to);
}

function addRun(document: FaqDocument, masked: string, node: Parent, kind: TextRun['kind'], blockIndex: number, inQuestion: boolean): void {
  const builder = new TextRunBuilder();
  collectPhrasing(builder, node.children as Nodes[], masked);
  const run = builder.finish(kind, blockIndex, inQuestion);
  if (run) document.textRuns.push(run);
}

function destinationSpan(document: FaqDocument, masked: string, url: string, start: number, end: number): FaqDocument['links'][number]['span'] {
  const at = url === '' ? -1 : masked.lastIndexOf(url, end);
  return at >= start ? document.lineIndex.span(at, at + url.length) : document.lineIndex.span(start, end);
}

function collectLinks(document: FaqDocument, masked: string, node: Nodes, blockIndex: number, shortcodeLinkSpans: Array<{ start: number; end: number }>): void {
  if (node.type === 'link' || node.type === 'image') {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    // A destination that is a masked shortcode (`{{< ref … >}}`) is recorded from the shortcode
    // itself; the enclosing link is remembered so the finding points at the link.
    if (node.url.includes(MASK_CHAR)) {
      shortcodeLinkSpans.push({ start, end });
    } else if (node.type === 'link') {
      document.links.push({ kind: 'markdown', destination: node.url, span: document.lineIndex.span(start, end), destinationSpan: destinationSpan(document, masked, node.url, start, end), blockIndex });
    }
  }
  if ('children' in node) for (const child of node.children) collectLinks(document, masked, child, blockIndex, shortcodeLinkSpans);
}

const HTML_COMMENT = /<!--([\s\S]*?)-->/g;
const HTML_HREF = /<a\s[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const HTML_ANCHOR = /<[a-z][\w-]*\s[^>]*?\b(?:id|name)\s*=\s*(?:"([^"]+)"|'([^']+)')/gi;

function collectHtml(document: FaqDocument, masked: string, start: number, end: number, blockIndex: number): void {
  const source = masked.slice(start, end);
  for (const match of source.matchAll(HTML_COMMENT)) {
    const at = start + match.index;
    const comment: HtmlComment = { text: (match[1] ?? '').trim(), span: document.lineIndex.span(at, at + match[0].length) };
    document.comments.push(comment);
  }
  for (const match of source.matchAll(HTML_ANCHOR)) {
    const id = match[1] ?? match[2] ?? '';
    if (id.includes(MASK_CHAR)) continue;
    const at = start + match.index;
    document.htmlAnchors.push({ id, span: document.lineIndex.span(at, at + match[0].length) });
  }
  for (const match of source.matchAll(HTML_HREF)) {
    const destination = match[1] ?? match[2] ?? '';
    if (destination.includes(MASK_CHAR)) continue;
    const at = start + match.index;
    const destinationStart = at + match[0].length - destination.length - 1;
    document.links.push({
      kind: 'html',
      destination,
      span: document.lineIndex.span(at, at + match[0].length),
      destinationSpan: document.lineIndex.span(destinationStart, destinationStart + destination.length),
      blockIndex,
    });
  }
}

function collectLinkShortcodes(
  document: FaqDocument,
  tags: readonly ShortcodeTag[],
  codeSpans: ReadonlyArray<{ start: number; end: number }>,
  enclosingLinks: ReadonlyArray<{ start: number; end: number }>,
): void {
  for (const tag of tags) {
    if (!LINK_SHORTCODES.has(tag.name) || tag.kind === 'close') continue;
    if (codeSpans.some((span) => tag.start >= span.start && tag.start < span.end)) continue;
    const pathParam = tag.params.find((param) => param.name === 'path') ?? tag.params.find((param) => param.name === undefined);
    if (!pathParam) continue;
    const innermost = document.blocks.filter((candidate) => candidate.span.start.offset <= tag.start && tag.end <= candidate.span.end.offset).pop();
    const enclosing = enclosingLinks.find((span) => span.start <= tag.start && tag.end <= span.end);
    document.links.push({
      kind: tag.name as 'ref' | 'relref',
      destination: pathParam.value,
      span: document.lineIndex.span(enclosing?.start ?? tag.start, enclosing?.end ?? tag.end),
      destinationSpan: document.lineIndex.span(pathParam.valueStart, pathParam.valueEnd),
      blockIndex: innermost?.index ?? -1,
    });
  }
}

function collectFrontMatterRuns(document: FaqDocument, frontMatter: FaqDocument['frontMatter']): void {
  if (!frontMatter) return;
  for (const entry of frontMatter.entries) {
    if (typeof entry.value !== 'string' || entry.innerStart === undefined || entry.innerEnd === undefined) continue;
    const builder = new TextRunBuilder();
    builder.addText(entry.value, document.text, entry.innerStart, entry.innerEnd);
    const run = builder.finish('front-matter', -1, false, entry.path.join('.'));
    if (run) document.textRuns.push(run);
  }
}
