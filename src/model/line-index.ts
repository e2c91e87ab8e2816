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

/**
 * Converts offsets to line/column. Every position in faqlint is computed from an offset through
 * this one index, so positions stay exact even where Markdown is parsed from a slice or a masked copy.
 * `\r\n`, `\r` and `\n` all end a line, as CommonMark says.
 */
export class LineIndex {
  /** Offsets at which each line starts. */
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 10 /* \n */) {
        starts.push(i + 1);
      } else if (code === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** The point at `offset`, clamped into the text. */
  point(offset: number): Point {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
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
    const next = this.lineStarts[line];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}
