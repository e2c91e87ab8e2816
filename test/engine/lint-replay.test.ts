import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as CheckFilesModule from '../../src/engine/check-files.js';
import { lint, type LintOptions } from '../../src/engine/lint.js';
import { folderWith, writeIn } from '../helpers/folder.js';

// Counts the runs that were checked rather than replayed from the cache.
const checked = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/engine/check-files.js', async (importOriginal) => {
  const actual = await importOriginal<typeof CheckFilesModule>();
  return {
    ...actual,
    checkFiles: (...args: Parameters<typeof actual.checkFiles>) => {
      checked.count++;
      return actual.checkFiles(...args);
    },
  };
});

const folder = (files: Record<string, string>): string => folderWith(files, 'faqlint-replay-');
const write = writeIn;

/** Findings as `file:line:column rule`, relative to `dir`. */
async function findings(dir: string, options: LintOptions = {}): Promise<string[]> {
  const run = await lint({ cwd: dir, cache: true, concurrency: 'off', ...options });
  return run.results.flatMap((result) => result.messages.map((message) => `${path.relative(dir, result.filePath)}:${message.line}:${message.column} ${message.ruleId}`));
}

/** The findings of a run without the cache, to compare a cached run with (not counted as a checked run). */
async function uncached(dir: string): Promise<string[]> {
  const count = checked.count;
  const found = await findings(dir, { cache: false });
  checked.count = count;
  return found;
}

const QUESTION = (question: string, answer = 'Run the restore command with the snapshot ID.'): string => `{{< details "${question}" >}}\n${answer}\n{{< /details >}}\n`;
const HUGO_SITE = {
  'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
  'content/en/faq/_index.md': `## Basics\n\n${QUESTION('How do I restore a file?', 'See [restoring](/help/restore/#restoring).')}`,
  'content/en/help/restore.md': `## Restoring\n\n${QUESTION('Where are snapshots kept?')}`,
};

