import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { folderWith } from '../helpers/folder.js';
import { repoRoot } from '../helpers/lint-text.js';

const execFileAsync = promisify(execFile);
const bin = path.join(repoRoot, 'bin', 'faqlint.js');

interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
}

async function faqlint(args: string[], cwd: string, input?: string): Promise<CliOutput> {
  const child = execFileAsync(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  } else {
    child.child.stdin?.end();
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A fresh folder with these files. */
const folder = (files: Record<string, string>): string => folderWith(files, 'faqlint-cli-');

const DRAFT_PAGE = '---\ntitle: "FAQ"\ndraft: true\n---\n\nTODO: write this\n';

function ruleIds(output: string): string[] {
  return (JSON.parse(output) as Array<{ messages: Array<{ ruleId: string; severity: number }> }>).flatMap((result) =>
    result.messages.map((message) => `${message.ruleId}:${message.severity}`),
  );
}

describe('config discovery', () => {
  it.each([
    ['.faqlintrc.jsonc', '{\n  // comments are fine here\n  "rules": { "no-draft": "error", "no-placeholder": "off" }\n}\n'],
    ['.faqlintrc.yaml', 'rules:\n  no-draft: error\n  no-placeholder: "off"\n'],
    ['.faqlintrc.yml', 'rules:\n  no-draft: error\n  no-placeholder: "off"\n'],
    ['package.json', '{ "name": "docs", "faqlint": { "rules": { "no-draft": "error", "no-placeholder": "off" } } }\n'],
  ])('finds %s in a parent folder', async (name, content) => {
    const dir = folder({ [name]: content, 'content/faq.md': DRAFT_PAGE });
    const result = await faqlint(['--format', 'json', 'faq.md'], path.join(dir, 'content'));
    expect(result.code).toBe(1);
    expect(ruleIds(result.stdout)).toEqual(['no-draft:2']);
  });

  it('ignores a package.json without a faqlint key, and config files with --no-config-lookup', async () => {
    const dir = folder({ 'package.json': '{ "name": "docs" }', '.faqlintrc.json': '{ "rules": { "no-placeholder": "off" } }', 'faq.md': DRAFT_PAGE });
    expect(ruleIds((await faqlint(['--format', 'json'], dir)).stdout)).toEqual(['no-draft:1']);
    expect(ruleIds((await faqlint(['--format', 'json', '--no-config-lookup'], dir)).stdout)).toEqual(['no-draft:1', 'no-placeholder:2']);
  });

  it('uses --config over the file it would find, and reports YAML errors with a position', async () => {
    const dir = folder({ '.faqlintrc.json': '{}', 'strict.yaml': 'rules:\n  no-draft: error\n', 'bad.yaml': 'rules:\n  no-draft: [error\n', 'faq.md': DRAFT_PAGE });
    expect(ruleIds((await faqlint(['--format', 'json', '--config', 'strict.yaml'], dir)).stdout)).toEqual(['no-draft:2', 'no-placeholder:2']);
    const bad = await faqlint(['--config', 'bad.yaml'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^faqlint: bad\.yaml:\d+:\d+: invalid YAML: /);
    const missing = await faqlint(['--config', 'nope.json'], dir);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'faqlint: Cannot read config file nope.json: ENOENT\n' });
  });

  it('applies overrides by glob, later ones winning', async () => {
    const config = { rules: { 'no-draft': 'error' }, overrides: [{ files: ['drafts/**'], rules: { 'no-draft': 'off', 'no-placeholder': 'warn' } }] };
    const dir = folder({ '.faqlintrc.json': JSON.stringify(config), 'faq.md': DRAFT_PAGE, 'drafts/next.md': DRAFT_PAGE });
    const results = JSON.parse((await faqlint(['--format', 'json'], dir)).stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number }> }>;
    expect(results.map((result) => [path.relative(dir, result.filePath), result.messages.map((message) => `${message.ruleId}:${message.severity}`)])).toEqual([
      ['drafts/next.md', ['no-placeholder:1']],
      ['faq.md', ['no-draft:2', 'no-placeholder:2']],
    ]);
  });

  it('keeps base options when an override sets only a severity', async () => {
    const config = { rules: { 'no-placeholder': ['error', { patterns: ['\\bWIP\\b'] }] }, overrides: [{ files: ['**'], rules: { 'no-placeholder': 'warn' } }] };
    const dir = folder({ '.faqlintrc.json': JSON.stringify(config), 'faq.md': 'Still WIP here.\n' });
    expect(ruleIds((await faqlint(['--format', 'json'], dir)).stdout)).toEqual(['no-placeholder:1']);
  });

  it('takes --rule once per value, so file names can follow it', async () => {
    const dir = folder({ 'faq.md': DRAFT_PAGE, 'other.md': 'Fine.\n' });
    const result = await faqlint(['--rule', 'no-draft:error', '--rule', 'no-placeholder:off', '--format', 'json', 'faq.md'], dir);
    expect(ruleIds(result.stdout)).toEqual(['no-draft:2']);
  });

  it('never lints Hugo templates, even when named on the command line', async () => {
    const dir = folder({ 'hugo.toml': 'title = "x"\n', 'archetypes/default.md': DRAFT_PAGE, 'content/faq.md': 'Fine.\n' });
    const result = await faqlint(['--format', 'json', 'archetypes/default.md', 'content/faq.md'], dir);
    expect((JSON.parse(result.stdout) as Array<{ filePath: string }>).map((entry) => path.relative(dir, entry.filePath))).toEqual(['content/faq.md']);
  });

  it('warns about a Hugo config file it cannot read, and still lints', async () => {
    const dir = folder({ 'config/_default/languages.toml': '[en\ncontentDir = "content/en"\n', 'content/en/faq.md': 'Fine.\n' });
    const result = await faqlint([], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^faqlint: warning: config\/_default\/languages\.toml:\d+:\d+: /);
  });

  it('prints the config in force for a file', async () => {
    const config = { glossary: '/terms/', overrides: [{ files: ['drafts/**'], rules: { 'no-draft': 'off' } }] };
    const dir = folder({ '.faqlintrc.json': JSON.stringify(config) });
    const printed = JSON.parse((await faqlint(['--print-config', 'drafts/x.md'], dir)).stdout) as { glossary: string; rules: Record<string, unknown> };
    expect(printed.glossary).toBe('/terms/');
    expect(printed.rules['no-draft']).toBe('off');
    expect(printed.rules['no-duplicate-question']).toEqual(['error', { scope: 'site', nearDuplicates: true, threshold: 0.8 }]);
  });
});

