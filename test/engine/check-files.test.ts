import { describe, expect, it } from 'vitest';
import { filesToParse } from '../../src/engine/check-files.js';
import type { SiteModel } from '../../src/site/site-model.js';

describe('the files a run parses', () => {
  /** A site's page list that counts how often it is walked. */
  const pageList = (pages: string[]): { list: Iterable<string>; walks: () => number } => {
    let walks = 0;
    return {
      list: {
        [Symbol.iterator]: () => {
          walks++;
          return pages[Symbol.iterator]();
        },
      },
      walks: () => walks,
    };
  };

  it('are the linted files and every page of the sites their site rules read, each site listed once', async () => {
    const docs = { root: '/docs' } as SiteModel;
    const blog = { root: '/blog' } as SiteModel;
    const docsPages = pageList(['/docs/a.md', '/docs/b.md', '/docs/c.md', '/docs/d.md']);
    const blogPages = pageList(['/blog/x.md', '/blog/y.md']);
    const linted = ['/docs/a.md', '/docs/b.md', '/docs/c.md', '/blog/x.md', '/blog/y.md'];
    const needed = await filesToParse(
      linted,
      (file) => (file.startsWith('/docs/') ? docs : blog),
      // The blog's pages have site rules off: its other pages need no parsing for them.
      (file) => file.startsWith('/docs/'),
      async (site) => (site === docs ? docsPages.list : blogPages.list),
    );
    expect([...needed].sort()).toEqual(['/blog/x.md', '/blog/y.md', '/docs/a.md', '/docs/b.md', '/docs/c.md', '/docs/d.md']);
    // Once, not once per linted page: a site of 3,000 pages was 9 million additions.
    expect(docsPages.walks()).toBe(1);
    expect(blogPages.walks()).toBe(0);
  });
});
