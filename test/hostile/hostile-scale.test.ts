/**
 * Hostile input at scale through the real CLI: deep nesting of every kind and thousands of
 * blocks, each case in a temp folder next to `ok.md` (a `TODO: x` at 1:1), with the same
 * contract as hostile-input.test.ts: exit 1, no stack trace, a run that finishes within a
 * generous bound, `ok.md` still linted, and the hostile file's own findings. Apart from
 * hostile-input.test.ts because these are the slow cases: vitest's workers share them.
 *
 * Build first (`npx tsc -p tsconfig.build.json`): these tests run `dist/`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'bin', 'faqlint.js');

/** Generous bounds: a hang is a failure, a slow machine is not. */
const SPAWN_TIMEOUT = 60_000;
const TEST_TIMEOUT = 90_000;

interface Message {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
interface Result {
  filePath: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
}
interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

const roots: string[] = [];

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('Build first: npx tsc -p tsconfig.build.json');
});

afterAll(() => {
  for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh folder with `ok.md` (a known placeholder finding at 1:1) and the given files. */
function caseFolder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-hostile-'));
  roots.push(dir);
  fs.writeFileSync(path.join(dir, 'ok.md'), 'TODO: x\n');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Runs the built binary in `cwd`, without a terminal, killed after `timeout` ms. */
function faqlint(args: readonly string[], cwd: string, timeout = SPAWN_TIMEOUT): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        timedOut,
        ms: Math.round(performance.now() - started),
      });
    });
  });
}

/** The contract every run here must keep; returns the parsed JSON results. */
function expectContract(run: Run, expectedCode = 1): Result[] {
  expect(run.timedOut, `the run did not finish (killed after ${run.ms} ms)`).toBe(false);
  expect(run.stderr, 'no stack trace without --debug').not.toMatch(/^ {4}at /m);
  expect(run.code, `exit code (stderr: ${run.stderr.trim() || '<empty>'})`).toBe(expectedCode);
  const results = JSON.parse(run.stdout) as Result[];
  const ok = results.find((result) => path.basename(result.filePath) === 'ok.md');
  expect(ok?.messages.map(where), 'ok.md is still linted').toContainEqual('1:1 no-placeholder');
  return results;
}

/** A message as "line:column ruleId", the way the expectations read. */
function where(message: Message): string {
  return `${message.line}:${message.column} ${message.ruleId}`;
}

function messagesOf(results: readonly Result[], name: string): Message[] {
  const result = results.find((candidate) => path.basename(candidate.filePath) === name);
  expect(result, `${name} has a result`).toBeDefined();
  return result?.messages ?? [];
}

/** Lints a folder holding `ok.md` and `x.md` with the given content, as JSON. */
async function lintHostile(content: string | Uint8Array): Promise<{ run: Run; results: Result[]; x: Message[] }> {
  const dir = caseFolder({ 'x.md': content });
  const run = await faqlint(['--format', 'json'], dir);
  const results = expectContract(run);
  return { run, results, x: messagesOf(results, 'x.md') };
}

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
