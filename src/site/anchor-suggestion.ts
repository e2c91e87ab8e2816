import { headingId, type HeadingIdStyle } from './heading-ids.js';
import type { PageAnchors, SiteModel } from './site-model.js';
import { editDistance } from '../text/edit-distance.js';


/** Auto ID a heading's text would have → the ID it really has (they differ for custom `{#id}`s). */
export function headingSlugMap(list: ReadonlyArray<{ id: string; text: string }>, style: HeadingIdStyle): Map<string, string> {
  const map = new Map<string, string>();
  for (const anchor of list) {
    const slug = headingId(anchor.text, style);
    if (slug !== anchor.id && !map.has(slug)) map.set(slug, anchor.id);
  }
  return map;
}

/**
 * The closest existing anchor, when one is close enough to be what the writer meant. An anchor
 * whose heading text would give exactly the wanted ID (a heading with a custom `{#id}`) wins.
 */
export function closestAnchor(wanted: string, anchors: readonly string[], headingSlugs: ReadonlyMap<string, string> = new Map()): string | undefined {
  const byHeading = headingSlugs.get(wanted);
  if (byHeading !== undefined) return byHeading;
  const lowerWanted = wanted.toLowerCase();
  const wantedWords = lowerWanted.split('-').filter((word) => word !== '');
  let best: { id: string; score: number } | undefined;
  for (const id of anchors) {
    const lowerId = id.toLowerCase();
    const words = new Set(lowerId.split('-'));
    // Close by spelling, or every word of the link is in the anchor ("content-chunking" → "content-defined-chunking-cdc").
    const containsWords = wantedWords.length > 0 && wantedWords.every((word) => words.has(word));
    const closeEnough = Math.max(2, Math.floor(Math.max(wanted.length, id.length) * 0.34));
    // Strings further apart in length than that are further apart in spelling too: no distance to work out.
    if (!containsWords && Math.abs(lowerWanted.length - lowerId.length) > closeEnough) continue;
    const distance = editDistance(lowerWanted, lowerId);
    const closeSpelling = distance <= closeEnough;
    if (!closeSpelling && !containsWords) continue;
    const score = closeSpelling ? distance : 100 + distance;
    if (!best || score < best.score) best = { id, score };
  }
  return best?.id;
}

/**
 * What suggestions for a page's missing fragments are worked out from, made once per page, and
 * each fragment's suggestion: many pages link to a popular page (the glossary) with the same
 * mistyped fragment, and each suggestion compares it with every anchor of that page.
 */
interface SuggestionsForPage {
  ids: string[];
  headingSlugs: Map<string, string>;
  byFragment: Map<string, string | undefined>;
}

/**
 * By page: anchors come from {@link SiteModel.anchorsOf}, which made their IDs in its site's one
 * heading ID style, so the style the slugs are made in is always that one.
 */
const suggestionsByPage = new WeakMap<PageAnchors, SuggestionsForPage>();

/** "did you mean #…?" for a fragment missing on a page, or undefined when nothing is close. */
function suggestAnchor(wanted: string, anchors: PageAnchors, style: HeadingIdStyle): string | undefined {
  let page = suggestionsByPage.get(anchors);
  if (!page) suggestionsByPage.set(anchors, (page = { ids: [...anchors.ids], headingSlugs: headingSlugMap(anchors.list, style), byFragment: new Map() }));
  if (!page.byFragment.has(wanted)) page.byFragment.set(wanted, closestAnchor(wanted, page.ids, page.headingSlugs));
  return page.byFragment.get(wanted);
}

/**
 * Checks that `fragment` is an anchor of the page `file`. Returns undefined when it is (or the
 * page cannot be read), else the hint for the message: "; did you mean #x?" or "".
 */
export function missingAnchorHint(site: SiteModel, file: string, fragment: string): string | undefined {
  const anchors = site.anchorsOf(file);
  if (!anchors || anchors.ids.has(fragment)) return undefined;
  const suggestion = suggestAnchor(fragment, anchors, site.headingIdStyle);
  return suggestion ? `; did you mean #${suggestion}?` : '';
}
