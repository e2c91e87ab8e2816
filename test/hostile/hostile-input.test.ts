/**
 * Hostile input through the real CLI (the built `bin/faqlint.js`): every case runs in a temp
 * folder of its own, next to a normal page `ok.md` holding a `TODO: x` placeholder, and checks
 * the contract: exit 1 (errors found, never 2 for a problem in a linted file), no stack trace on
 * stderr, the run finishes within a generous bound, `ok.md` is still linted, and where it makes
 * sense the hostile file's own message and its line:column.
 *
 * The slow cases are in hostile-scale.test.ts (deep nesting, thousands of blocks) and
 * hostile-big-file.test.ts (20 MB), so that vitest's two workers share them.
 *
 * Build first (`npx tsc -p tsconfig.build.json`): these tests run `dist/`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lint } from '../../src/engine/lint.js';

import { caseFolder, expectContract, faqlint, lintHostile, messagesOf, TEST_TIMEOUT, useHostileHarness, where } from '../helpers/hostile-harness.js';

useHostileHarness();

/** Deterministic pseudo-random bytes (xorshift32), so a failure reproduces. */
function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

const NORMAL_PROSE = 'Snapshots are stored in the repository and can be restored at any time.';

describe('hostile file contents', () => {
  it('a binary file named x.md (random bytes with NULs) is refused with a parse error', async () => {
    const bytes = randomBytes(64 * 1024, 0xfa017);
    for (let i = 0; i < bytes.length; i += 97) bytes[i] = 0;
    const { x } = await lintHostile(bytes);
    expect(x.map(where)).toEqual(['1:1 parse-error']);
    expect(x[0]?.message).toMatch(/Not a text file/);
  }, TEST_TIMEOUT);

  it('invalid UTF-8 in the middle of a page is reported at its position and the rest is still linted', async () => {
    const content = Buffer.concat([
      Buffer.from(`# Title\n\n${NORMAL_PROSE}\n\nCafé – bytes: `, 'utf8'), // line 5 starts "Café – bytes: " (14 UTF-16 units)
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' and more text.\n\nTODO: after\n', 'utf8'),
    ]);
    const { x } = await lintHostile(content);
    expect(x.map(where)).toEqual(['5:15 parse-error', '7:1 no-placeholder']);
    expect(x[0]?.message).toMatch(/Invalid UTF-8/);
    expect(x[1]?.message).toBe('Placeholder text: "TODO: after"');
  }, TEST_TIMEOUT);

  it('a single 200,000-character line', async () => {
    const words = `${NORMAL_PROSE} ${'x'.repeat(5000)} `;
    const line = words.repeat(Math.ceil(200_000 / words.length)).slice(0, 200_000);
    const { x } = await lintHostile(`${line}\n\nTODO: after\n`);
    expect(x.map(where)).toEqual(['3:1 no-placeholder']);
  }, TEST_TIMEOUT);

  it('a YAML alias bomb ("billion laughs") in front matter is a parse error, not a hang', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const { x } = await lintHostile(`---\n${levels.join('\n')}\n---\n\nTODO: after\n`);
    const parseErrors = x.filter((message) => message.ruleId === 'parse-error');
    expect(parseErrors).toHaveLength(1);
    expect(parseErrors[0]?.message).toMatch(/^Invalid YAML front matter: .*alias/i);
    expect(parseErrors[0]?.line).toBeGreaterThanOrEqual(2);
    expect(parseErrors[0]?.line).toBeLessThanOrEqual(11);
    expect(x.map(where)).toContain('14:1 no-placeholder');
  }, TEST_TIMEOUT);

  it('a YAML alias inside the value it names is a parse error at the alias, not an internal error', async () => {
    const { x } = await lintHostile('---\ntitle: FAQ\ntags: &loop [news, *loop]\n---\n\nTODO: after\n');
    expect(x.map(where)).toEqual(['3:20 parse-error', '6:1 no-placeholder']);
    expect(x[0]?.message).toBe('Invalid YAML front matter: the alias *loop is inside the value it names');
  }, TEST_TIMEOUT);

  it('broken TOML front matter is a parse error at its position; the body is still linted', async () => {
    const { x } = await lintHostile('+++\ntitle = "x\ndraft = = true\n+++\n\nTODO: after\n');
    expect(x.map(where)).toEqual(['2:11 parse-error', '6:1 no-placeholder']);
    expect(x[0]?.message).toMatch(/^Invalid TOML front matter: /);
  }, TEST_TIMEOUT);

  it('broken JSON front matter is a parse error at its position; the body is still linted', async () => {
    const { x } = await lintHostile('{\n  "title": "x",\n  "draft": tru\n}\n\nTODO: after\n');
    expect(x.map(where)).toEqual(['3:12 parse-error', '6:1 no-placeholder']);
    expect(x[0]?.message).toMatch(/^Invalid JSON front matter: /);
  }, TEST_TIMEOUT);

  it('CRLF line endings keep positions right', async () => {
    const { x } = await lintHostile(`---\r\ndraft: true\r\n---\r\n\r\n# Title\r\n\r\n${NORMAL_PROSE}\r\n\r\nSee below. TODO: fix this\r\n`);
    expect(x.map(where)).toEqual(['2:1 no-draft', '9:12 no-placeholder']);
    expect(x[1]).toMatchObject({ endLine: 9, endColumn: 26 });
  }, TEST_TIMEOUT);

  it('CR-only line endings keep positions right', async () => {
    const { x } = await lintHostile(`---\rdraft: true\r---\r\r# Title\r\r${NORMAL_PROSE}\r\rSee below. TODO: fix this\r`);
    expect(x.map(where)).toEqual(['2:1 no-draft', '9:12 no-placeholder']);
    expect(x[1]).toMatchObject({ endLine: 9, endColumn: 26 });
  }, TEST_TIMEOUT);

  it('a UTF-8 BOM: front matter is still found and columns do not count the BOM', async () => {
    const { x } = await lintHostile(`\uFEFF---\ndraft: true\n---\n\n${NORMAL_PROSE} TODO: fix\n`);
    expect(x.map(where)).toEqual(['2:1 no-draft', `5:${NORMAL_PROSE.length + 2} no-placeholder`]);
  }, TEST_TIMEOUT);

  it('NUL bytes early in an otherwise text file: refused with a parse error, or linted', async () => {
    // faqlint treats a NUL in the first 8000 bytes as "binary" (as git does).
    const { x } = await lintHostile(`# Title\n\n${NORMAL_PROSE}\u0000 more\u0000\n\nTODO: after\n`);
    const parseError = x.find((message) => message.ruleId === 'parse-error');
    if (parseError) expect(parseError.message).toMatch(/NUL/);
    else expect(x.map(where)).toContain('5:1 no-placeholder');
  }, TEST_TIMEOUT);

  it('a NUL byte late in a text file: the page is linted and positions after it stay right', async () => {
    const filler = `${NORMAL_PROSE}\n`.repeat(250); // lines 1–250, more than 8000 bytes
    const { x } = await lintHostile(`${filler}\nA NUL \u0000 here.\n\nTODO: after\n`);
    const parseError = x.find((message) => message.ruleId === 'parse-error');
    if (parseError) expect(where(parseError)).toBe('252:7 parse-error');
    expect(x.map(where)).toContain('254:1 no-placeholder');
  }, TEST_TIMEOUT);

  it('an empty file has no findings', async () => {
    const { x } = await lintHostile('');
    expect(x).toEqual([]);
  }, TEST_TIMEOUT);
});

