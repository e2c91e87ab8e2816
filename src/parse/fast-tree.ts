import type { Root } from 'mdast';
import { parse, postprocess, preprocess } from 'micromark';
import { decodeString } from 'micromark-util-decode-string';
import type { Event, Extension, ParseContext, Token, TokenizeContext } from 'micromark-util-types';
import { parseEntities } from 'parse-entities';
import type { LineIndex, Point } from '../model/line-index.js';

/**
 * The Markdown tree faqlint reads a page through, built straight from micromark's events.
 *
 * mdast-util-from-markdown builds the full mdast tree (titles, identifiers, list spread, code
 * values, a line/column for every node) through a generic handler machine that copies its context
 * for every event; on a large site that was a quarter of a worker's parse. This builds the same
 * nodes with only the fields faqlint's model reads: type, children, position offsets, text values,
 * link and definition URLs, image alt text, heading depth, directive name and attributes, HTML and
 * inline code values. Where it keeps a field, the field holds exactly what mdast-util-from-markdown
 * gives it (test/parse/fast-tree.test.ts compares the two); the full mdast tree is still built, on
 * demand, for a plugin that reads `document.tree`.
 */

/** A point whose line and column are worked out only if something asks (the model reads offsets). */
class OffsetPoint implements Point {
  constructor(
    readonly offset: number,
    private readonly lines: LineIndex,
  ) {}

  get line(): number {
    return this.lines.point(this.offset).line;
  }

  get column(): number {
    return this.lines.point(this.offset).column;
  }
}

interface FastNode {
  type: string;
  children?: FastNode[];
  value?: string;
  url?: string;
  alt?: string | null;
  depth?: number;
  name?: string;
  attributes?: Record<string, string>;
  data?: { directiveLabel: true };
  position: { start: Point; end: Point };
}

/** Nodes that a line ending inside them adds to as text, as in mdast-util-from-markdown. */
const HOLDS_LINE_ENDINGS = new Set(['emphasis', 'fragment', 'heading', 'paragraph', 'strong']);

/** Token types that open a node, and the node they open. */
const OPENS: Record<string, () => Omit<FastNode, 'position'>> = {
  atxHeading: () => ({ type: 'heading', depth: 0, children: [] }),
  setextHeading: () => ({ type: 'heading', depth: 0, children: [] }),
  blockQuote: () => ({ type: 'blockquote', children: [] }),
  codeFenced: () => ({ type: 'code' }),
  codeIndented: () => ({ type: 'code' }),
  codeText: () => ({ type: 'inlineCode', value: '' }),
  definition: () => ({ type: 'definition', url: '' }),
  emphasis: () => ({ type: 'emphasis', children: [] }),
  strong: () => ({ type: 'strong', children: [] }),
  hardBreakEscape: () => ({ type: 'break' }),
  hardBreakTrailing: () => ({ type: 'break' }),
  htmlFlow: () => ({ type: 'html', value: '' }),
  htmlText: () => ({ type: 'html', value: '' }),
  image: () => ({ type: 'image', url: '', alt: null }),
  link: () => ({ type: 'link', url: '', children: [] }),
  autolink: () => ({ type: 'link', url: '', children: [] }),
  listOrdered: () => ({ type: 'list', children: [] }),
  listUnordered: () => ({ type: 'list', children: [] }),
  listItem: () => ({ type: 'listItem', children: [] }),
  paragraph: () => ({ type: 'paragraph', children: [] }),
  thematicBreak: () => ({ type: 'thematicBreak' }),
  directiveContainer: () => ({ type: 'containerDirective', name: '', attributes: {}, children: [] }),
  directiveContainerLabel: () => ({ type: 'paragraph', data: { directiveLabel: true }, children: [] }),
};

/** Token types whose text is kept aside and read when they close (a link's label, a URL). */
const BUFFERS = new Set([
  'label',
  'resourceDestinationString',
  'resourceTitleString',
  'referenceString',
  'definitionLabelString',
  'definitionDestinationString',
  'definitionTitleString',
  'directiveContainerAttributes',
]);

/** Tokens whose characters are text (inside a raw node they are its value). */
const DATA = new Set(['data', 'codeTextData', 'htmlFlowData', 'htmlTextData', 'autolinkProtocol', 'autolinkEmail']);

/** What mdast-util-to-string gives a buffered fragment: values, image alt text, children's text. */
function plainString(node: FastNode): string {
  if (node.value !== undefined) return node.value;
  if (node.alt) return node.alt;
  if (node.children) {
    let text = '';
    for (const child of node.children) text += plainString(child);
    return text;
  }
  return '';
}

/** A token's text as micromark gives it (tabs, line endings and NUL as the parser read them). */
function sliceOf(context: TokenizeContext, token: Token): string {
  return context.sliceSerialize(token);
}

/** One micromark parser per extension list: combining the extensions cost as much as reading a short slice. */
const parsers = new WeakMap<Extension[], ParseContext>();