describe('replaying a run from the cache', () => {
  beforeEach(() => {
    checked.count = 0;
  });

  it('replays an unchanged site without checking it again, with the same findings', async () => {
    const dir = folder({ ...HUGO_SITE, 'content/en/help/broken.md': `## Broken\n\n${QUESTION('How do I restore a file?', 'TODO')}See [nothing](/no/such/page/).\n` });
    const cold = await findings(dir);
    expect(checked.count).toBe(1);
    expect(await findings(dir)).toEqual(cold);
    expect(checked.count).toBe(1);
    expect(cold).toEqual(await uncached(dir));
    expect(cold.map((line) => line.split(' ')[1])).toEqual(expect.arrayContaining(['no-duplicate-question', 'no-placeholder', 'valid-internal-link']));
  });

  it('checks again when a page changes, and gets what an uncached run gets', async () => {
    const dir = folder(HUGO_SITE);
    await findings(dir);
    // The linked page loses the heading the link points to: a finding on the page that did not change.
    write(dir, 'content/en/help/restore.md', `## Recovering\n\n${QUESTION('Where are snapshots kept?')}`);
    const after = await findings(dir);
    expect(checked.count).toBe(2);
    expect(after).toEqual(['content/en/faq/_index.md:4:5 valid-internal-link']);
    expect(after).toEqual(await uncached(dir));
  });

  it('checks again when a page is added to the site, even one no linted file names', async () => {
    const dir = folder(HUGO_SITE);
    await findings(dir, { patterns: ['content/en/faq'] });
    // Sorts first, so the linted page holds the repeat.
    write(dir, 'content/en/a-first.md', `## More\n\n${QUESTION('How do I restore a file?')}`);
    const after = await findings(dir, { patterns: ['content/en/faq'] });
    expect(checked.count).toBe(2);
    expect(after).toEqual(['content/en/faq/_index.md:3:14 no-duplicate-question']);
  });

  it('checks again when a file a link points to appears, though it is no page of the site', async () => {
    // Outside the site: only the question "is there a file here?" changes.
    const dir = folder({ 'site/.faqlintrc.json': '{}', 'site/faq.md': `## Basics\n\n${QUESTION('How do I restore a file?', 'See [the plan](../notes/plan.md).')}` });
    const site = path.join(dir, 'site');
    expect(await findings(site)).toEqual(['faq.md:4:5 valid-internal-link']);
    write(dir, 'notes/plan.md', '# Plan\n');
    expect(await findings(site)).toEqual([]);
    expect(checked.count).toBe(2);
  });

  it('checks again when a page is added to a plain site whose glossary is a file', async () => {
    const dir = folder({
      '.faqlintrc.json': '{ "glossary": "glossary.md" }',
      'glossary.md': '## Snapshot\n\nA saved state.\n',
      'faq.md': `## Basics\n\n${QUESTION('How do I restore a file?')}`,
    });
    expect(await findings(dir, { patterns: ['faq.md'] })).toEqual([]);
    write(dir, 'a-first.md', `## More\n\n${QUESTION('How do I restore a file?')}`);
    expect(await findings(dir, { patterns: ['faq.md'] })).toEqual(['faq.md:3:14 no-duplicate-question']);
    expect(checked.count).toBe(2);
  });

  it('checks again when a page that serves a link target appears where the config ignores files', async () => {
    // Not linted and not one of the pages searched, but Hugo still serves it: the link now resolves.
    const dir = folder({
      ...HUGO_SITE,
      '.faqlintrc.json': '{ "ignore": ["content/en/private/**"] }',
      'content/en/faq/_index.md': `## Basics\n\n${QUESTION('How do I restore a file?', 'See [the plan](/private/plan/).')}`,
    });
    expect(await findings(dir)).toEqual(['content/en/faq/_index.md:4:5 valid-internal-link']);
    write(dir, 'content/en/private/plan.md', '# Plan\n');
    expect(await findings(dir)).toEqual([]);
    expect(checked.count).toBe(2);
  });

  it('checks again when the Hugo config changes (heading IDs), though no page did', async () => {
    const dir = folder({
      ...HUGO_SITE,
      'content/en/faq/_index.md': `## Basics\n\n${QUESTION('How do I restore a file?', 'See [restoring](/help/restore/#restore-a-file).')}`,
      'content/en/help/restore.md': `## Restore a file\n\n${QUESTION('Where are snapshots kept?')}`,
    });
    expect(await findings(dir)).toEqual([]);
    write(dir, 'config/_default/markup.toml', '[goldmark.parser]\nautoHeadingID = false\n');
    const after = await findings(dir);
    expect(checked.count).toBe(2);
    expect(after).toEqual(['content/en/faq/_index.md:4:5 valid-internal-link']);
  });

  it('checks again for another set of linted files, another working folder and another config', async () => {
    const dir = folder(HUGO_SITE);
    await findings(dir);
    await findings(dir, { patterns: ['content/en/help'] });
    await findings(path.join(dir, 'content'), { cacheLocation: path.join(dir, '.faqlintcache'), patterns: ['.'] });
    await findings(dir, { config: { rules: { 'no-placeholder': 'off' } } });
    await findings(dir, { reportUnusedDisableDirectives: 'warn' });
    expect(checked.count).toBe(5);
    await findings(dir, { reportUnusedDisableDirectives: 'warn' });
    expect(checked.count).toBe(5);
  });

  it('does not record a run whose rule crashed', async () => {
    const plugin = `export default { name: 'boom', rules: { crash: {
      meta: { id: 'crash', description: 'Always throws.', defaultSeverity: 'error', scope: 'file', reads: 'file', optionsSchema: {}, defaultOptions: {}, docs: { rationale: 'test' } },
      check() { throw new Error('kaboom'); },
    } } };\n`;
    const dir = folder({ 'boom.mjs': plugin, '.faqlintrc.json': '{ "plugins": ["./boom.mjs"] }', 'faq.md': `## Basics\n\n${QUESTION('How do I restore a file?')}` });
    const first = await lint({ cwd: dir, cache: true, concurrency: 'off' });
    const second = await lint({ cwd: dir, cache: true, concurrency: 'off' });
    expect(checked.count).toBe(2);
    expect(second.internalErrors).toEqual(first.internalErrors);
    expect(second.internalErrors).toHaveLength(1);
  });

  describe('after an edit no cross-page rule can see', () => {
    const SITE = {
      ...HUGO_SITE,
      // The intro paragraph is no question, answer, heading or link: only the page's own rules read it.
      'content/en/help/restore.md': `## Restoring\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a file?')}`,
    };

    it('checks only the edited page, keeps the cross-page findings, and gets what an uncached run gets', async () => {
      const dir = folder(SITE);
      expect(await findings(dir)).toEqual(['content/en/help/restore.md:3:1 no-placeholder', 'content/en/help/restore.md:5:14 no-duplicate-question']);
      write(dir, 'content/en/help/restore.md', `## Restoring\n\nThe intro is written.\n\n${QUESTION('How do I restore a file?')}`);
      const after = await findings(dir);
      expect(checked.count).toBe(1);
      expect(after).toEqual(['content/en/help/restore.md:5:14 no-duplicate-question']);
      expect(after).toEqual(await uncached(dir));
      // And the run after that replays the edited state.
      expect(await findings(dir)).toEqual(after);
      expect(checked.count).toBe(1);
    });

    it('applies the edited page\'s own inline comments to the cross-page findings it keeps', async () => {
      const dir = folder(SITE);
      await findings(dir);
      write(dir, 'content/en/help/restore.md', `## Restoring\n\nTODO: write the intro. <!-- faqlint-disable no-duplicate-question -->\n\n${QUESTION('How do I restore a file?')}`);
      const after = await findings(dir);
      expect(checked.count).toBe(1);
      expect(after).toEqual(['content/en/help/restore.md:3:1 no-placeholder']);
      expect(after).toEqual(await uncached(dir));
    });

    it('checks the whole site when the edit touches what a cross-page rule reads', async () => {
      const edits: Array<[string, string]> = [
        // A question other pages' questions are compared with.
        ['content/en/help/restore.md', `## Restoring\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a folder?')}`],
        // A heading a link points to.
        ['content/en/help/restore.md', `## Recovering\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a file?')}`],
        // A link on the page.
        ['content/en/faq/_index.md', `## Basics\n\n${QUESTION('How do I restore a file?', 'See [restoring](/help/restore/#nowhere).')}`],
        // The page's URL.
        ['content/en/help/restore.md', `---\nslug: recovery\n---\n## Restoring\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a file?')}`],
      ];
      for (const [file, text] of edits) {
        const dir = folder(SITE);
        await findings(dir);
        checked.count = 0;
        write(dir, file, text);
        const after = await findings(dir);
        expect(checked.count, text).toBe(1);
        expect(after, text).toEqual(await uncached(dir));
      }
    });
  });
});
