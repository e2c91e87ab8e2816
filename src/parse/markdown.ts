import type { Nodes, Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Construct, Extension } from 'micromark-util-types';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { LineIndex } from '../model/line-index.js';
import { fastTree, markdownEvents } from './fast-tree.js';

/**
 * Only container directives (`:::details[Q?]`): text directives would turn ordinary prose such
 * as "ratio 3:abc" or "see Hugo:Docs" into nodes and hide it from every text rule.
 */
function containerDirectivesOnly(): Extension {
  const full = directive();
  const colonConstructs = full.flow?.[58];
  const constructs = (Array.isArray(colonConstructs) ? colonConstructs : [colonConstructs]).filter(
    (construct): construct is Construct => construct !== undefined && construct.concrete === true,
  );
  return { flow: { 58: constructs } };
}

function remarkContainerDirectives(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(containerDirectivesOnly());
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkContainerDirectives).freeze();
const fastTreeExtensions = [containerDirectivesOnly()];

/** Reads a slice of a page as Markdown: see {@link parseMarkdownSlice}. */
export type MarkdownReader = (slice: string, base: number, lineIndex: LineIndex) => { tree: Root; truncatedAt: number | undefined };

/** Deeper nesting than this (10,000 `>` in a row) is cut off, so no walker can overflow the stack. */
export const MAX_NESTING = 256;

/**
 * Parses `slice`, the part of the file that starts at offset `base`, as Markdown and returns its
 * tree with every position made absolute: offsets shifted by `base`, line and column recomputed
 * from the whole file's index. This is what lets faqlint parse a shortcode's inner content on its
 * own (as Hugo renders it) and still report exact positions in the file.
 *
 * `truncatedAt` is the offset of the first node deeper than {@link MAX_NESTING}, whose content
 * was dropped from the tree.
 */
export const parseMarkdownSlice: MarkdownReader = (slice, base, lineIndex) => {
  const tree = processor.parse(slice);
  return { tree, truncatedAt: cutBelowMaxNesting(tree, (node) => {
    const position = node.position;
    if (position) {
      position.start = lineIndex.point((position.start.offset ?? 0) + base);
      position.end = lineIndex.point((position.end.offset ?? 0) + base);
    }
  }) };
};

/**
 * Like {@link parseMarkdownSlice}, but the tree is faqlint's reading tree (see {@link fastTree}):
 * the nodes and fields the document model reads, at a fraction of mdast's cost.
 */
export const readMarkdownFast: MarkdownReader = (slice, base, lineIndex) => {
  const { tree, deepest } = fastTree(markdownEvents(slice, fastTreeExtensions), base, lineIndex);
  return { tree, truncatedAt: deepest > MAX_NESTING ? cutBelowMaxNesting(tree) : undefined };
};

/**
 * Drops the children of nodes {@link MAX_NESTING} deep and returns the (absolute, once `visit`
 * has run) offset of the first node dropped. `visit` sees every node kept, parents first.
 */
function cutBelowMaxNesting(tree: Root, visit?: (node: Nodes) => void): number | undefined {
  let truncatedAt: number | undefined;
  // Iterative on purpose: the tree can be as deep as the input is hostile.
  const stack: Array<{ node: Nodes; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Nodes; depth: number };
    visit?.(node);
    if (!('children' in node)) continue;
    if (depth >= MAX_NESTING && node.children.length > 0) {
      const first = node.children[0];
      if (first) visit?.(first);
      const at = first?.position?.start.offset;
      if (at !== undefined && (truncatedAt === undefined || at < truncatedAt)) truncatedAt = at;
      node.children = [];
      continue;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return truncatedAt;
}
