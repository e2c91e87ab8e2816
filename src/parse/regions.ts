import type { BlockSyntax } from '../model/types.js';

/** A stretch of source that is parsed apart from its surroundings: a Q/A block or a code shortcode. */
export interface Region {
  kind: 'qa' | 'code';
  syntax: BlockSyntax;
  name: string;
  /** Whole extent, opening syntax to closing syntax. */
  start: number;
  end: number;
  /** The answer (or code) between the opening and closing syntax. */
  innerStart: number;
  innerEnd: number;
  /** Source range of the question text, when the syntax has one. */
  question: { text: string; start: number; end: number } | undefined;
  /** For code shortcodes: the language argument. */
  lang: string | undefined;
}

/** The character that stands in for masked inline syntax: a private-use letter, so Markdown reads the run as one word. */
export const MASK_CHAR = '\uE000';

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

function lineStartBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const code = text.charCodeAt(i - 1);
    if (code === 10 || code === 13) break;
    i--;
  }
  return i;
}

function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) break;
    i++;
  }
  return i;
}

/** True when nothing but spaces shares the lines of `[start, end)` outside it. */
export function occupiesWholeLines(text: string, start: number, end: number): boolean {
  return isBlank(text, lineStartBefore(text, start), start) && isBlank(text, end, lineEndAfter(text, end));
}

/** A stretch to mask; `opaque` ones become one opaque word even when they fill whole lines. */
export interface MaskRange {
  start: number;
  end: number;
  opaque?: boolean;
}

/**
 * Same-length masking keeps every offset valid. Syntax that owns whole lines becomes blank lines
 * (so it separates blocks, as Hugo's placeholder does); syntax inside a line becomes one opaque
 * word, so the paragraph around it survives and no text rule reads it.
 */
function maskFor(text: string, range: MaskRange): string {
  // A line at a time, not a character at a time: a region not read in place is masked whole.
  if (!range.opaque && occupiesWholeLines(text, range.start, range.end)) return text.slice(range.start, range.end).replace(/[^\r\n]+/g, (line) => ' '.repeat(line.length));
  return MASK_CHAR.repeat(range.end - range.start);
}

/**
 * `copy` (the part of the file from offset `base` on, possibly already masked) with `ranges`
 * masked; `text` is the whole file, which decides what fills whole lines. Where ranges overlap,
 * a later one wins, as if each were masked in turn.
 */
export function maskRanges(copy: string, text: string, ranges: readonly MaskRange[], base = 0): string {
  if (ranges.length === 0) return copy;
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const overlapping = sorted.some((range, index) => index > 0 && range.start < (sorted[index - 1] as MaskRange).end);
  if (overlapping) {
    let masked = copy;
    for (const range of ranges) masked = masked.slice(0, range.start - base) + maskFor(text, range) + masked.slice(range.end - base);
    return masked;
  }
  const parts: string[] = [];
  let cursor = base;
  for (const range of sorted) {
    parts.push(copy.slice(cursor - base, range.start - base), maskFor(text, range));
    cursor = range.end;
  }
  parts.push(copy.slice(cursor - base));
  return parts.join('');
}

/** Regions inside `[start, end)` that no other region in that range contains. */
export function outermostRegions(regions: readonly Region[], start: number, end: number): Region[] {
  const inside = regions
    .filter((region) => region.start >= start && region.end <= end)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const outermost: Region[] = [];
  let coveredUntil = -1;
  for (const region of inside) {
    if (region.start < coveredUntil) continue;
    outermost.push(region);
    coveredUntil = region.end;
  }
  return outermost;
}

/** Interrogative openings: a `details` title that starts like this asks something even without "?". */
const QUESTION_OPENING =
  /^(?:how|what|what's|whats|why|when|where|who|whom|whose|which|can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|must|have|has|am|isn't|aren't|doesn't|don't|can't)\b/i;

/** Whether a block title reads as a question, so question rules look at it. */
export function looksLikeQuestion(title: string): boolean {
  const trimmed = title.trim();
  if (trimmed === '') return false;
  if (/[?？؟]$/.test(trimmed)) return true;
  return QUESTION_OPENING.test(trimmed);
}
