/**
 * A 20 MB page through the real CLI, next to `ok.md` (a `TODO: x` at 1:1): the run finishes,
 * exits 1, prints no stack trace, and lints both files, the big one to its last line. Apart from
 * hostile-input.test.ts so that it runs in a worker of its own: it is the slowest case (the
 * Markdown parser, micromark, reads well under 1 MB/s).
 *
 * Build first (`npx tsc -p tsconfig.build.json`): this runs `dist/`.
 */
import { expect, it } from 'vitest';
import { caseFolder, expectContract, faqlint, messagesOf, useHostileHarness, where } from '../helpers/hostile-harness.js';

useHostileHarness();

const SPAWN_TIMEOUT = 150_000;

it('a 20 MB page finishes, and both it (to its last line) and the other file are linted', async () => {
  const paragraph = 'Snapshots are stored in the repository and can be restored at any time. Restoring one needs the password of the repository.\n\n';
  const copies = Math.ceil((20 * 1024 * 1024) / paragraph.length);
  // Built in memory, written once.
  const dir = caseFolder({ 'x.md': `${paragraph.repeat(copies)}TODO: last\n` });
  const run = await faqlint(['--format', 'json'], dir, SPAWN_TIMEOUT);
  console.info(`20 MB page: ${run.ms} ms`);
  const results = expectContract(run);
  expect(messagesOf(results, 'ok.md').map(where)).toEqual(['1:1 no-placeholder']);
  expect(messagesOf(results, 'x.md').map(where)).toEqual([`${copies * 2 + 1}:1 no-placeholder`]);
}, SPAWN_TIMEOUT + 30_000);
