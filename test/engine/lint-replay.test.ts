import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as CheckFilesModule from '../../src/engine/check-files.js';
import type * as RecheckSiteModule from '../../src/engine/recheck-site.js';
import { lint, type LintOptions } from '../../src/engine/lint.js';
import { SETTLED_MS } from '../../src/io/disk.js';
import { folderWith, writeIn } from '../helpers/folder.js';

// Counts the runs that were checked rather than replayed from the cache, and those that ran only the site rules again.
const checked = vi.hoisted(() => ({ count: 0 }));
const siteRechecked = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/engine/recheck-site.js', async (importOriginal) => {
  const actual = await importOriginal<typeof RecheckSiteModule>();
  return {
    ...actual,
    recheckSite: async (...args: Parameters<typeof actual.recheckSite>) => {
      const rechecked = await actual.recheckSite(...args);
      if (rechecked) siteRechecked.count++;
      return rechecked;
    },
  };
});
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
async function uncached(dir: string, options: LintOptions = {}): Promise<string[]> {
  const count = checked.count;
  const found = await findings(dir, { ...options, cache: false });
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
    siteRechecked.count = 0;
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

  describe('with files left alone long enough to trust their size and times', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    /** Lints as if `ms` had passed since the files were written (so they have settled; a negative `ms` makes them fresh), counting the Markdown files opened. */
    async function findingsLater(dir: string, ms: number, options: LintOptions = {}): Promise<{ found: string[]; opened: string[] }> {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + ms);
      const opened: string[] = [];
      const open = fs.openSync;
      const spy = vi.spyOn(fs, 'openSync').mockImplementation((...args: Parameters<typeof fs.openSync>) => {
        if (String(args[0]).endsWith('.md')) opened.push(path.relative(dir, String(args[0])));
        return open(...args);
      });
      try {
        return { found: await findings(dir, options), opened };
      } finally {
        spy.mockRestore();
        vi.useRealTimers();
      }
    }

    it('replays an unchanged site without reading a page, and reads every page with the content strategy', async () => {
      const dir = folder(HUGO_SITE);
      const first = await findingsLater(dir, SETTLED_MS + 1000);
      expect(first.opened.sort()).toEqual(['content/en/faq/_index.md', 'content/en/help/restore.md']);
      const again = await findingsLater(dir, SETTLED_MS + 2000);
      expect(again).toEqual({ found: first.found, opened: [] });
      const byContent = await findingsLater(dir, SETTLED_MS + 3000, { cacheStrategy: 'content' });
      expect(byContent.found).toEqual(first.found);
      expect(byContent.opened.sort()).toEqual(['content/en/faq/_index.md', 'content/en/help/restore.md']);
      expect(checked.count).toBe(1);
    });

    it('finds an edit that keeps the size and the modification time of a settled page', async () => {
      const dir = folder({ ...HUGO_SITE, 'content/en/help/pause.md': `## Backups\n\n${QUESTION('Can I pause a backup?', 'Pause it from the tray icon. [Add answer]')}` });
      const page = path.join(dir, 'content/en/help/pause.md');
      const modified = 1_700_000_000;
      fs.utimesSync(page, modified, modified);
      expect((await findingsLater(dir, SETTLED_MS + 1000)).found).toEqual(['content/en/help/pause.md:4:30 no-placeholder']);
      // The change time has a clock tick of its own: let it move on.
      await new Promise((resolve) => setTimeout(resolve, 20));
      fs.writeFileSync(page, `## Backups\n\n${QUESTION('Can I pause a backup?', 'Pause it from the tray icon. Or the menu.')}`);
      fs.utimesSync(page, modified, modified);
      const after = await findingsLater(dir, SETTLED_MS + 2000);
      expect(after.found).toEqual([]);
      expect(after.found).toEqual(await uncached(dir));
    });

    it('reads a page touched without a change again, and trusts its new times once that costs more than writing the cache header', async () => {
      const guide = `## Guide\n\n${QUESTION('How do I plan a restore?', 'Check the snapshot list first. '.repeat(2000))}`;
      const dir = folder({ ...HUGO_SITE, 'content/en/help/guide.md': guide });
      const first = await findingsLater(dir, SETTLED_MS + 1000);
      const cacheFile = path.join(dir, '.faqlintcache');
      const written = fs.statSync(cacheFile).mtimeMs;
      // A small page read again costs less than a header written anew: the cache is left as it is.
      fs.utimesSync(path.join(dir, 'content/en/help/restore.md'), new Date(), new Date());
      expect(await findingsLater(dir, SETTLED_MS + 2000)).toEqual({ found: first.found, opened: ['content/en/help/restore.md'] });
      expect(await findingsLater(dir, SETTLED_MS + 3000)).toEqual({ found: first.found, opened: ['content/en/help/restore.md'] });
      expect(fs.statSync(cacheFile).mtimeMs).toBe(written);
      // A page of 60 kB is worth it: the header (its length is the file's last 12 digits) is smaller.
      expect(guide.length).toBeGreaterThan(Number(/(\d{12})\n$/.exec(fs.readFileSync(cacheFile, 'utf8'))?.[1]));
      fs.utimesSync(path.join(dir, 'content/en/help/guide.md'), new Date(), new Date());
      expect((await findingsLater(dir, SETTLED_MS + 4000)).opened.sort()).toEqual(['content/en/help/guide.md', 'content/en/help/restore.md']);
      expect(await findingsLater(dir, SETTLED_MS + 5000)).toEqual({ found: first.found, opened: [] });
      expect(checked.count).toBe(1);
    });

    it('reads again a page that had not settled when it was last read', async () => {
      const dir = folder(HUGO_SITE);
      // A clock behind the files' times: they changed "just now", however slow the machine.
      const { found: first } = await findingsLater(dir, -10_000);
      const later = await findingsLater(dir, SETTLED_MS + 1000);
      expect(later.found).toEqual(first);
      expect(later.opened.sort()).toEqual(['content/en/faq/_index.md', 'content/en/help/restore.md']);
      expect(checked.count).toBe(1);
    });
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

    it('runs the site rules again when the edit touches what they read, and the whole site when it touches what links see', async () => {
      const edits: Array<[string, string, 'site rules' | 'whole site']> = [
        // A question other pages' questions are compared with.
        ['content/en/help/restore.md', `## Restoring\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a folder?')}`, 'site rules'],
        // A link on the page.
        ['content/en/faq/_index.md', `## Basics\n\n${QUESTION('How do I restore a file?', 'See [restoring](/help/restore/#nowhere).')}`, 'site rules'],
        // A heading a link points to.
        ['content/en/help/restore.md', `## Recovering\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a file?')}`, 'whole site'],
        // The page's URL.
        ['content/en/help/restore.md', `---\nslug: recovery\n---\n## Restoring\n\nTODO: write the intro.\n\n${QUESTION('How do I restore a file?')}`, 'whole site'],
      ];
      for (const [file, text, expected] of edits) {
        const dir = folder(SITE);
        await findings(dir);
        checked.count = 0;
        siteRechecked.count = 0;
        write(dir, file, text);
        const after = await findings(dir);
        expect([checked.count, siteRechecked.count], text).toEqual(expected === 'site rules' ? [0, 1] : [1, 0]);
        expect(after, text).toEqual(await uncached(dir));
      }
    });
  });

  describe('after an edit other pages\' links cannot see', () => {
    const PAGES = {
      ...HUGO_SITE,
      'content/en/help/keys.md': `## Keys\n\n${QUESTION('How do I rotate a key?')}\n## Rotating\n\n${QUESTION('Where is the key kept?')}`,
      // Links to a heading below an answer, and a repeat of a question on another page (reported here: "keys" sorts after "faq").
      'content/en/help/links.md': `## Links\n\n${QUESTION('How do I rotate a key?', 'See [rotating](/help/keys/#rotating) and [nothing](/no/such/page/).')}`,
    };

    /** Lints, edits, lints again: the findings after the edit, which must be an uncached run's, and how the run after it went. */
    async function afterEdit(files: Record<string, string>, edits: Record<string, string>, options: LintOptions = {}): Promise<{ before: string[]; after: string[]; how: string }> {
      const dir = folder(files);
      const before = await findings(dir, options);
      checked.count = 0;
      siteRechecked.count = 0;
      for (const [file, text] of Object.entries(edits)) write(dir, file, text);
      const after = await findings(dir, options);
      const how = checked.count === 1 ? 'whole site' : siteRechecked.count === 1 ? 'site rules' : 'neither';
      expect(after).toEqual(await uncached(dir, options));
      // The run after that replays the edited state.
      expect(await findings(dir, options)).toEqual(after);
      expect([checked.count, siteRechecked.count]).toEqual(how === 'whole site' ? [1, 0] : [0, 1]);
      return { before, after, how };
    }

    it('finds a repeat of an unchanged page\'s question, and reports it on the unchanged page that now asks later', async () => {
      const { before, after, how } = await afterEdit(PAGES, { 'content/en/faq/_index.md': `## Basics\n\n${QUESTION('Where is the key kept?')}` });
      expect(how).toBe('site rules');
      expect(before).not.toContain('content/en/help/keys.md:9:14 no-duplicate-question');
      expect(after).toContain('content/en/help/keys.md:9:14 no-duplicate-question');
    });

    it('drops a repeat on an unchanged page when the question it repeated is edited away', async () => {
      const { before, after, how } = await afterEdit(PAGES, { 'content/en/help/keys.md': `## Keys\n\n${QUESTION('How do I revoke a key?')}\n## Rotating\n\n${QUESTION('Where is the key kept?')}` });
      expect(how).toBe('site rules');
      expect(before).toContain('content/en/help/links.md:3:14 no-duplicate-question');
      expect(after).not.toContain('content/en/help/links.md:3:14 no-duplicate-question');
    });

    it('applies an unchanged page\'s inline comments to its new findings', async () => {
      const files = { ...PAGES, 'content/en/help/quiet.md': `<!-- faqlint-disable no-duplicate-question -->\n## Quiet\n\n${QUESTION('How do I pause a backup?')}\n${QUESTION('Where are logs kept?')}` };
      const { after, how } = await afterEdit(files, { 'content/en/faq/_index.md': `## Basics\n\n${QUESTION('How do I pause a backup?')}\n${QUESTION('Where are logs kept?')}` });
      expect(how).toBe('site rules');
      expect(after.filter((line) => line.startsWith('content/en/help/quiet.md'))).toEqual([]);
    });

    it('keeps links to a heading that an answer edit moved down, and checks the edited page\'s own links', async () => {
      const { before, after, how } = await afterEdit(PAGES, {
        'content/en/help/keys.md': `## Keys\n\n${QUESTION('How do I rotate a key?', 'Run the rotate command.\n\nThen [restart](/no/restart/).')}\n## Rotating\n\n${QUESTION('Where is the key kept?')}`,
      });
      expect(how).toBe('site rules');
      expect(before).toEqual(expect.arrayContaining(['content/en/help/links.md:4:42 valid-internal-link']));
      expect(after).toEqual(expect.arrayContaining(['content/en/help/links.md:4:42 valid-internal-link', 'content/en/help/keys.md:6:6 valid-internal-link']));
    });

    it('finds two questions that now share a substantial answer', async () => {
      const answer = 'Copy the whole repository folder to the new disk, then point every backup set that uses it at the new path.';
      const files = { ...PAGES, 'content/en/help/move.md': `## Moving\n\n${QUESTION('How do I move a repository?', answer)}` };
      const { before, after, how } = await afterEdit(files, { 'content/en/faq/_index.md': `## Basics\n\n${QUESTION('Can I move my repository?', answer)}` });
      expect(how).toBe('site rules');
      expect(before).not.toContain('content/en/help/move.md:3:14 no-duplicate-question');
      expect(after).toContain('content/en/help/move.md:3:14 no-duplicate-question');
    });

    it('runs the site rules again when only some files are linted and a page read for the site changes', async () => {
      const { after, how } = await afterEdit(PAGES, { 'content/en/help/keys.md': `## Keys\n\n${QUESTION('How do I restore a file?')}\n## Rotating\n\n${QUESTION('Where is the key kept?')}` }, { patterns: ['content/en/help/links.md', 'content/en/help/restore.md'] });
      expect(how).toBe('site rules');
      expect(after.every((line) => line.startsWith('content/en/help/links.md') || line.startsWith('content/en/help/restore.md'))).toBe(true);
    });
  });
});

