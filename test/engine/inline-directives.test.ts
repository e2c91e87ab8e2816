import { describe, expect, it } from 'vitest';
import { lintWithRule } from '../helpers/lint-text.js';

const lines = (messages: Array<{ line: number }>): number[] => messages.map((message) => message.line);

describe('inline faqlint comments', () => {
  it('disable-next-line silences only the next line and only the named rule', async () => {
    const text = '<!-- faqlint-disable-next-line no-placeholder -->\nTODO: write\n\nTODO: also\n';
    expect(lines(await lintWithRule('no-placeholder', text))).toEqual([4]);
    const other = '<!-- faqlint-disable-next-line no-draft -->\nTODO: write\n';
    expect(lines(await lintWithRule('no-placeholder', other))).toEqual([2]);
  });

  it('disable … enable silences a range', async () => {
    const text = 'TODO: one\n\n<!-- faqlint-disable no-placeholder -->\n\nTODO: two\n\n<!-- faqlint-enable no-placeholder -->\n\nTODO: three\n';
    expect(lines(await lintWithRule('no-placeholder', text))).toEqual([1, 9]);
  });

  it('disable without rules silences every rule until enable', async () => {
    const text = '<!-- faqlint-disable -->\n\nTODO: one\n\n<!-- faqlint-enable -->\n\nTODO: two\n';
    expect(lines(await lintWithRule('no-placeholder', text))).toEqual([7]);
  });

  it('disable-line silences its own line and disable-file the whole file', async () => {
    expect(lines(await lintWithRule('no-placeholder', 'TODO: one <!-- faqlint-disable-line -->\n\nTODO: two\n'))).toEqual([3]);
    expect(lines(await lintWithRule('no-placeholder', 'TODO: one\n\n<!-- faqlint-disable-file no-placeholder -->\n'))).toEqual([]);
  });

  it('ignores a justification after " -- "', async () => {
    const text = '<!-- faqlint-disable-next-line no-placeholder -- the product is called TBD -->\nTBD\n';
    expect(lines(await lintWithRule('no-placeholder', text))).toEqual([]);
  });

  it('reports directives that silence nothing when asked to', async () => {
    const text = '<!-- faqlint-disable-next-line no-placeholder -->\nA real answer.\n\n<!-- faqlint-disable-next-line no-placeholder -->\nTODO: fill in\n';
    const messages = await lintWithRule('no-placeholder', text, { config: { reportUnusedDisableDirectives: 'warn' } });
    expect(messages.map((message) => [message.ruleId, message.severity, message.line, message.column, message.message])).toEqual([
      ['unused-disable-directive', 1, 1, 1, 'Unused directive <!-- faqlint-disable-next-line no-placeholder -->: it silences no problem'],
    ]);
    expect(await lintWithRule('no-placeholder', text)).toEqual([]);
  });
});
