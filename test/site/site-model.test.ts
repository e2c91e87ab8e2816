import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteModel } from '../../src/site/site-model.js';
import { folderWith } from '../helpers/folder.js';

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