describe('plugins', () => {
  it('loads the example plugin with a namespaced rule id', async () => {
    const result = await faqlint(['--format', 'json'], path.join(repoRoot, 'fixtures/plugin-example'));
    expect(result.code).toBe(1);
    const [entry] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string; line: number; column: number; message: string }> }>;
    expect(entry?.messages).toMatchObject([{ ruleId: 'acme/answer-min-words', line: 7, column: 1, message: 'Answer to "Is it free?" has 1 word(s); write at least 4' }]);
    expect((await faqlint(['rules'], path.join(repoRoot, 'fixtures/plugin-example'))).stdout).toMatch(/^acme\/answer-min-words +warn +Flags answers/m);
  });

  it('refuses package names and missing files', async () => {
    const byName = folder({ '.faqlintrc.json': '{ "plugins": ["faqlint-plugin-x"] }', 'faq.md': 'Hi.\n' });
    expect((await faqlint([], byName)).stderr).toBe('faqlint: Plugin "faqlint-plugin-x": give a path to the module (./rules/my-rule.js); package names are not loaded\n');
    const missing = folder({ '.faqlintrc.json': '{ "plugins": ["./nope.js"] }', 'faq.md': 'Hi.\n' });
    const result = await faqlint([], missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^faqlint: Plugin .*nope\.js: file not found\n$/);
  });
});

