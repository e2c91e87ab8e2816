import { describe, expect, it } from 'vitest';
import { parseFaqDocument } from '../../src/parse/document.js';

describe('a text run\'s source offsets', () => {
  const source = 'Say \\*hi\\* &amp; `code` to [the link](/x) 😀 now,\n> quoted *twice*\n> over lines.\n';
  const runs = parseFaqDocument('faq.md', source).textRuns;

  it('give every character of the text the place it comes from: escapes, entities, gaps, link text, surrogate pairs', () => {
    const run = runs[0];
    expect(run?.text).toBe('Say *hi* &  to the link 😀 now,');
    const offsets = Array.from(run?.offsets ?? []);
    expect(offsets).toHaveLength(run?.text.length ?? -1);
    const at = (needle: string, from = 0): number => source.indexOf(needle, from);
    expect(offsets.slice(0, 4)).toEqual([0, 1, 2, 3]);
    // `\*` reads as `*`: the star, not the backslash.
    expect(offsets.slice(4, 8)).toEqual([at('*'), at('hi'), at('hi') + 1, at('*', at('hi'))]);
    // `&amp;` reads as `&`, at the entity's start; the code span between two spaces adds nothing.
    expect(offsets.slice(9, 12)).toEqual([at('&amp;'), at('&amp;') + 5, at(' to')]);
    const link = run?.text.indexOf('the link') ?? -1;
    expect(offsets.slice(link, link + 8)).toEqual([...Array(8).keys()].map((k) => at('the link') + k));
    const emoji = run?.text.indexOf('😀') ?? -1;
    expect(offsets.slice(emoji, emoji + 2)).toEqual([at('😀'), at('😀') + 1]);
    expect(offsets.at(-1)).toBe(at('now,') + 3);
  });

  it('put the space that stands for left-out code where the code starts', () => {
    const text = 'Run`code`now please.\n';
    const run = parseFaqDocument('faq.md', text).textRuns[0];
    expect(run?.text).toBe('Run now please.');
    expect(Array.from(run?.offsets ?? []).slice(0, 5)).toEqual([0, 1, 2, text.indexOf('`'), text.indexOf('now')]);
  });

  it('skip the block quote markers of a paragraph over several lines', () => {
    const run = runs[1];
    expect(run?.text).toBe('quoted twice\nover lines.');
    const offsets = Array.from(run?.offsets ?? []);
    expect(offsets[run?.text.indexOf('over') ?? -1]).toBe(source.indexOf('over'));
    expect(offsets[run?.text.indexOf('twice') ?? -1]).toBe(source.indexOf('twice'));
  });

  it('are there in a copy of the run', () => {
    const run = runs[0];
    expect({ ...run }.offsets).toEqual(run?.offsets);
  });
});
