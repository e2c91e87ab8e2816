/**
 * Text from linted files (questions, placeholders, file names) must not drive a terminal or
 * break a machine format: ANSI/OSC escapes and BEL are neutralised in stylish and compact
 * output, GitHub workflow commands escape `%`, CR and LF, JUnit XML escapes `<` and `&` and stays
 * well-formed, JSON and SARIF stay valid JSON. Through the real CLI, plus the formatters
 * directly for message text the rules never produce (line breaks).
 *
 * Build first (`npx tsc -p tsconfig.build.json`): the CLI cases run `dist/`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/results.js';
import { formatters } from '../../src/formatters/index.js';
import { checkWellFormed } from '../helpers/xml.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'bin', 'faqlint.js');

const ESC = '\u001b';
const BEL = '\u0007';
const SGR_RED = `${ESC}[31m`;
const OSC_LINK = `${ESC}]8;;http://x${BEL}`;
/** Short enough that messages quote it whole (they cut quotes at 60 characters). */
const QUESTION = `Is ${SGR_RED}red${ESC}[0m ${OSC_LINK}x <b> & 100%?`;
const FILE_NAME = `esc${SGR_RED}red${BEL}\r\nname 100%.md`;
const PAGE = [
  '# FAQ', //                                                     1
  '', //                                                          2
  `{{< details "${QUESTION}" >}}`, //                           3
  `Use the ${OSC_LINK}settings${ESC}]8;;${BEL} page and restart the service afterwards.`, // 4
  '{{< /details >}}', //                                          5
  '', //                                                          6
  `{{< details "${QUESTION}" >}}`, //                           7
  'Open the settings page and restart the service afterwards.', // 8
  '{{< /details >}}', //                                          9
  '', //                                                         10
  `TODO: ${SGR_RED}fix${BEL} <x> & 100% \u202Eevil`, //           11
  '',
].join('\n');

let dir = '';
const outputs = new Map<string, string>();

async function faqlint(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: dir, timeout: 60_000, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('Build first: npx tsc -p tsconfig.build.json');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-output-'));
  fs.writeFileSync(path.join(dir, FILE_NAME), PAGE);
  const formats: Array<[string, string[]]> = [
    ['stylish', ['--no-color']],
    ['stylish-color', ['--color']],
    ['compact', ['--format', 'compact']],
    ['github', ['--format', 'github']],
    ['junit', ['--format', 'junit']],
    ['json', ['--format', 'json']],
    ['sarif', ['--format', 'sarif']],
  ];
  await Promise.all(
    formats.map(async ([name, args]) => {
      const result = await faqlint(args);
      if (result.code !== 1 || result.stderr !== '') throw new Error(`${name}: exit ${result.code}, stderr ${JSON.stringify(result.stderr)}`);
      outputs.set(name, result.stdout);
    }),
  );
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function output(name: string): string {
  const text = outputs.get(name);
  if (text === undefined) throw new Error(`no ${name} output`);
  return text;
}

/** Every C0/C1 control character except LF, and the bidi overrides that reorder a terminal line. */
const UNSAFE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

describe('the findings carry the hostile text', () => {
  it('json is valid JSON and keeps the question, the placeholder and the file name verbatim', () => {
    const results = JSON.parse(output('json')) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
    expect(results).toHaveLength(1);
    expect(results[0]?.filePath).toBe(path.join(dir, FILE_NAME));
    const messages = results[0]?.messages ?? [];
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toContain('7:14 no-duplicate-question');
    expect(messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toContain('11:1 no-placeholder');
    const duplicate = messages.find((message) => message.ruleId === 'no-duplicate-question');
    expect(duplicate?.message).toContain(QUESTION);
    expect(duplicate?.message).toContain(FILE_NAME);
    expect(messages.find((message) => message.line === 11)?.message).toContain(`${SGR_RED}fix${BEL}`);
  });

  it('sarif is valid JSON', () => {
    const log = JSON.parse(output('sarif')) as { runs: Array<{ results: unknown[] }> };
    expect(log.runs[0]?.results.length).toBeGreaterThanOrEqual(2);
  });
});

describe('terminal formats', () => {
  it('stylish without colour: no raw ESC, BEL, CR or bidi override; the file name is one header line', () => {
    const text = output('stylish');
    expect(text).not.toMatch(UNSAFE);
    expect(text).toContain('\\x1b[31m'); // shown, not obeyed
    expect(text).toContain('\\x1b]8;;http://x\\x07');
    expect(text).toContain('\\u202e');
    const lines = text.split('\n');
    expect(lines[1]).toBe('esc\\x1b[31mred\\x07\\x0d\\nname 100%.md');
  });

  it('stylish with colour: its own SGR codes only; stripped of them it is the colourless output', () => {
    const text = output('stylish-color');
    expect(text).toContain(ESC);
    expect(text).not.toContain(BEL);
    expect(text).not.toContain(`${ESC}]`);
    const stripped = text.replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).not.toMatch(UNSAFE);
    expect(stripped).toBe(output('stylish'));
  });

  it('compact: one line per message, no raw ESC, BEL, CR or bidi override', () => {
    const text = output('compact');
    expect(text).not.toMatch(UNSAFE);
    const lines = text.trimEnd().split('\n');
    const count = Number(/^(\d+) problems?$/.exec(lines.at(-1) ?? '')?.[1]);
    expect(lines).toHaveLength(count + 1);
    for (const line of lines.slice(0, -1)) expect(line.startsWith('esc\\x1b[31mred\\x07\\x0d\\nname 100%.md:')).toBe(true);
  });
});

describe('machine formats', () => {
  it('github: one workflow command per line, %, CR and LF escaped, no raw control characters', () => {
    const text = output('github');
    expect(text).not.toMatch(UNSAFE);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      expect(line).toMatch(/^::(error|warning) file=[^,:]*,line=\d+,endLine=\d+(,col=\d+,endColumn=\d+)?,title=[^,:]+::/);
      // Every % is one of GitHub's escapes.
      expect(line.replace(/%(25|0D|0A|3A|2C)/g, '')).not.toContain('%');
      expect(line).toContain('file=esc\\x1b[31mred\\x07%0D%0Aname 100%25.md,');
    }
    const duplicate = lines.find((line) => line.includes('title=no-duplicate-question'));
    expect(duplicate).toContain('100%25?');
    expect(duplicate).toContain('also asked at esc\\x1b[31mred\\x07%0D%0Aname 100%25.md');
  });

  it('junit: well-formed XML, < and & escaped, no character XML 1.0 cannot carry', () => {
    const xml = output('junit');
    checkWellFormed(xml);
    expect(xml).not.toContain(ESC);
    expect(xml).not.toContain(BEL);
    expect(xml).toContain('&lt;b&gt; &amp; 100%');
    expect(xml).toContain('fix &amp; 100%');
  });
});