describe('stdin, output files and init', () => {
  const site = path.join(repoRoot, 'fixtures/example-site');

  it('lints stdin as the named file, with the site around it', async () => {
    const page = fs.readFileSync(path.join(site, 'content/en/faq/_index.md'), 'utf8');
    const fromFile = await faqlint(['--format', 'json', 'content/en/faq/_index.md'], site);
    const fromStdin = await faqlint(['--format', 'json', '--stdin', '--stdin-filename', 'content/en/faq/_index.md'], site, page);
    expect(fromStdin.code).toBe(1);
    expect(JSON.parse(fromStdin.stdout)).toEqual(JSON.parse(fromFile.stdout));
    expect((await faqlint(['--stdin-filename', 'x.md'], site)).stderr).toBe('faqlint: --stdin-filename goes with --stdin\n');
  });

  it('writes the report to --output-file and nothing to stdout', async () => {
    const dir = folder({ 'faq.md': DRAFT_PAGE });
    const result = await faqlint(['--format', 'sarif', '--output-file', 'reports/faqlint.sarif'], dir);
    expect(result).toEqual({ code: 1, stdout: '', stderr: '' });
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, 'reports/faqlint.sarif'), 'utf8')) as { version: string; runs: Array<{ results: unknown[] }> };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toHaveLength(2);
  });

  it.each(['compact', 'github', 'junit', 'sarif', 'json', 'stylish'])('prints the %s format', async (format) => {
    const dir = folder({ 'faq.md': DRAFT_PAGE });
    const result = await faqlint(['--format', format], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(format === 'github' ? '::error file=faq.md,line=6' : 'no-placeholder');
  });

  it('init writes a starter config for a Hugo site and never overwrites one', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/docs/reference/terms/index.md': '---\ntitle: Terms\n---\n\n## Snapshot\n\nA copy.\n',
    });
    const first = await faqlint(['init'], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Wrote .faqlintrc.json');
    const written = JSON.parse(fs.readFileSync(path.join(dir, '.faqlintrc.json'), 'utf8')) as { glossary: string; rules: Record<string, string> };
    expect(written.glossary).toBe('/docs/reference/terms/');
    expect(written.rules['no-draft']).toBe('warn');
    const second = await faqlint(['init'], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain('A config file already exists');
  });
});

describe('a pre-commit run on some files of a site', () => {
  it('knows the whole site but reports only on the given file', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/faq/_index.md': '{{< details "How do I restore a file?" >}}\nUse restore.\n{{< /details >}}\n',
      'content/en/help/restore.md': '## Restoring\n\n[Back to the FAQ](/faq/)\n\n{{< details "How do I restore a file?" >}}\nUse restore again.\n{{< /details >}}\n',
    });
    const result = await faqlint(['--format', 'compact', 'content/en/help/restore.md'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      'content/en/help/restore.md:5:14: error Duplicate question "How do I restore a file?": also asked at content/en/faq/_index.md:1:14 [no-duplicate-question]\n1 problem\n',
    );
  });
});