/** micromark's events for `slice`, with the extensions faqlint's Markdown reading uses. */
export function markdownEvents(slice: string, extensions: Extension[]): Event[] {
  let parser = parsers.get(extensions);
  if (!parser) parsers.set(extensions, (parser = parse({ extensions })));
  // A parser's only per-document state: the definitions seen (which make `[x]` a link) and which lines were lazy.
  parser.defined = [];
  parser.lazy = {};
  return postprocess(parser.document().write(preprocess()(slice, undefined, true)));
}

/**
 * Adds mdast's `listItem` boundaries to a list's events, where mdast-util-from-markdown puts
 * them: an item starts at its marker and ends before the line endings (and container prefixes)
 * that trail it. Lists are prepared innermost first, as each ends.
 */
function withListItems(events: Event[]): Event[] {
  // Events before the first list need no items: most slices hold no list, and are not copied.
  const firstList = events.findIndex(([, token]) => token.type === 'listOrdered' || token.type === 'listUnordered');
  if (firstList === -1) return events;
  const prepared: Event[] = events.slice(0, firstList);
  const openLists: number[] = [];
  for (let index = firstList; index < events.length; index++) {
    const event = events[index] as Event;
    prepared.push(event);
    const type = event[1].type;
    if (type !== 'listOrdered' && type !== 'listUnordered') continue;
    if (event[0] === 'enter') openLists.push(prepared.length - 1);
    else addListItems(prepared, openLists.pop() as number);
  }
  return prepared;
}

const TRAILING_PREFIXES = new Set(['linePrefix', 'blockQuotePrefix', 'blockQuotePrefixWhitespace', 'blockQuoteMarker', 'listItemIndent']);

function addListItems(events: Event[], start: number): void {
  const insertions: Array<{ at: number; event: Event }> = [];
  let depth = -1;
  let item: Token | undefined;
  for (let index = start; index < events.length; index++) {
    const [kind, token, context] = events[index] as Event;
    if (token.type === 'listOrdered' || token.type === 'listUnordered' || token.type === 'blockQuote') depth += kind === 'enter' ? 1 : -1;
    const opensItem = depth === 0 && kind === 'enter' && token.type === 'listItemPrefix';
    const endsList = depth === -1 && kind === 'exit' && (token.type === 'listOrdered' || token.type === 'listUnordered');
    if (!opensItem && !endsList) continue;
    if (item) {
      let firstTrailingLineEnding: number | undefined;
      for (let back = index - 1; back >= 0; back--) {
        const [backKind, backToken] = events[back] as Event;
        if (backToken.type === 'lineEnding' || backToken.type === 'lineEndingBlank') {
          if (backKind === 'enter') firstTrailingLineEnding = back;
        } else if (!TRAILING_PREFIXES.has(backToken.type)) break;
      }
      item.end = firstTrailingLineEnding === undefined ? token.end : (events[firstTrailingLineEnding] as Event)[1].start;
      insertions.push({ at: firstTrailingLineEnding ?? index, event: ['exit', item, context] });
    }
    if (opensItem) {
      item = { type: 'listItem', start: token.start, end: token.start } as Token;
      insertions.push({ at: index, event: ['enter', item, context] });
    }
  }
  const listEvents = events.splice(start);
  let next = 0;
  for (let index = 0; index < listEvents.length; index++) {
    while (next < insertions.length && (insertions[next] as { at: number }).at === start + index) events.push((insertions[next++] as { event: Event }).event);
    events.push(listEvents[index] as Event);
  }
}

/**
 * The tree of `slice` (which starts at offset `base` of the page) from its micromark events, with
 * absolute offsets; line and column come from `lineIndex` when read. `deepest` is at least the
 * depth of the deepest node.
 */
