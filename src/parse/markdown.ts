import type { Nodes, Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Construct, Extension } from 'micromark-util-types';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { LineIndex } from '../model/line-index.js';

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
export function parseMarkdownSlice(slice: string, base: number, lineIndex: LineIndex): { tree: Root; truncatedAt: number | undefined } {
  const tree = processor.parse(slice);
  let truncatedAt: number | undefined;
  // Iterative on purpose: the tree can be as deep as the input is hostile.
  const stack: Array<{ node: Nodes; depth: number }> = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: Nodes; depth: number };
    const position = node.position;
    if (position) {
      position.start = lineIndex.point((position.start.offset ?? 0) + base);
      position.end = lineIndex.point((position.end.offset ?? 0) + base);
    }
    if (!('children' in node)) continue;
    if (depth >= MAX_NESTING && node.children.length > 0) {
      const first = node.children[0]?.position?.start.offset;
      if (first !== undefined && (truncatedAt === undefined || first + base < truncatedAt)) truncatedAt = first + base;
      node.children = [];
      continue;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
  return { tree, truncatedAt };
}
