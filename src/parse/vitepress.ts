import type { Region } from './regions.js';

const OPENER = /^[ \t]{0,3}(:{3,})[ \t]*([A-Za-z][\w-]*)[ \t]*(.*?)[ \t]*$/;
const CLOSER = /^[ \t]{0,3}(:{3,})[ \t]*$/;

export interface VitepressScan {
  regions: Region[];
  problems: Array<{ message: string; start: number; end: number }>;
}

/**
 * Finds VitePress/VuePress custom containers `::: details Title` … `:::` (markdown-it-container
 * syntax, which micromark's directive extension does not read because of the space after the
 * colons). `masked` is one parsed level's text, starting at file offset `base`. Lines inside `skip` ranges (code blocks) are not looked at. Only outermost details
 * containers are returned; other container kinds (tip, warning) are only tracked for nesting.
 */
export function findVitepressContainers(
  masked: string,
  base: number,
  skip: ReadonlyArray<{ start: number; end: number }>,
  blockNames: ReadonlySet<string>,
): VitepressScan {
  const regions: Region[] = [];
  const problems: VitepressScan['problems'] = [];
  // Every opener and closer has three colons in a row: most pages have none to look at line by line.
  if (!masked.includes(':::')) return { regions, problems };
  const stack: Array<{ name: string; start: number; lineEnd: number; colons: number; title: { text: string; start: number; end: number } }> = [];
  const end = masked.length;
  let lineStart = 0;
  while (lineStart < end) {
    let lineEnd = lineStart;
    while (lineEnd < end && masked[lineEnd] !== '\n' && masked[lineEnd] !== '\r') lineEnd++;
    const next = masked[lineEnd] === '\r' && masked[lineEnd + 1] === '\n' ? lineEnd + 2 : lineEnd + 1;
    const inCode = skip.some((range) => lineStart + base >= range.start && lineStart + base < range.end);
    if (!inCode) {
      const line = masked.slice(lineStart, lineEnd);
      const opener = line.includes(' ') || line.includes('\t') ? OPENER.exec(line) : null;
      const closer = CLOSER.exec(line);
      if (opener && /^[ \t]{0,3}:{3,}[ \t]+/.test(line)) {
        const name = (opener[2] as string).toLowerCase();
        const titleText = opener[3] as string;
        const titleStart = base + lineStart + line.lastIndexOf(titleText, line.length);
        stack.push({
          name,
          start: base + lineStart,
          lineEnd: base + Math.min(next, end),
          colons: (opener[1] as string).length,
          title: { text: titleText, start: titleStart, end: titleStart + titleText.length },
        });
      } else if (closer && stack.length > 0) {
        const open = stack.pop()!;
        if (stack.length === 0 && blockNames.has(open.name)) {
          regions.push({
            kind: 'qa',
            syntax: 'vitepress',
            name: open.name,
            start: open.start,
            end: base + lineEnd,
            innerStart: Math.min(open.lineEnd, base + lineStart),
            innerEnd: base + lineStart,
            question: open.title.text === '' ? undefined : open.title,
            lang: undefined,
          });
        }
      }
    }
    lineStart = next;
  }
  for (const open of stack) {
    if (blockNames.has(open.name)) {
      problems.push({ message: `"::: ${open.name}" container is never closed with :::`, start: open.start, end: open.title.end });
    }
  }
  return { regions, problems };
}