export function fastTree(events: Event[], base: number, lineIndex: LineIndex): { tree: Root; deepest: number } {
  const point = (at: Token['start']): Point => new OffsetPoint(at.offset + base, lineIndex);
  const root: FastNode = { type: 'root', children: [], position: { start: new OffsetPoint(base, lineIndex), end: new OffsetPoint(base, lineIndex) } };
  const stack: FastNode[] = [root];
  /** The HTML or inline code node whose text goes to its value. */
  let raw: FastNode | undefined;
  /** The code block being passed over: no rule reads its text, so no node is made of it. */
  let skipping: Token | undefined;
  let atHardBreak = false;
  /** Between a setext heading's text and its underline the line ending is not text. */
  let afterSetextText = false;
  let escapeStart: Token['start'] | undefined;
  let inReference = false;
  let attributes: Array<[string, string]> = [];

  const top = (): FastNode => stack[stack.length - 1] as FastNode;
  /** Text from `start` to `end`, joined to the text node just before it, as mdast does. */
  const addText = (value: string, start: Token['start'], end: Token['end']): void => {
    const children = top().children;
    if (!children) return;
    const tail = children[children.length - 1];
    if (tail?.type === 'text') {
      tail.value += value;
      tail.position.end = point(end);
    } else {
      children.push({ type: 'text', value, position: { start: point(start), end: point(end) } });
    }
  };
  /** How deep the deepest node lies (a fragment on the stack counts too: never less than the truth). */
  let deepest = 0;
  const open = (node: FastNode): void => {
    top().children?.push(node);
    stack.push(node);
    if (stack.length - 1 > deepest) deepest = stack.length - 1;
  };
  const buffer = (token: Token): void => {
    stack.push({ type: 'fragment', children: [], position: { start: point(token.start), end: point(token.start) } });
  };
  const resume = (): string => plainString(stack.pop() as FastNode);

  const prepared = withListItems(events);
  // Indexed, not destructured: the loop runs once per event, a million times on a large site.
  for (let index = 0; index < prepared.length; index++) {
    const event = prepared[index] as Event;
    const kind = event[0];
    const token = event[1];
    const context = event[2];
    const type = token.type;
    if (skipping) {
      if (token === skipping && kind === 'exit') {
        skipping = undefined;
        (stack.pop() as FastNode).position.end = point(token.end);
      }
      continue;
    }
    if (kind === 'enter') {
      const create = OPENS[type];
      if (create) {
        const node = create() as FastNode;
        node.position = { start: point(token.start), end: point(token.start) };
        open(node);
        if (type === 'codeFenced' || type === 'codeIndented') skipping = token;
        else if (type === 'htmlFlow' || type === 'htmlText' || type === 'codeText') raw = node;
      } else if (type === 'characterEscape') {
        escapeStart = token.start;
      } else if (BUFFERS.has(type)) {
        if (type === 'directiveContainerAttributes') attributes = [];
        buffer(token);
      }
      continue;
    }

    // Exits.
    if (raw && (DATA.has(type) || type === 'lineEnding')) {
      raw.value += sliceOf(context, token);
      continue;
    }
    switch (type) {
      case 'data':
        addText(sliceOf(context, token), token.start, token.end);
        continue;
      case 'characterEscapeValue':
        addText(sliceOf(context, token), escapeStart ?? token.start, token.end);
        continue;
      case 'characterReference':
        addText(decodeString(sliceOf(context, token)), token.start, token.end);
        continue;
      case 'autolinkProtocol':
      case 'autolinkEmail': {
        const value = sliceOf(context, token);
        addText(value, token.start, token.end);
        top().url = type === 'autolinkEmail' ? `mailto:${value}` : value;
        continue;
      }
      case 'lineEnding': {
        if (atHardBreak) {
          const children = top().children ?? [];
          const last = children[children.length - 1];
          if (last) last.position.end = point(token.end);
          atHardBreak = false;
        } else if (!afterSetextText && HOLDS_LINE_ENDINGS.has(top().type)) {
          addText(sliceOf(context, token), token.start, token.end);
        }
        continue;
      }
      case 'atxHeadingSequence': {
        const heading = top();
        if (!heading.depth) heading.depth = sliceOf(context, token).length;
        continue;
      }
      case 'setextHeadingText':
        afterSetextText = true;
        continue;
      case 'setextHeadingLineSequence':
        top().depth = sliceOf(context, token).codePointAt(0) === 61 /* = */ ? 1 : 2;
        continue;
      case 'label': {
        const fragment = stack.pop() as FastNode;
        inReference = true;
        const node = top();
        if (node.type === 'link') node.children = fragment.children;
        else node.alt = plainString(fragment);
        continue;
      }
      case 'resource':
        inReference = false;
        continue;
      case 'resourceDestinationString':
      case 'definitionDestinationString': {
        const url = resume();
        top().url = url;
        continue;
      }
      case 'resourceTitleString':
      case 'referenceString':
      case 'definitionLabelString':
      case 'definitionTitleString':
        resume();
        continue;
      case 'directiveContainerName':
        top().name = sliceOf(context, token);
        continue;
      case 'directiveContainerAttributeIdValue':
        attributes.push(['id', parseEntities(sliceOf(context, token), { attribute: true })]);
        continue;
      case 'directiveContainerAttributeClassValue':
        attributes.push(['class', parseEntities(sliceOf(context, token), { attribute: true })]);
        continue;
      case 'directiveContainerAttributeName':
        attributes.push([sliceOf(context, token), '']);
        continue;
      case 'directiveContainerAttributeValue': {
        const last = attributes[attributes.length - 1];
        if (last) last[1] = parseEntities(sliceOf(context, token), { attribute: true });
        continue;
      }
      case 'directiveContainerAttributes': {
        const cleaned: Record<string, string> = {};
        for (const [name, value] of attributes) cleaned[name] = name === 'class' && cleaned.class ? `${cleaned.class} ${value}` : value;
        resume();
        top().attributes = cleaned;
        continue;
      }
      default:
        break;
    }
    if (!OPENS[type]) continue;
    if (type === 'hardBreakEscape' || type === 'hardBreakTrailing') atHardBreak = true;
    else if (type === 'setextHeading') afterSetextText = false;
    else if (type === 'htmlFlow' || type === 'htmlText' || type === 'codeText') raw = undefined;
    const node = stack.pop() as FastNode;
    node.position.end = point(token.end);
    if ((type === 'link' || type === 'image') && inReference) {
      node.type = type === 'link' ? 'linkReference' : 'imageReference';
      delete node.url;
    }
  }
  return { tree: root as unknown as Root, deepest };
}