describe('--cache', () => {
  it('gives the same findings warm as cold, and stays exact when one page changes', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/faq/_index.md': '## Basics\n\n{{< details "How do I restore a file?" >}}\nUse restore. See [help](/help/restore/#restoring).\n{{< /details >}}\n',
      'content/en/help/restore.md': '## Restoring\n\nTODO: write\n',
    });
    const cold = await faqlint(['--format', 'json', '--cache'], dir);
    expect(fs.existsSync(path.join(dir, '.faqlintcache'))).toBe(true);
    const warm = await faqlint(['--format', 'json', '--cache'], dir);
    expect(warm.stdout).toBe(cold.stdout);
    expect(ruleIds(warm.stdout)).toEqual(['no-placeholder:2']);
    // The target page changes: its anchor goes, and the link on the unchanged page breaks.
    fs.writeFileSync(path.join(dir, 'content/en/help/restore.md'), '## Recovering\n\n{{< details "How do I restore a file?" >}}\nAgain.\n{{< /details >}}\n');
    const changed = await faqlint(['--format', 'json', '--cache'], dir);
    const uncached = await faqlint(['--format', 'json'], dir);
    expect(changed.stdout).toBe(uncached.stdout);
    expect(ruleIds(changed.stdout)).toEqual(['valid-internal-link:2', 'no-duplicate-question:2']);
  });

  it('replays site-wide findings only while no page and no site setting changed, and leaves an unchanged cache unwritten', async () => {
    const question = '{{< details "How do I restore a file?" >}}\nUse the restore command with the snapshot ID.\n{{< /details >}}\n';
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content"\n',
      'content/en/faq.md': `## Basics\n\n${question}`,
      'content/nl/faq.md': `## Meer\n\n${question}`,
    });
    const cold = await faqlint(['--format', 'json', '--cache'], dir);
    expect(ruleIds(cold.stdout)).toEqual(['no-duplicate-question:2']);
    const cacheFile = path.join(dir, '.faqlintcache');
    const written = fs.statSync(cacheFile).mtimeMs;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await faqlint(['--format', 'json', '--cache'], dir)).toEqual(cold);
    expect(fs.statSync(cacheFile).mtimeMs).toBe(written);
    // No page changes, but the site does: each language gets its own tree, and a copy in another language is no repeat.
    fs.writeFileSync(path.join(dir, 'config/_default/languages.toml'), '[en]\ncontentDir = "content/en"\n[nl]\ncontentDir = "content/nl"\n');
    const moved = await faqlint(['--format', 'json', '--cache'], dir);
    expect(moved.stdout).toBe((await faqlint(['--format', 'json'], dir)).stdout);
    expect(ruleIds(moved.stdout)).toEqual([]);
  });

  it('after an edit only the edited page is checked, also when worker threads filled the cache', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/faq/_index.md': '## Basics\n\n{{< details "How do I restore a file?" >}}\nSee [help](/help/restore/#restoring).\n{{< /details >}}\n',
      'content/en/help/restore.md': '## Restoring\n\nTODO: write the intro.\n\n{{< details "How do I restore a file?" >}}\nAgain.\n{{< /details >}}\n',
    });
    await faqlint(['--format', 'json', '--cache', '--concurrency', '2'], dir);
    const cacheFile = path.join(dir, '.faqlintcache');
    const before = fs.readFileSync(cacheFile);
    fs.writeFileSync(path.join(dir, 'content/en/help/restore.md'), '## Restoring\n\nThe intro is written.\n\n{{< details "How do I restore a file?" >}}\nAgain.\n{{< /details >}}\n');
    const edited = await faqlint(['--format', 'json', '--cache', '--concurrency', '2'], dir);
    expect(edited.stdout).toBe((await faqlint(['--format', 'json'], dir)).stdout);
    expect(ruleIds(edited.stdout)).toEqual(['no-duplicate-question:2']);
    // Only the run record was written again (its results, and the header): the pages' entries
    // were not checked again.
    const bodyLength = (bytes: Buffer): number => (JSON.parse(/\n(\{"key".*)\d{12}\n$/s.exec(bytes.toString('utf8'))?.[1] ?? '{}') as { bodyLength: number }).bodyLength;
    const after = fs.readFileSync(cacheFile);
    expect(bodyLength(before)).toBeGreaterThan(0);
    expect(after.subarray(0, bodyLength(before)).equals(before.subarray(0, bodyLength(before)))).toBe(true);
    const appended = after.subarray(bodyLength(before), bodyLength(after)).toString('utf8').split('\n').filter(Boolean);
    expect(appended.length).toBeGreaterThan(0);
    expect(appended.every((segment) => segment.startsWith('{"results":'))).toBe(true);
  });

  it('stays exact when an answer moves every question after it, and when a question changes, with near duplicates kept from the last run', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/faq/_index.md': '## How do I delete my account?\n\nWrite to us.\n\n## How do I rename a bucket?\n\nUse the console.\n',
      'content/en/help/account.md': '## How can I delete my account?\n\nOpen the settings.\n\n## How can I rename a bucket?\n\nUse the API.\n',
    });
    const page = path.join(dir, 'content/en/faq/_index.md');
    await faqlint(['--format', 'json', '--cache'], dir);
    const uncached = async (): Promise<string> => (await faqlint(['--format', 'json'], dir)).stdout;
    fs.writeFileSync(page, '## How do I delete my account?\n\nWrite to us.\nWe answer within a day.\n\n## How do I rename a bucket?\n\nUse the console.\n');
    const moved = await faqlint(['--format', 'json', '--cache'], dir);
    expect(moved.stdout).toBe(await uncached());
    expect(ruleIds(moved.stdout)).toEqual(['no-duplicate-question:2', 'no-duplicate-question:2']);
    expect(moved.stdout).toContain('_index.md:6:4');
    fs.writeFileSync(page, '## How do I delete my account?\n\nWrite to us.\n\n## Why is a bucket name fixed?\n\nUse the console.\n');
    const asked = await faqlint(['--format', 'json', '--cache'], dir);
    expect(asked.stdout).toBe(await uncached());
    expect(ruleIds(asked.stdout)).toEqual(['no-duplicate-question:2']);
  });

  it('is dropped when the config changes', async () => {
    const dir = folder({ 'faq.md': DRAFT_PAGE, '.faqlintrc.json': '{}' });
    await faqlint(['--cache'], dir);
    fs.writeFileSync(path.join(dir, '.faqlintrc.json'), '{ "rules": { "no-draft": "off" } }');
    expect(ruleIds((await faqlint(['--format', 'json', '--cache'], dir)).stdout)).toEqual(['no-placeholder:2']);
  });
});

