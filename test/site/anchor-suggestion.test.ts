import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingAnchorHint } from '../../src/site/anchor-suggestion.js';
import { folderWith } from '../helpers/folder.js';
import { siteModelOver } from '../helpers/site-model.js';

describe('missingAnchorHint', () => {
  const dir = folderWith({
    'terms.md': '## Pack file\n\nA file of chunks.\n\n## Retention policy\n\nWhat is kept.\n\n## Content-defined chunking (CDC)\n\nHow files are cut.\n',
  });
  const { site } = siteModelOver(dir);
  const terms = path.join(dir, 'terms.md');

  it('answers each fragment for itself, however often and in whatever order it is asked', () => {
    for (let round = 0; round < 2; round++) {
      expect(missingAnchorHint(site, terms, 'pack-files')).toBe('; did you mean #pack-file?');
      expect(missingAnchorHint(site, terms, 'retention-polcy')).toBe('; did you mean #retention-policy?');
      expect(missingAnchorHint(site, terms, 'content-chunking')).toBe('; did you mean #content-defined-chunking-cdc?');
      expect(missingAnchorHint(site, terms, 'snapshot')).toBe('');
      expect(missingAnchorHint(site, terms, 'pack-file')).toBeUndefined();
    }
  });
});
