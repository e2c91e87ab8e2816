import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFiles, type FileSearch } from '../../src/engine/files.js';
import { memoizedHugoRoots } from '../../src/site/hugo-root.js';
import { folderWith } from '../helpers/folder.js';

const folder = (files: Record<string, string>): string => folderWith(files, 'faqlint-files-');

describe('findFiles', () => {
  it('takes a folder\'s files from an earlier search of a folder holding it, exactly as a walk of its own would find them', async () => {
    const dir = folder({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      '.gitignore': 'content/en/private/\n',
      'content/en/faq.md': '',
      'content/en/docs/guide.markdown': '',
      'content/en/private/secret.md': '',
      'content/en/.hidden/notes.md': '',
      'content/en/node_modules/pkg/readme.md': '',
      'content/en/skipped.md': '',
      'layouts/partials/help.md': '',
      'themes/plain/hugo.toml': '',
      'themes/plain/content/theme.md': '',
      'notes.txt': '',
    });
    const base = (): Omit<FileSearch, 'patterns'> => ({ cwd: dir, ignore: ['content/en/skipped.md'], configDir: dir, hugoRootFor: memoizedHugoRoots(), walks: new Map() });
    const search = base();
    const everything = await findFiles({ ...search, patterns: ['.'] });
    expect(everything.map((file) => path.relative(dir, file))).toEqual(['content/en/docs/guide.markdown', 'content/en/faq.md']);
    for (const inside of ['content', 'content/en', 'content/en/docs', 'content/en/.hidden', 'content/en/node_modules', 'content/en/private', 'layouts', 'themes/plain', 'themes/plain/content']) {
      const walkedAlone = await findFiles({ ...base(), walks: undefined, patterns: [inside] });
      expect(await findFiles({ ...search, patterns: [inside] }), inside).toEqual(walkedAlone);
    }
    // The ones taken from the first walk are really taken from it: a file added since is not seen.
    fs.writeFileSync(path.join(dir, 'content/en/new.md'), '');
    expect((await findFiles({ ...search, patterns: ['content/en'] })).map((file) => path.basename(file))).toEqual(['guide.markdown', 'faq.md']);
    expect((await findFiles({ ...base(), patterns: ['content/en'] })).map((file) => path.basename(file))).toEqual(['guide.markdown', 'faq.md', 'new.md']);
  });
});
