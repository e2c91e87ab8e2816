import { createRequire } from 'node:module';
import type FastLevenshtein from 'fast-levenshtein';

// fast-levenshtein builds an Intl.Collator when it loads (~15 ms): load it on the first distance
// asked for, so a run replayed from the cache never pays for it. It ships CommonJS, so this is sync.
const loadCommonJs = createRequire(import.meta.url);
let library: typeof FastLevenshtein | undefined;

/** Levenshtein distance between two strings, in UTF-16 code units. */
export function editDistance(a: string, b: string): number {
  library ??= loadCommonJs('fast-levenshtein') as typeof FastLevenshtein;
  return library.get(a, b);
}
