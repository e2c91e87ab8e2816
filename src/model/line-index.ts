/** A 1-based line/column position with its 0-based UTF-16 offset into the (BOM-less) text. */
export interface Point {
  line: number;
  column: number;
  offset: number;
}

/** A source span; `end` is exclusive. */
export interface Span {
  start: Point;
  end: Point;
}

/** A {@link LineIndex} as plain data. */
export interface LineIndexParts {
  lineStarts: Int32Array;
  lineEnds: Int32Array;
  length: number;
}

/**
 * Converts offsets to line/column. Every position in faqlint is computed from an offset through
 * this one index, so positions stay exact even where Markdown is parsed from a slice or a masked copy.
 * `\r\n`, `\r` and `\n` all end a line, as CommonMark says.
 */
export class LineIndex {
  /** Offsets at which each line starts, and just past its last character (before the line ending). */
  private readonly lineStarts: Int32Array;
  private readonly lineEnds: Int32Array;
  /** Not the text itself: an index outlives the text of a document whose facts are all that is kept. */
  private readonly length: number;

  /** From a text, or from the parts of an index made elsewhere (a worker thread's, see {@link LineIndex.parts}). */
  constructor(source: string | LineIndexParts) {
    if (typeof source !== 'string') {
      this.lineStarts = source.lineStarts;
      this.lineEnds = source.lineEnds;
      this.length = source.length;
      return;
    }
    const text = source;
    const starts = [0];
    const ends: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */) {
        ends.push(i);
        starts.push(i + 1);
      } else if (code === 13 /* \r */) {
        ends.push(i);
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    ends.push(text.length);
    this.lineStarts = Int32Array.from(starts);
    this.lineEnds = Int32Array.from(ends);
    this.length = text.length;
  }

  /** What the index is made of: a structured clone keeps no class, so another thread rebuilds it from these. */
  parts(): LineIndexParts {
    return { lineStarts: this.lineStarts, lineEnds: this.lineEnds, length: this.length };
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The point at `offset`, clamped into the text. */
  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (this.lineStarts[low] as number) + 1, offset: clamped };
  }

  span(start: number, end: number): Span {
    return { start: this.point(start), end: this.point(Math.max(start, end)) };
  }

  /** Offset of the first character of 1-based `line`. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] as number;
  }

  /** Offset just past the last character of 1-based `line`, before its line ending. */
  lineEnd(line: number): number {
    return this.lineEnds[Math.max(0, Math.min(line - 1, this.lineEnds.length - 1))] as number;
  }
}
