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
  const { text: _text, ...rest } = document;
  return JSON.parse(JSON.stringify({ ...rest, textRuns: document.textRuns.map(({ offsets, ...run }) => ({ ...run, start: document.lineIndex.point(offsets[0] ?? run.endOffset) })) }, replacer));
}
