/**
 * A 20 MB page through the real CLI, next to `ok.md` (a `TODO: x` at 1:1): the run finishes,
 * exits 1, prints no stack trace, and lints both files, the big one to its last line. Apart from
 * hostile-input.test.ts so that it runs in a worker of its own: it is the slowest case (the
 * Markdown parser, micromark, reads well under 1 MB/s).
 *
 * Build first (`npx tsc -p tsconfig.build.json`): this runs `dist/`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'bin', 'faqlint.js');
const SPAWN_TIMEOUT = 150_000;

let dir = '';

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('Build first: npx tsc -p tsconfig.build.json');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-big-'));
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

interface Message {
  ruleId: string;
  line: number;
  column: number;
}

it('a 20 MB page finishes, and both it (to its last line) and the other file are linted', async () => {
  const paragraph = 'Snapshots are stored in the repository and can be restored at any time. Restoring one needs the password of the repository.\n\n';
  const copies = Math.ceil((20 * 1024 * 1024) / paragraph.length);
  // Built in memory, written once.
  fs.writeFileSync(path.join(dir, 'x.md'), `${paragraph.repeat(copies)}TODO: last\n`);
  fs.writeFileSync(path.join(dir, 'ok.md'), 'TODO: x\n');

  const started = performance.now();
  const run = await new Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>((resolve, reject) => {
    const child = spawn(process.execPath, [bin, '--format', 'json'], { cwd: dir, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, SPAWN_TIMEOUT);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), timedOut });
    });
  });
  const ms = Math.round(performance.now() - started);
  console.info(`20 MB page: ${ms} ms`);

  expect(run.timedOut, `killed after ${ms} ms`).toBe(false);
  expect(run.stderr).not.toMatch(/^ {4}at /m);
  expect(run.code, run.stderr).toBe(1);
  const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Message[] }>;
  const messages = (name: string): string[] =>
    (results.find((result) => path.basename(result.filePath) === name)?.messages ?? []).map((message) => `${message.line}:${message.column} ${message.ruleId}`);
  expect(messages('ok.md')).toEqual(['1:1 no-placeholder']);
  expect(messages('x.md')).toEqual([`${copies * 2 + 1}:1 no-placeholder`]);
}, SPAWN_TIMEOUT + 30_000);