describe('formatters on message text with line breaks', () => {
  const results: LintResult[] = [
    {
      filePath: path.join('/site', 'a\nb%.md'),
      messages: [
        { ruleId: 'rule-x', severity: 2, message: `two\r\nlines\rand\n100% ${SGR_RED}red${BEL} ::error::x <a> & ]]> done`, line: 1, column: 1, endLine: 1, endColumn: 2 },
      ],
      errorCount: 1,
      warningCount: 0,
    },
  ];
  const context = { cwd: '/site', color: false, rules: [], version: '0.0.0' };

  it('github escapes CR, LF and % in the message and the file, so one finding stays one command', () => {
    const text = formatters.github!(results, context);
    expect(text.trimEnd().split('\n')).toEqual([
      '::error file=a%0Ab%25.md,line=1,endLine=1,col=1,endColumn=2,title=rule-x::two%0D%0Alines%0Dand%0A100%25 \\x1b[31mred\\x07 ::error::x <a> & ]]> done',
    ]);
  });

  it('stylish and compact keep a finding on one line', () => {
    const compact = formatters.compact!(results, context);
    expect(compact).not.toMatch(UNSAFE);
    expect(compact.trimEnd().split('\n')).toHaveLength(2);
    const stylish = formatters.stylish!(results, context);
    expect(stylish).not.toMatch(UNSAFE);
    // Header, one row, summary.
    expect(stylish.split('\n').filter((line) => line !== '')).toHaveLength(3);
  });

  it('junit stays well-formed', () => {
    const xml = formatters.junit!(results, context);
    checkWellFormed(xml);
    expect(xml).not.toContain(ESC);
  });

  it('json and sarif stay valid JSON and keep the text', () => {
    expect((JSON.parse(formatters.json!(results, context)) as Array<{ messages: Array<{ message: string }> }>)[0]?.messages[0]?.message).toBe(results[0]?.messages[0]?.message);
    expect(() => JSON.parse(formatters.sarif!(results, context)) as unknown).not.toThrow();
  });
});
