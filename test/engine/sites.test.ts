import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config.js';
import { loadConfig } from '../../src/engine/config-resolution.js';
import type { PageSource } from '../../src/engine/document-store.js';
import { siteLoader } from '../../src/engine/sites.js';
import { folderWith } from '../helpers/folder.js';

/** A page source that records which pages' front matter was asked for, and knows none. */
function recordingSource(): PageSource & { asked: string[] } {
  const asked: string[] = [];
  return { asked, hashes: new Map(), load: () => undefined, frontMatterOf: (file) => void asked.push(path.basename(file)) };
}

describe('siteLoader', () => {
  const site = (glossary: string): string =>
    folderWith({
      'hugo.toml': 'title = "Docs"\n',
      '.faqlintrc.json': JSON.stringify({ glossary }),
      'content/faq.md': '## Basics\n',
      'content/reference/glossary.md': '## Backup\n',
    });

  it('gives a site\'s layout without reading any page, and reads front matter only to find a glossary set as a URL', async () => {
    const dir = site('/reference/glossary/');
    const source = recordingSource();
    const sites = siteLoader(await loadConfig({ cwd: dir }), source, () => {});
    const layout = sites.layoutOf(path.join(dir, 'content/faq.md'));
    expect(layout.trees.map((tree) => path.relative(dir, tree.dir))).toEqual(['content']);
    expect(source.asked).toEqual([]);
    const checked = sites(path.join(dir, 'content/faq.md'));
    expect(checked).toBe(layout);
    expect(checked.glossaryFiles).toEqual([path.join(dir, 'content/reference/glossary.md')]);
    expect(source.asked.sort()).toEqual(['faq.md', 'glossary.md']);
  });

  it('warns about a Hugo config it cannot read once, when the site is first checked', async () => {
    const dir = folderWith({ 'hugo.toml': 'title = \n', 'content/faq.md': '## Basics\n' });
    const warnings: string[] = [];
    const sites = siteLoader(await loadConfig({ cwd: dir }), recordingSource(), (warning) => warnings.push(warning));
    const file = path.join(dir, 'content/faq.md');
    sites.layoutOf(file);
    expect(warnings).toEqual([]);
    sites(file);
    sites(file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/hugo\.toml/);
  });

  it('fails on a missing glossary when the site is first checked, not when its layout is read', async () => {
    const dir = site('/nowhere/');
    const sites = siteLoader(await loadConfig({ cwd: dir }), recordingSource(), () => {});
    const file = path.join(dir, 'content/faq.md');
    expect(() => sites.layoutOf(file)).not.toThrow();
    expect(() => sites(file)).toThrow(ConfigError);
    expect(() => sites(file)).toThrow('The glossary "/nowhere/" matches no page in');
  });
});
