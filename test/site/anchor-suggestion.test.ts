import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestAnchor, missingAnchorHint } from '../../src/site/anchor-suggestion.js';
import { editDistance } from '../../src/text/edit-distance.js';
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

/** closestAnchor as first written: the distance to every anchor worked out. */
function closestByEveryDistance(wanted: string, anchors: readonly string[]): string | undefined {
  const wantedWords = wanted.toLowerCase().split('-').filter((word) => word !== '');
  let best: { id: string; score: number } | undefined;
  for (const id of anchors) {
    const distance = editDistance(wanted.toLowerCase(), id.toLowerCase());
    const words = new Set(id.toLowerCase().split('-'));
    const closeSpelling = distance <= Math.max(2, Math.floor(Math.max(wanted.length, id.length) * 0.34));
    const containsWords = wantedWords.length > 0 && wantedWords.every((word) => words.has(word));
    if (!closeSpelling && !containsWords) continue;
    const score = closeSpelling ? distance : 100 + distance;
    if (!best || score < best.score) best = { id, score };
  }
  return best?.id;
}

describe('closestAnchor', () => {
  it('finds the anchor that working out every distance finds', () => {
    const word = fc.oneof(fc.constantFrom('pack', 'file', 'files', 'retention', 'policy', 'cdc', 'chunk', 'İd', 'ß'), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'İ', 'K'), minLength: 1, maxLength: 5 }));
    const anchor = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join('-'));
    fc.assert(
      fc.property(anchor, fc.array(anchor, { maxLength: 8 }), (wanted, anchors) => closestAnchor(wanted, anchors) === closestByEveryDistance(wanted, anchors)),
      { numRuns: 3000, seed: 20_261_205 },
    );
  });
});
