import type { Nodes, PhrasingContent } from 'mdast';
import type { TextRun, TextRunKind } from '../model/types.js';
import { MASK_CHAR } from './regions.js';

const MASKED = new RegExp(`${MASK_CHAR}+`, 'g');
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>()]+/gi;
const URL_HINT = /:\/\/|www\.|mailto:/i;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Builds one run's text and where each character comes from. Most characters come from the source
 * one after another, so the builder keeps stretches (text index, source offset) and a run makes
 * its per-character offsets only when a rule reads them, for the few runs with a finding: a page's
 * prose otherwise cost an offset array as long as the prose itself.
 */
export class TextRunBuilder {
  private text = '';
  /** Flat pairs (index in `text`, source offset): from that index on, characters sit at consecutive offsets. */
  private readonly stretches: number[] = [];
  private lastEnd = 0;

  /** Adds `value`, whose characters come from `source.slice(start, end)` (escapes and entities may differ). */
  addText(value: string, source: string, start: number, end: number): void {
    if (end - start === value.length && source.startsWith(value, start)) {
      this.append(value, start);
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
        // A surrogate pair's halves sit at consecutive offsets from `at`.
        this.append(ch, at);
        cursor = found === -1 ? cursor : found + ch.length;
      }
    }
    this.lastEnd = end;
  }

  /** Marks a left-out part (code, HTML, a shortcode) so the words on either side stay apart. */
  addGap(at: number): void {
    if (this.text.length > 0 && !/\s/.test(this.text.charAt(this.text.length - 1))) this.append(' ', at);
  }

  /** Appends `chars`, which sit at consecutive source offsets from `offset`. */
  private append(chars: string, offset: number): void {
    const { stretches } = this;
    const last = stretches.length - 2;
    // Continues the last stretch when the source does.
    const continues = last >= 0 && (stretches[last + 1] as number) + (this.text.length - (stretches[last] as number)) === offset;
    if (!continues) stretches.push(this.text.length, offset);
    this.text += chars;
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
    const { stretches } = this;
    const length = text.length;
    let offsets: Int32Array | undefined;
    return {
      kind,
      text,
      get offsets(): Int32Array {
        return (offsets ??= offsetsOf(stretches, length));
      },
      endOffset: this.lastEnd,
      blockIndex,
      inQuestion,
      frontMatterKey,
    };
  }
}

/** Every character's source offset, from a builder's stretches. */
function offsetsOf(stretches: readonly number[], length: number): Int32Array {
  const offsets = new Int32Array(length);
  for (let at = 0; at < stretches.length; at += 2) {
    const from = stretches[at] as number;
    const to = at + 2 < stretches.length ? (stretches[at + 2] as number) : length;
    const offset = stretches[at + 1] as number;
    for (let index = from; index < to; index++) offsets[index] = offset + (index - from);
  }
  return offsets;
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
