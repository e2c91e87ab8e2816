/**
 * The harness the hostile-input tests share: each case runs the built CLI in a temp folder next
 * to `ok.md` (a `TODO: x` at 1:1) and must keep the contract: exit 1, no stack trace, a run that
 * finishes within a generous bound, `ok.md` still linted.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const bin = path.join(repoRoot, 'bin', 'faqlint.js');

/** Generous bounds: a hang is a failure, a slow machine is not. */
export const SPAWN_TIMEOUT = 60_000;
export const TEST_TIMEOUT = 90_000;

export interface Message {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
export interface Result {
  filePath: string;
  messages: Message[];
  errorCount: number;
  warningCount: number;
}
export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

const roots: string[] = [];

/** Call once at the top of a test file: checks the build, and removes the case folders afterwards. */
export function useHostileHarness(): void {
  beforeAll(() => {
    if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('Build first: npx tsc -p tsconfig.build.json');
  });
  afterAll(() => {
    for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
  });
}

/** A fresh folder with `ok.md` (a known placeholder finding at 1:1) and the given files. */
export function caseFolder(files: Record<string, string | Uint8Array> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-hostile-'));
  roots.push(dir);
  fs.writeFileSync(path.join(dir, 'ok.md'), 'TODO: x\n');
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

/** Runs the built binary in `cwd`, without a terminal, killed after `timeout` ms. */
export function faqlint(args: readonly string[], cwd: string, timeout = SPAWN_TIMEOUT): Promise<Run> {
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
export function expectContract(run: Run, expectedCode = 1): Result[] {
  expect(run.timedOut, `the run did not finish (killed after ${run.ms} ms)`).toBe(false);
  expect(run.stderr, 'no stack trace without --debug').not.toMatch(/^ {4}at /m);
  expect(run.code, `exit code (stderr: ${run.stderr.trim() || '<empty>'})`).toBe(expectedCode);
  const results = JSON.parse(run.stdout) as Result[];
  const ok = results.find((result) => path.basename(result.filePath) === 'ok.md');
  expect(ok?.messages.map(where), 'ok.md is still linted').toContainEqual('1:1 no-placeholder');
  return results;
}

/** A message as "line:column ruleId", the way the expectations read. */
export function where(message: Message): string {
  return `${message.line}:${message.column} ${message.ruleId}`;
}

export function messagesOf(results: readonly Result[], name: string): Message[] {
  const result = results.find((candidate) => path.basename(candidate.filePath) === name);
  expect(result, `${name} has a result`).toBeDefined();
  return result?.messages ?? [];
}

/** Lints a folder holding `ok.md` and `x.md` with the given content, as JSON. */
export async function lintHostile(content: string | Uint8Array): Promise<{ run: Run; results: Result[]; x: Message[] }> {
  const dir = caseFolder({ 'x.md': content });
  const run = await faqlint(['--format', 'json'], dir);
  const results = expectContract(run);
  return { run, results, x: messagesOf(results, 'x.md') };
}
