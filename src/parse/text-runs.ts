import type { Nodes, PhrasingContent } from 'mdast';
import type { TextRun, TextRunKind } from '../model/types.js';
import { MASK_CHAR } from './regions.js';

const MASKED = new RegExp(`${MASK_CHAR}+`, 'g');
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>()]+/gi;
const URL_HINT = /:\/\/|www\.|mailto:/i;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Builds one run's text and its per-character source offsets. */
export class TextRunBuilder {
  private text = '';
  private offsets: number[] = [];
  private lastEnd = 0;

  /** Adds `value`, whose characters come from `source.slice(start, end)` (escapes and entities may differ). */
  addText(value: string, source: string, start: number, end: number): void {
    const raw = source.slice(start, end);
    if (raw === value) {
      this.text += value;
      for (let i = 0; i < value.length; i++) this.offsets.push(start + i);
    } else {
      // Escapes, entities, block-quote markers and continuation indents make the value shorter
      // than its source: match each character to the next equal one nearby.
      let cursor = start;
      for (const ch of value) {
        let found = -1;
        for (let k = cursor; k < Math.min(end, cursor + 16); k++) {
          if (source.startsWith(ch, k)) {
            found = k;
            break;
          }
        }
        const at = found === -1 ? Math.min(cursor, Math.max(start, end - 1)) : found;
        for (let unit = 0; unit < ch.length; unit++) this.push(ch[unit] as string, at + unit);
        cursor = found === -1 ? cursor : found + ch.length;
      }
    }
    this.lastEnd = end;
  }

  /** Marks a left-out part (code, HTML, a shortcode) so the words on either side stay apart. */
  addGap(at: number): void {
    if (this.text.length > 0 && !/\s/.test(this.text.charAt(this.text.length - 1))) this.push(' ', at);
  }

  private push(ch: string, offset: number): void {
    this.text += ch;
    this.offsets.push(offset);
  }

  /** The finished runs: masked shortcodes and URLs are cut out, and runs with no letters or digits are dropped. */
  finish(kind: TextRunKind, blockIndex: number, inQuestion: boolean, frontMatterKey?: string): TextRun | undefined {
    let text = this.text;
    // Keep lengths equal: the gap is spaces, so offsets still line up one to one.
    const blank = (match: string): string => ' '.repeat(match.length);
    if (text.includes(MASK_CHAR)) text = text.replace(MASKED, blank);
    // Most runs hold no URL: a plain search rules that out before the pattern walks every word.
    if (URL_HINT.test(text)) text = text.replace(URL, blank);
    if (!LETTER_OR_DIGIT.test(text)) return undefined;
    return {
      kind,
      text,
      offsets: Int32Array.from(this.offsets),
      endOffset: this.lastEnd,
      blockIndex,
      inQuestion,
      frontMatterKey,
    };
  }
}

/** Adds the visible text of inline content: link text yes, URLs, code and HTML no. */
export function collectPhrasing(builder: TextRunBuilder, nodes: readonly (PhrasingContent | Nodes)[], source: string): void {
  for (const node of nodes) {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    switch (node.type) {
      case 'text':
        builder.addText(node.value, source, start, end);
        break;
      case 'inlineCode':
      case 'html':
      case 'image':
      case 'imageReference':
      case 'break':
        builder.addGap(start);
        break;
      default:
        if ('children' in node) collectPhrasing(builder, node.children as PhrasingContent[], source);
    }
  }
}