describe('a cached run after any sequence of edits (property)', () => {
  const QUESTIONS = ['How do I restore a file?', 'How can I restore a file?', 'Where are snapshots kept?', 'How do I rotate a key?', 'How do I rotate keys?', 'How do I move a repository?', 'Can I move my repository?', 'Full configuration'];
  const SHARED = 'Copy the whole repository folder to the new disk, then point every backup set that uses it at the new path.';
  const ANSWERS = ['Run the restore command.', SHARED, 'Open the settings page, pick the key you want to replace and confirm twice before you close it.', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.', 'TODO: write this answer.'];
  const LINKS = ['/help/page-1/', '/help/page-1/#rotating', '/help/page-2/#nowhere', '/no/such/page/', '/docs/glossary/#snapshot', '/docs/glossary/#snapshots'];
  const HEADINGS = ['Basics', 'Rotating', 'Restoring'];

  interface Page {
    slug: string | undefined;
    headings: string[];
    blocks: Array<[number, number]>;
    links: number[];
    quiet: boolean;
  }

  const render = (page: Page): string => {
    const front = page.slug ? `---\ntitle: A page\nslug: ${page.slug}\n---\n` : '---\ntitle: A page\n---\n';
    const quiet = page.quiet ? '<!-- faqlint-disable no-duplicate-question -->\n\n' : '';
    const blocks = page.blocks.map(([question, answer]) => `{{< details "${QUESTIONS[question]}" >}}\n${ANSWERS[answer]}\n{{< /details >}}\n`).join('\n');
    const links = page.links.length > 0 ? `See ${page.links.map((link, at) => `[link ${at}](${LINKS[link]})`).join(' and ')}.\n\n` : '';
    const [first = 'Basics', ...rest] = page.headings;
    return `${front}${quiet}## ${first}\n\n${blocks}\n${links}${rest.map((heading) => `## ${heading}\n\nMore text.\n`).join('\n')}`;
  };

  const page = fc.record({
    slug: fc.constantFrom(undefined, 'renamed'),
    headings: fc.subarray(HEADINGS, { minLength: 1 }),
    blocks: fc.array(fc.tuple(fc.nat(QUESTIONS.length - 1), fc.nat(ANSWERS.length - 1)), { maxLength: 4 }),
    links: fc.array(fc.nat(LINKS.length - 1), { maxLength: 2 }),
    quiet: fc.boolean(),
  });
  // An edit: which page, and what it becomes (some edits keep headings and URL settings, some do
  // not; a page may go, and come back with the next edit to it).
  const edit = fc.tuple(fc.nat(2), page, fc.constantFrom('blocks', 'links', 'quiet', 'whole', 'gone'));

  /**
   * With `settled`, the clock runs far ahead, so every file looks long settled and the cache
   * trusts its size and times; each write then waits for the file system's clock to tick, as a
   * file settled for real has.
   */
  async function editsFindWhatAnUncachedRunFinds(settled: boolean, numRuns: number): Promise<number> {
    let viaSiteRules = 0;
    if (settled) {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 60_000);
    }
    const write = async (dir: string, name: string, content: string): Promise<void> => {
      if (settled) await new Promise((resolve) => setTimeout(resolve, 15));
      writeIn(dir, name, content);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(page, { minLength: 3, maxLength: 3 }), fc.array(edit, { minLength: 1, maxLength: 4 }), async (initial, edits) => {
        const pages = initial.map((each) => ({ ...each }));
        const files = (): Record<string, string> => Object.fromEntries(pages.map((each, at) => [`content/en/help/page-${at}.md`, render(each)]));
        const dir = folder({
          'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
          '.faqlintrc.json': '{ "glossary": "/docs/glossary/" }',
          'content/en/docs/glossary.md': '## Snapshot\n\nA saved state.\n\n## Repository\n\nWhere snapshots live.\n',
          ...files(),
        });
        const detailed = async (cache: boolean): Promise<string[]> => {
          const run = await lint({ cwd: dir, cache, concurrency: 'off' });
          const at = (file: string, { line, column, endLine, endColumn }: { line: number; column: number; endLine: number; endColumn: number }): string =>
            `${path.relative(dir, file)}:${line}:${column}-${endLine}:${endColumn}`;
          return run.results.flatMap((result) =>
            result.messages.map((message) => `${at(result.filePath, message)} ${message.ruleId} ${message.message} ${(message.related ?? []).map((related) => `[${related.message} ${at(related.filePath, related)}]`).join('')}`),
          );
        };
        await detailed(true);
        for (const [at, next, part] of edits) {
          const target = pages[at] as Page;
          const file = path.join(dir, `content/en/help/page-${at}.md`);
          if (part === 'gone' && fs.existsSync(file)) {
            fs.rmSync(file);
            expect(await detailed(true)).toEqual(await detailed(false));
            continue;
          }
          if (part === 'whole' || part === 'gone') pages[at] = next;
          else if (part === 'blocks') target.blocks = next.blocks;
          else if (part === 'links') target.links = next.links;
          else target.quiet = next.quiet;
          await write(dir, `content/en/help/page-${at}.md`, render(pages[at] as Page));
          const before = siteRechecked.count;
          expect(await detailed(true)).toEqual(await detailed(false));
          viaSiteRules += siteRechecked.count - before;
        }
      }),
      { numRuns },
    );
    return viaSiteRules;
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('finds what an uncached run finds', async () => {
    // The property says little unless the edits took the path that runs only the site rules.
    expect(await editsFindWhatAnUncachedRunFinds(false, 40)).toBeGreaterThan(10);
  }, 120_000);

  it('finds what an uncached run finds with files trusted by their size and times', async () => {
    expect(await editsFindWhatAnUncachedRunFinds(true, 25)).toBeGreaterThan(5);
  }, 120_000);
});