describe('hostile file trees', () => {
  it('a dangling symlink in the tree is skipped or reported, never a crash', async () => {
    // We run as root, so a mode-000 file would still be readable; a dangling symlink is what a
    // file deleted between listing and reading looks like from the CLI.
    const dir = caseFolder();
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'x.md'));
    const results = expectContract(await faqlint(['--format', 'json'], dir));
    const x = results.find((result) => path.basename(result.filePath) === 'x.md');
    if (x) expect(x.messages.map((message) => `${where(message)} ${message.message}`)).toEqual(['1:1 parse-error Cannot read file: file not found']);
  }, TEST_TIMEOUT);

  it('a dangling symlink named on the command line is a one-line usage error', async () => {
    const dir = caseFolder();
    fs.symlinkSync(path.join(dir, 'nowhere.md'), path.join(dir, 'x.md'));
    const run = await faqlint(['--format', 'json', 'ok.md', 'x.md'], dir);
    expect(run.timedOut).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('faqlint: No such file or directory: x.md\n');
  }, TEST_TIMEOUT);

  it('a symlink loop in the tree', async () => {
    const dir = caseFolder();
    fs.mkdirSync(path.join(dir, 'loop', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'loop', 'sub', 'inner.md'), 'TODO: inner\n');
    fs.symlinkSync('..', path.join(dir, 'loop', 'sub', 'up'));
    fs.symlinkSync('.', path.join(dir, 'loop', 'self'));
    fs.symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop', 'sub', 'again.md'));
    fs.symlinkSync('a.md', path.join(dir, 'b.md'));
    fs.symlinkSync('b.md', path.join(dir, 'a.md'));
    const results = expectContract(await faqlint(['--format', 'json'], dir));
    expect(messagesOf(results, 'inner.md').map(where)).toEqual(['1:1 no-placeholder']);
    // Each real file once; a link in a cycle is skipped or reported, never looped through.
    expect(new Set(results.map((result) => result.filePath)).size).toBe(results.length);
    expect(results.length).toBeLessThanOrEqual(5);
    for (const result of results.filter((candidate) => ['a.md', 'b.md', 'again.md'].includes(path.basename(candidate.filePath)))) {
      expect(result.messages.map((message) => message.ruleId)).toEqual(['parse-error']);
    }
  }, TEST_TIMEOUT);

  it('a directory named x.md is walked, not read as a file', async () => {
    const dir = caseFolder();
    fs.mkdirSync(path.join(dir, 'x.md'));
    fs.writeFileSync(path.join(dir, 'x.md', 'inner.md'), 'TODO: inner\n');
    for (const args of [[], ['x.md', 'ok.md'], ['*.md', 'x.md/*.md']]) {
      const results = expectContract(await faqlint(['--format', 'json', ...args], dir));
      expect(results.map((result) => path.relative(dir, result.filePath)).sort(), args.join(' ')).toEqual(['ok.md', path.join('x.md', 'inner.md')]);
    }
  }, TEST_TIMEOUT);

  it('file names with spaces, non-ASCII letters and a newline: all linted, the newline neutralised in stylish output', async () => {
    const names = ['with space.md', 'Ünïcödé – ß 日本.md', 'new\nline.md', 'carriage\rreturn.md'];
    const dir = caseFolder(Object.fromEntries(names.map((name) => [name, 'TODO: named\n'])));
    const results = expectContract(await faqlint(['--format', 'json'], dir));
    for (const name of names) expect(messagesOf(results, name).map(where), JSON.stringify(name)).toEqual(['1:1 no-placeholder']);

    const stylish = await faqlint([], dir);
    expect(stylish.code).toBe(1);
    expect(stylish.stderr).toBe('');
    const lines = stylish.stdout.split('\n');
    // Every file gets one header line (a path), then its rows (indented); no raw CR anywhere.
    expect(stylish.stdout).not.toContain('\r');
    const headers = lines.filter((line) => line !== '' && !line.startsWith(' ') && !/^[✖⚠] /.test(line));
    expect(headers.sort()).toEqual(['carriage\\x0dreturn.md', 'new\\nline.md', 'ok.md', 'with space.md', 'Ünïcödé – ß 日本.md'].sort());
    expect(lines).not.toContain('new');
    expect(lines).not.toContain('line.md');
  }, TEST_TIMEOUT);

});

describe('a file deleted between listing and reading (API)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('becomes a parse error for that file; the other files are still linted', async () => {
    const dir = caseFolder({ 'x.md': 'TODO: gone\n' });
    const target = path.join(dir, 'x.md');
    // The race, made certain: x.md is listed, then removed just before it is read.
    const realOpen = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation((...args: Parameters<typeof fs.openSync>) => {
      if (args[0] === target && fs.existsSync(target)) fs.unlinkSync(target);
      return realOpen(...args);
    });
    const run = await lint({ cwd: dir, noConfigLookup: true });
    expect(run.internalErrors).toEqual([]);
    const byName = Object.fromEntries(run.results.map((result) => [path.basename(result.filePath), result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.message}`)]));
    expect(byName).toEqual({
      'ok.md': ['1:1 no-placeholder Placeholder text: "TODO: x"'],
      'x.md': ['1:1 parse-error Cannot read file: file not found'],
    });
  });
});
