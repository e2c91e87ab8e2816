import { describe, expect, it } from 'vitest';
import { LineIndex } from '../../src/model/line-index.js';

describe('LineIndex', () => {
  it('maps offsets to lines and columns across \\n, \\r\\n and \\r, and knows where each line ends, without keeping the text', () => {
    const text = 'ab\r\ncd\ref\n\ngh';
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(5);
    expect([0, 4, 7, 10, 11, 13, 99].map((offset) => index.point(offset))).toEqual([
      { line: 1, column: 1, offset: 0 },
      { line: 2, column: 1, offset: 4 },
      { line: 3, column: 1, offset: 7 },
      { line: 4, column: 1, offset: 10 },
      { line: 5, column: 1, offset: 11 },
      { line: 5, column: 3, offset: 13 },
      { line: 5, column: 3, offset: 13 },
    ]);
    expect([1, 2, 3, 4, 5].map((line) => [index.lineStart(line), index.lineEnd(line)])).toEqual([
      [0, 2],
      [4, 6],
      [7, 9],
      [10, 10],
      [11, 13],
    ]);
    expect(Object.values(index).some((value) => value === text)).toBe(false);
  });
});