describe('--concurrency', () => {
  const sites = ['example-site', 'hugo-multilingual', 'plugin-example'].map((name) => path.join(repoRoot, 'fixtures', name));

  it('gives byte-identical output on worker threads and on the main thread', async () => {
    for (const site of sites) {
      const inProcess = await faqlint(['--format', 'json', '--concurrency', 'off'], site);
      const threaded = await faqlint(['--format', 'json', '--concurrency', '2'], site);
      expect(inProcess.code).toBe(1);
      expect(threaded).toEqual(inProcess);
    }
  });

  it('gives the same positions and read problems when workers read the pages: BOM, CRLF, invalid UTF-8, binary', async () => {
    const dir = folder({
      'bom.md': '\uFEFF---\ndraft: true\n---\n\n## How do I restore a file?\n\nTODO: write\n',
      'crlf.md': '## Basics\r\n\r\n{{< details "How do I restore a file?" >}}\r\nLorem ipsum dolor sit amet.\r\n{{< /details >}}\r\n<!-- faqlint-disable-next-line no-placeholder -->\r\nTODO: silenced\r\n',
      'binary.md': 'ab\u0000cd',
    });
    fs.writeFileSync(path.join(dir, 'latin1.md'), Buffer.concat([Buffer.from('## Caf'), Buffer.from([0xe9]), Buffer.from(' hours?\n\nTODO: write\n')]));
    const files = ['bom.md', 'crlf.md', 'binary.md', 'latin1.md'];
    const inProcess = await faqlint(['--format', 'json', '--concurrency', 'off', ...files], dir);
    expect(ruleIds(inProcess.stdout)).toEqual(['parse-error:2', 'no-draft:1', 'no-empty-answer:2', 'no-placeholder:2', 'no-duplicate-question:2', 'no-placeholder:2', 'no-empty-answer:2', 'parse-error:2', 'no-placeholder:2']);
    expect(inProcess.stdout).toContain('"line":1,"column":7');
    expect(await faqlint(['--format', 'json', '--concurrency', '2', ...files], dir)).toEqual(inProcess);
    expect(await faqlint(['--format', 'json', '--concurrency', '2', '--cache', ...files], dir)).toEqual(inProcess);
    expect(await faqlint(['--format', 'json', '--concurrency', 'off', '--cache', ...files], dir)).toEqual(inProcess);
  });

  it('keeps the rule-error contract for a plugin rule that reads only the file and crashes on a worker', async () => {
    const plugin = `export default { name: 'boom', rules: { crash: {
      meta: { id: 'crash', description: 'Always throws.', defaultSeverity: 'error', scope: 'file', reads: 'file', optionsSchema: {}, defaultOptions: {}, docs: { rationale: 'test' } },
      check() { throw new Error('kaboom'); },
      examples: { valid: [], invalid: [] },
    } } };\n`;
    const dir = folder({ 'boom.mjs': plugin, '.faqlintrc.json': '{ "plugins": ["./boom.mjs"] }', 'faq.md': DRAFT_PAGE });
    const threaded = await faqlint(['--format', 'json', '--concurrency', '1'], dir);
    expect(threaded.code).toBe(2);
    expect(ruleIds(threaded.stdout)).toEqual(['rule-error:2', 'no-draft:1', 'no-placeholder:2']);
    expect(threaded.stderr).toMatch(/^faqlint: Rule boom\/crash failed on .*faq\.md: kaboom\n$/);
  });

  it('finds a glossary served at a URL set in its front matter from the workers\' facts, and fails on a missing one after them', async () => {
    const site = (glossary: string): string =>
      folder({
        'hugo.toml': 'title = "Docs"\n',
        '.faqlintrc.json': JSON.stringify({ glossary }),
        'content/reference/words.md': '---\ntitle: "Words"\nurl: "/terms-of-art/"\n---\n\n## Backup\n\nA copy.\n',
        'content/faq.md': '## Basics\n\n{{< details "How do I restore a file?" >}}\nRestore the [backup](/terms-of-art/#backup), not the [mirror](/terms-of-art/#mirror).\n{{< /details >}}\n',
      });
    const found = site('/terms-of-art/');
    const inProcess = await faqlint(['--format', 'json', '--concurrency', 'off'], found);
    expect(ruleIds(inProcess.stdout)).toEqual(['valid-glossary-link:2']);
    expect(await faqlint(['--format', 'json', '--concurrency', '2'], found)).toEqual(inProcess);
    const missing = site('/reference/words/');
    const expected = { code: 2, stdout: '', stderr: 'faqlint: The glossary "/reference/words/" matches no page in content\n' };
    expect(await faqlint(['--concurrency', 'off'], missing)).toEqual(expected);
    expect(await faqlint(['--concurrency', '2'], missing)).toEqual(expected);
  });

  it('fills the cache from worker threads, and a warm run reads the same', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/faq/_index.md': '## Basics\n\n{{< details "How do I restore a file?" >}}\nSee [help](/help/restore/#restoring).\n{{< /details >}}\n',
      'content/en/help/restore.md': '## Recovering\n\n{{< details "How do I restore a file?" >}}\nTODO: write\n{{< /details >}}\n',
    });
    const cold = await faqlint(['--format', 'json', '--cache', '--concurrency', '2'], dir);
    expect(ruleIds(cold.stdout)).toEqual(['valid-internal-link:2', 'no-duplicate-question:2', 'no-empty-answer:2', 'no-placeholder:2']);
    const warm = await faqlint(['--format', 'json', '--cache', '--concurrency', 'off'], dir);
    expect(warm).toEqual(cold);
  });

  it('rejects a bad value with exit 2', async () => {
    const result = await faqlint(['--concurrency', 'many'], folder({ 'faq.md': DRAFT_PAGE }));
    expect(result).toEqual({ code: 2, stdout: '', stderr: 'faqlint: --concurrency takes a number from 1 to 64, auto or off, got "many"\n' });
  });
});

