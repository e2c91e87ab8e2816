import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaqDocument } from '../../src/model/types.js';
import { SiteModel } from '../../src/site/site-model.js';
import { folderWith } from '../helpers/folder.js';
import { siteModelOver } from '../helpers/site-model.js';

describe('SiteModel.resolveRef', () => {
  const dir = folderWith({
    'hugo.toml': 'title = "Docs"\n',
    'content/backup/_index.md': '',
    'content/backup/setup.md': '',
    'content/backup/faq.md': '',
    'content/restore/_index.md': '',
    'content/restore/setup.md': '',
    'content/restore/faq.md': '',
    'content/restore/guide/index.md': '',
    'content/about.md': '',
  });
  const site = SiteModel.load({ startDir: dir, configDir: undefined, glossary: undefined, loadDocument: () => undefined, frontMatterOf: () => undefined });
  const page = (file: string): string => path.join(dir, 'content', file);
  const ref = (from: string, target: string): string | undefined => {
    const found = site.resolveRef(page(from), target);
    return found && path.relative(path.join(dir, 'content'), found).split(path.sep).join('/');
  };

  it('resolves the same ref from each section to that section\'s page, however often it is asked', () => {
    for (let round = 0; round < 2; round++) {
      expect(ref('backup/faq.md', 'setup')).toBe('backup/setup.md');
      expect(ref('backup/_index.md', 'setup')).toBe('backup/setup.md');
      expect(ref('restore/faq.md', 'setup')).toBe('restore/setup.md');
      expect(ref('restore/_index.md', 'setup.md')).toBe('restore/setup.md');
      // A page bundle looks from its section, not from its own folder.
      expect(ref('restore/guide/index.md', 'setup')).toBe('restore/setup.md');
      // Outside both sections the base name is ambiguous: no page.
      expect(ref('about.md', 'setup')).toBeUndefined();
      expect(ref('about.md', '/backup/setup')).toBe('backup/setup.md');
      expect(ref('about.md', 'guide')).toBe('restore/guide/index.md');
    }
  });
});

describe('SiteModel.resolveLink', () => {
  // No Hugo config: links resolve relative to the linking file.
  const dir = folderWith({
    'backup/faq.md': 'See [setup](setup.md) and [setup again](setup.md#keys).\n',
    'backup/setup.md': '',
    'restore/faq.md': 'See [setup](setup.md).\n',
    'restore/setup.md': '',
  });
  const { site, load } = siteModelOver(dir);
  const documents = new Map(['backup/faq.md', 'restore/faq.md'].map((file) => [file, load(path.join(dir, file))]));
  const targets = (file: string): Array<string | undefined> => {
    const document = documents.get(file) as FaqDocument;
    return document.links.map((link) => {
      const target = site.resolveLink(document, link);
      return target && `${path.relative(dir, target.file ?? '').split(path.sep).join('/')}#${target.fragment ?? ''}`;
    });
  };

  it('resolves the same destination on each page from that page, however often it is asked', () => {
    for (let round = 0; round < 2; round++) {
      expect(targets('backup/faq.md')).toEqual(['backup/setup.md#', 'backup/setup.md#keys']);
      expect(targets('restore/faq.md')).toEqual(['restore/setup.md#']);
    }
  });
});
