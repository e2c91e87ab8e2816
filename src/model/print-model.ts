import type { FaqDocument } from './types.js';

/**
 * The document model as plain JSON for `--print-model`: the tree with positions, and the derived
 * facts rules read. Back-references (a block's node, the node's block) are left out so it is a tree.
 */
export function modelToJson(document: FaqDocument): unknown {
  const replacer = (key: string, value: unknown): unknown => {
    if (key === 'node' || key === 'lineIndex' || key === 'faqSource') return undefined;
    if (key === 'faq' && value && typeof value === 'object') return { index: (value as { index: number }).index };
    if (value instanceof Int32Array) return undefined;
    return value;
  };
  // The tree is named: a parsed page builds it when first read, and a copy of the page's fields leaves it out.
  const { text: _text, ...rest } = document;
  return JSON.parse(JSON.stringify({ ...rest, tree: document.tree, textRuns: document.textRuns.map(({ offsets, ...run }) => ({ ...run, start: document.lineIndex.point(offsets[0] ?? run.endOffset) })) }, replacer));
}
