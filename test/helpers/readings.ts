import type { Nodes } from 'mdast';
import type { FaqDocument } from '../../src/model/types.js';

/** Everything a document's model holds but its trees, as one comparable string. */
export function modelOf(document: FaqDocument): string {
  const { text: _text, lineIndex: _lineIndex, tree: _tree, ...rest } = { ...document };
  return JSON.stringify({
    ...rest,
    blocks: document.blocks.map(({ node: _node, ...block }) => block),
    textRuns: document.textRuns.map((run) => ({ ...run, offsets: Array.from(run.offsets) })),
  });
}

/**
 * What faqlint's reading tree keeps of nodes (fast-tree.ts), as plain data to compare with mdast's.
 * Not a root: the document makes its own, and nothing reads the reading tree's root.
 */
export function readingOf(nodes: readonly Nodes[]): unknown {
  return nodes.map(readingOfNode);
}

function readingOfNode(node: Nodes): unknown {
  const kept: Record<string, unknown> = { type: node.type, at: [node.position?.start.offset, node.position?.end.offset] };
  if ('value' in node && node.type !== 'code') kept.value = node.value;
  if ('url' in node) kept.url = node.url;
  if ('alt' in node && node.alt !== null) kept.alt = node.alt;
  if ('depth' in node) kept.depth = node.depth;
  if (node.type === 'containerDirective') {
    kept.name = node.name;
    kept.attributes = node.attributes;
  }
  if (node.data && 'directiveLabel' in node.data) kept.label = true;
  if ('children' in node) kept.children = node.children.map(readingOfNode);
  return kept;
}
