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

/**
 * Parses `slice`, the part of the file that starts at offset `base`, as Markdown and returns its
 * tree with every position made absolute: offsets shifted by `base`, line and column recomputed
 * from the whole file's index. This is what lets faqlint parse a shortcode's inner content on its
 * own (as Hugo renders it) and still report exact positions in the file.
 */
export function parseMarkdownSlice(slice: string, base: number, lineIndex: LineIndex): Root {
  const tree = processor.parse(slice);
  rebasePositions(tree, base, lineIndex);
  return tree;
}

function rebasePositions(node: Nodes, base: number, lineIndex: LineIndex): void {
  const position = node.position;
  if (position) {
    position.start = lineIndex.point((position.start.offset ?? 0) + base);
    position.end = lineIndex.point((position.end.offset ?? 0) + base);
  }
  if ('children' in node) {
    for (const child of node.children) rebasePositions(child, base, lineIndex);
  }
}
