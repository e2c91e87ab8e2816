import type { Html, Nodes, Root } from 'mdast';
import type { Region } from './regions.js';

interface OpenDetails {
  start: number;
  tagEnd: number;
  summary: { innerStart: number; innerEnd: number | undefined; end: number | undefined } | undefined;
  /** Set once content other than the summary has started, so a later <summary> is not the title. */
  bodyStarted: boolean;
}

export interface HtmlDetailsScan {
  regions: Region[];
  problems: Array<{ message: string; start: number; end: number }>;
}

const TAG = /<(\/?)(details|summary)(?=[\s>/])[^>]*>/gi;

function htmlNodes(tree: Root): Html[] {
  const found: Html[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'html') found.push(node);
    else if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return found;
}

/** Plain text of a `<summary>`'s content: tags dropped, common entities decoded, whitespace collapsed. */
export function summaryText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Finds `<details><summary>Q?</summary> … </details>` across the HTML nodes of one parsed level.
 * CommonMark splits such a block into several HTML nodes around blank lines, so the tags are
 * matched across nodes. Blocks nested in another block's answer are returned too, after the
 * block around them. `masked` is the level's text, which starts at file offset `base`.
 */
export function findHtmlDetails(tree: Root, masked: string, base: number): HtmlDetailsScan {
  const regions: Region[] = [];
  const problems: HtmlDetailsScan['problems'] = [];
  const stack: OpenDetails[] = [];
  for (const node of htmlNodes(tree)) {
    const nodeStart = node.position?.start.offset ?? 0;
    const nodeEnd = node.position?.end.offset ?? nodeStart;
    const source = masked.slice(nodeStart - base, nodeEnd - base);
    TAG.lastIndex = 0;
    for (let match = TAG.exec(source); match; match = TAG.exec(source)) {
      const tagStart = nodeStart + match.index;
      const tagEnd = tagStart + match[0].length;
      const closing = match[1] === '/';
      const isDetails = (match[2] as string).toLowerCase() === 'details';
      const top = stack[stack.length - 1];
      if (isDetails && !closing) {
        if (top) top.bodyStarted = true;
        stack.push({ start: tagStart, tagEnd, summary: undefined, bodyStarted: false });
      } else if (isDetails) {
        const open = stack.pop();
        if (!open) {
          problems.push({ message: 'Closing </details> has no opening <details>', start: tagStart, end: tagEnd });
          continue;
        }
        const summary = open.summary;
        const question =
          summary?.innerEnd !== undefined
            ? { text: summaryText(masked.slice(summary.innerStart - base, summary.innerEnd - base)), start: summary.innerStart, end: summary.innerEnd }
            : undefined;
        // Sorted by start: an outer block opens before the blocks in its answer.
        const at = regions.findIndex((known) => known.start > open.start);
        regions.splice(at === -1 ? regions.length : at, 0, {
          kind: 'qa',
          syntax: 'html',
          name: 'details',
          start: open.start,
          end: tagEnd,
          innerStart: summary?.end ?? open.tagEnd,
          innerEnd: tagStart,
          question,
          lang: undefined,
        });
      } else if (top && !closing && !top.summary && !top.bodyStarted) {
        top.summary = { innerStart: tagEnd, innerEnd: undefined, end: undefined };
      } else if (top?.summary && closing && top.summary.end === undefined) {
        top.summary.innerEnd = tagStart;
        top.summary.end = tagEnd;
        top.bodyStarted = true;
      }
    }
  }
  for (const open of stack) {
    problems.push({ message: '<details> is never closed with </details>', start: open.start, end: open.tagEnd });
  }
  return { regions, problems };
}