describe('more flags and the rule-error contract', () => {
  it('--quiet reports errors only', async () => {
    const result = await faqlint(['--quiet', '--format', 'json'], folder({ 'faq.md': DRAFT_PAGE }));
    expect(result.code).toBe(1);
    expect(ruleIds(result.stdout)).toEqual(['no-placeholder:2']);
  });

  it('--report-unused-disable-directives reports a comment that silences nothing, as an error', async () => {
    const dir = folder({ 'faq.md': '<!-- faqlint-disable-next-line no-placeholder -->\nA real answer.\n' });
    expect((await faqlint([], dir)).code).toBe(0);
    const result = await faqlint(['--report-unused-disable-directives', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    expect(ruleIds(result.stdout)).toEqual(['unused-disable-directive:2']);
  });

  it('turns a crashing rule into a rule-error finding and exit 2; other rules still run; --debug shows the stack', async () => {
    const plugin = `export default { name: 'boom', rules: { crash: {
      meta: { id: 'crash', description: 'Always throws.', defaultSeverity: 'error', scope: 'file', optionsSchema: {}, defaultOptions: {}, docs: { rationale: 'test' } },
      check() { throw new Error('kaboom'); },
      examples: { valid: [], invalid: [] },
    } } };\n`;
    const dir = folder({ 'boom.mjs': plugin, '.faqlintrc.json': '{ "plugins": ["./boom.mjs"] }', 'faq.md': DRAFT_PAGE });
    const result = await faqlint(['--format', 'json'], dir);
    expect(result.code).toBe(2);
    expect(ruleIds(result.stdout)).toEqual(['rule-error:2', 'no-draft:1', 'no-placeholder:2']);
    expect(result.stderr).toMatch(/^faqlint: Rule boom\/crash failed on .*faq\.md: kaboom\n$/);
    const quiet = await faqlint(['--config', 'missing-dir/x.json'], dir);
    expect(quiet.stderr).not.toMatch(/^\s+at /m);
    const debug = await faqlint(['--config', 'missing-dir/x.json', '--debug'], dir);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(/^\s+at readConfigData /m);
  });
});
