import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/lint-text.js';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'bin', 'faqlint.js');
const fixtures = path.join(repoRoot, 'fixtures');

interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built binary in `cwd` as a user would, without a terminal. */
async function faqlint(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliOutput> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('Build first: npm run build');
});

describe('the example site', () => {
  const site = path.join(fixtures, 'example-site');

  it('reports the draft, every placeholder and each repeated question, and nothing on real answers (json)', async () => {
    const result = await faqlint(['--format', 'json'], site);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const results = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; line: number; column: number; message: string }>; errorCount: number; warningCount: number }>;
    expect(results.map((entry) => path.relative(site, entry.filePath))).toEqual([
      'content/en/_index.md',
      'content/en/docs/getting-started.md',
      'content/en/docs/reference/glossary/index.md',
      'content/en/faq/_index.md',
    ]);
    const faq = results[3]!;
    expect(faq.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.severity}`)).toEqual([
      '3:1 no-placeholder 2', // description: ""
      '4:8 no-placeholder 2', // lead: "add a short intro here"
      '6:1 no-draft 1',
      '14:1 no-placeholder 2', // Latin filler without "lorem"
      '29:14 no-duplicate-question 2', // repeat in the same section
      '30:1 no-placeholder 2',
      '43:74 valid-internal-link 2', // /integrations: no such page
      '86:88 valid-glossary-link 2',
      '89:14 no-empty-answer 2', // the answer is only "TODO: …"
      '90:1 no-placeholder 2', // TODO:
      '93:14 no-duplicate-question 2', // asked in a second section
      '94:1 no-placeholder 2',
      '109:14 no-empty-answer 2', // the answer is only a placeholder
      '110:1 no-placeholder 2', // [Add answer here]
      '113:14 no-duplicate-question 2', // and a third
    ]);
    expect(faq.messages[4]?.message).toBe(
      'Duplicate question "What is the difference between a snapshot and a backup set?": also asked at content/en/faq/_index.md:17:14',
    );
    expect(faq.messages[7]?.message).toBe('Glossary term #content-chunking does not exist; did you mean #content-defined-chunking-cdc?');
    expect(faq).toMatchObject({ errorCount: 14, warningCount: 1 });
    for (const other of results.slice(0, 3)) expect(other.messages).toEqual([]);
  });

  it('prints stylish output without colour when stdout is not a terminal', async () => {
    const result = await faqlint(['content/en/faq/_index.md'], site);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n');
    expect(lines[1]).toBe('content/en/faq/_index.md');
    expect(lines[2]).toMatch(/^ {5}3:1 {2}error {4}Front-matter field "description" is empty +no-placeholder$/);
    expect(lines[4]).toMatch(/^ {5}6:1 {2}warning {2}The page is a draft \(draft: true\): Hugo will not publish it +no-draft$/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 15 problems (14 errors, 1 warning)');
  });

  it('colours the output with --color, and not with NO_COLOR', async () => {
    expect((await faqlint(['--color', 'content/en/faq/_index.md'], site)).stdout).toMatch(/\u001b\[31m/);
    expect((await faqlint(['content/en/faq/_index.md'], site, { NO_COLOR: '1' })).stdout).not.toMatch(/\u001b\[/);
  });
});

describe('exit codes and messages', () => {
  const cli = path.join(fixtures, 'cli');

  it('exits 0 with no output on a clean file', async () => {
    expect(await faqlint([], path.join(cli, 'clean'))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 on warnings, and 1 when --max-warnings is exceeded', async () => {
    const plain = await faqlint([], path.join(cli, 'draft-only'));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('3:1  warning  The page is a draft');
    const strict = await faqlint(['--max-warnings', '0'], path.join(cli, 'draft-only'));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('faqlint: too many warnings (1); the maximum is 0\n');
  });

  it('reports an unclosed shortcode as a parse error and still lints the rest', async () => {
    const result = await faqlint(['--format', 'json'], path.join(cli, 'broken-shortcode'));
    expect(result.code).toBe(1);
    const [entry] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
    expect(entry?.messages.map((message) => [message.ruleId, message.line, message.column])).toEqual([
      ['parse-error', 3, 1],
      ['no-placeholder', 8, 39],
    ]);
    expect(entry?.messages[0]?.message).toBe('Shortcode {{< details >}} is never closed (expected {{< /details >}})');
  });

  it.each([
    ['bad-config-json', 'faqlint: .faqlintrc.json:1:35: invalid JSON: property name expected\n'],
    ['bad-config-rule', 'faqlint: .faqlintrc.json: invalid configuration: rules.no-such-rule: unknown rule "no-such-rule"\n'],
    [
      'bad-config-severity',
      'faqlint: .faqlintrc.json: invalid configuration: rules.no-placeholder[0]: must be one of "off", "warn", "error", 0, 1, 2; rules.no-placeholder[1].patterns[0]: must be string\n',
    ],
    ['missing-glossary', 'faqlint: The glossary "/docs/nowhere/" matches no page in .\n'],
  ])('exits 2 with one line on stderr for %s', async (fixture, stderr) => {
    expect(await faqlint([], path.join(cli, fixture))).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits 2 for a path that does not exist and for an unknown option', async () => {
    expect(await faqlint(['nope.md'], path.join(cli, 'clean'))).toEqual({ code: 2, stdout: '', stderr: 'faqlint: No such file or directory: nope.md\n' });
    const unknown = await faqlint(['--frobnicate'], path.join(cli, 'clean'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("faqlint: unknown option '--frobnicate'\n");
    const format = await faqlint(['--format', 'xml'], path.join(cli, 'clean'));
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("option '-f, --format <name>' argument 'xml' is invalid");
    const strategy = await faqlint(['--cache', '--cache-strategy', 'mtime'], path.join(cli, 'clean'));
    expect(strategy).toEqual({ code: 2, stdout: '', stderr: "faqlint: option '--cache-strategy <strategy>' argument 'mtime' is invalid. Allowed choices are metadata, content.\n" });
  });

  it('prints the version and help', async () => {
    const version = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await faqlint(['--version'], cli)).toEqual({ code: 0, stdout: `${version.version}\n`, stderr: '' });
    const help = await faqlint(['--help'], cli);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: faqlint [options] [paths...]');
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('Exit codes: 0 no errors');
  });

  it('lists the rules', async () => {
    const result = await faqlint(['rules'], cli);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').map((line) => line.split(/\s+/)[0])).toEqual(['no-draft', 'no-duplicate-question', 'no-empty-answer', 'no-placeholder', 'question-format', 'valid-glossary-link', 'valid-internal-link', '']);
    expect(result.stdout).toMatch(/^no-draft +warn +Flags pages/m);
  });

  it('prints the document model', async () => {
    const result = await faqlint(['--print-model', 'faq.md'], path.join(cli, 'clean'));
    expect(result.code).toBe(0);
    const model = JSON.parse(result.stdout) as { blocks: Array<{ question: string; syntax: string; questionSpan: { start: { line: number; column: number } } }>; tree: { type: string } };
    expect(model.tree.type).toBe('root');
    expect(model.blocks.map((block) => [block.syntax, block.question, block.questionSpan.start.line, block.questionSpan.start.column])).toEqual([
      ['shortcode', 'How long are snapshots kept?', 8, 14],
      ['html', 'Can I exclude a folder?', 13, 10],
    ]);
  });

  it('--rule overrides the configured severity', async () => {
    const result = await faqlint(['--rule', 'no-draft:error'], path.join(cli, 'draft-only'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('3:1  error    The page is a draft');
  });
});
