/**
 * Hostile input at scale through the real CLI: deep nesting of every kind and thousands of
 * blocks, each case in a temp folder next to `ok.md` (a `TODO: x` at 1:1), with the same
 * contract as hostile-input.test.ts: exit 1, no stack trace, a run that finishes within a
 * generous bound, `ok.md` still linted, and the hostile file's own findings. Apart from
 * hostile-input.test.ts because these are the slow cases: vitest's workers share them.
 *
 * Build first (`npx tsc -p tsconfig.build.json`): these tests run `dist/`.
 */
import { describe, expect, it } from 'vitest';

import { caseFolder, expectContract, faqlint, lintHostile, messagesOf, TEST_TIMEOUT, useHostileHarness, where } from '../helpers/hostile-harness.js';

useHostileHarness();

describe('deep nesting', () => {
  // Deep nesting may be cut off with a parse error, but never crash the run, and what follows
  // the nested part is still linted.
  it('10,000 nested blockquotes', async () => {
    const { x } = await lintHostile(`${'>'.repeat(10_000)} deep\n\nTODO: after\n`);
    expect(x.map(where)).toContain('3:1 no-placeholder');
  }, TEST_TIMEOUT);

  it('lists nested 5,000 levels deep on one line', async () => {
    // `- - - … item` is 5,000 nested lists in 10 kB.
    const { x } = await lintHostile(`${'- '.repeat(5000)}item\n\nTODO: after\n`);
    expect(x.map(where)).toContain('3:1 no-placeholder');
  }, TEST_TIMEOUT);

  it('ordered lists nested 3,000 levels deep on one line', async () => {
    // `1. 1. 1. … item` nests like `- - -`; each level once cost the Markdown parser a pass over the rest.
    const { x } = await lintHostile(`${'1. '.repeat(3000)}item\n\nTODO: after\n`);
    expect(x.map(where)).toContain('3:1 no-placeholder');
  }, TEST_TIMEOUT);

  it('lists nested 1,000 levels deep by indentation', async () => {
    // Indenting each level makes the file grow with the square of the depth: 1,000 levels is 1 MB.
    const lines = Array.from({ length: 1000 }, (_, depth) => `${'  '.repeat(depth)}- item`);
    const { x } = await lintHostile(`${lines.join('\n')}\n\nTODO: after\n`);
    expect(x.some((message) => message.ruleId === 'parse-error') || x.map(where).includes('1002:1 no-placeholder'), JSON.stringify(x.slice(0, 3))).toBe(true);
  }, TEST_TIMEOUT);

  it('5,000 nested, properly closed {{< details >}} blocks', async () => {
    // Each level is parsed again on its own (as Hugo renders it): that must not cost depth × size.
    const depth = 5000;
    const { x } = await lintHostile(`${'{{< details "Q?" >}}\n'.repeat(depth)}TODO: inside\n${'{{< /details >}}\n'.repeat(depth)}\nTODO: after\n`);
    expect(x.map(where)).toContain(`${2 * depth + 3}:1 no-placeholder`);
  }, TEST_TIMEOUT);

  it('1,000 nested <details> blocks', async () => {
    const depth = 1000;
    const { x } = await lintHostile(`${'<details>\n<summary>Q?</summary>\n\n'.repeat(depth)}TODO: inside\n\n${'</details>\n\n'.repeat(depth)}TODO: after\n`);
    expect(x.map(where)).toContain(`${5 * depth + 3}:1 no-placeholder`);
  }, TEST_TIMEOUT);

  it('5,000 unclosed {{< details "Q?" >}} shortcodes: one parse error each, the rest still linted', async () => {
    const { x } = await lintHostile(`${'{{< details "Q?" >}}\n'.repeat(5000)}\nTODO: after\n`);
    const parseErrors = x.filter((message) => message.ruleId === 'parse-error');
    expect(parseErrors).toHaveLength(5000);
    expect(parseErrors.map((message) => message.line)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(new Set(parseErrors.map((message) => `${message.column} ${message.message}`))).toEqual(
      new Set(['1 Shortcode {{< details >}} is never closed (expected {{< /details >}})']),
    );
    expect(x.map(where)).toContain('5002:1 no-placeholder');
  }, TEST_TIMEOUT);
});

describe('thousands of blocks', () => {
  it('thousands of templated questions finish, and questions that differ in one noun are not near duplicates', async () => {
    const nouns = ['proxy', 'cache', 'logger', 'scheduler', 'mailer', 'webhook', 'indexer', 'uploader', 'renderer', 'exporter'];
    const blocks: string[] = [];
    for (let n = 1; n <= 2500; n++) {
      for (const noun of [nouns[n % 10], nouns[(n + 1) % 10]]) {
        blocks.push(`{{< details "How do I configure the ${noun} for option ${n}?" >}}\nOpen the ${noun} settings of option ${n} and save them.\n{{< /details >}}\n`);
      }
    }
    const dir = caseFolder({ 'nouns.md': `# FAQ\n\n${blocks.join('\n')}` });
    const run = await faqlint(['--format', 'json'], dir);
    const results = expectContract(run);
    const nounsOf = (question: string): string[] => nouns.filter((noun) => question.includes(` ${noun} `));
    const falsePositives = messagesOf(results, 'nouns.md')
      .filter((message) => message.ruleId === 'no-duplicate-question')
      .filter((message) => {
        const quoted = [...message.message.matchAll(/"([^"]*)"/g)].map((match) => match[1] as string);
        return quoted.length < 2 || nounsOf(quoted[0] as string).join() !== nounsOf(quoted[1] as string).join();
      });
    expect(falsePositives.slice(0, 3).map((message) => `${where(message)} ${message.message}`)).toEqual([]);
    console.info(`5,000 templated questions (differing nouns): ${run.ms} ms`);
  }, TEST_TIMEOUT);

  it('thousands of templated questions that differ only in a number are not near duplicates', async () => {
    const blocks: string[] = [];
    for (let n = 1; n <= 5000; n++) blocks.push(`{{< details "How do I configure option ${n}?" >}}\nSet option ${n} in the settings file and restart the service.\n{{< /details >}}\n`);
    const dir = caseFolder({ 'options.md': `# FAQ\n\n${blocks.join('\n')}` });
    const run = await faqlint(['--format', 'json'], dir);
    const results = expectContract(run);
    const duplicates = messagesOf(results, 'options.md').filter((message) => message.ruleId === 'no-duplicate-question');
    expect({ count: duplicates.length, first: duplicates.slice(0, 2).map((message) => `${where(message)} ${message.message}`) }).toEqual({ count: 0, first: [] });
    console.info(`5,000 templated questions (differing numbers): ${run.ms} ms`);
  }, TEST_TIMEOUT);
});
