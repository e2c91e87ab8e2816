import type { ShortcodeTag } from './shortcodes.js';

/** An opening tag with the tag that closes it. */
export interface ShortcodePair {
  open: ShortcodeTag;
  close: ShortcodeTag;
}

export interface ShortcodePairing {
  pairs: ShortcodePair[];
  /** Tags that stand alone: self-closing tags and opening tags of shortcodes without inner content. */
  standalone: ShortcodeTag[];
  problems: Array<{ message: string; start: number; end: number }>;
}

function describe(tag: ShortcodeTag): string {
  return tag.delimiter === '<' ? `{{< ${tag.name} >}}` : `{{% ${tag.name} %}}`;
}

/**
 * Pairs opening and closing tags as Hugo does: a closing tag closes the nearest open shortcode of
 * its name. Whether a shortcode takes inner content is decided by its template in Hugo; faqlint
 * has no templates, so it knows it for the configured block names (which must be closed) and
 * otherwise infers it from a matching closing tag.
 */
export function pairShortcodes(tags: readonly ShortcodeTag[], mustClose: ReadonlySet<string>): ShortcodePairing {
  const pairs: ShortcodePair[] = [];
  const standalone: ShortcodeTag[] = [];
  const problems: ShortcodePairing['problems'] = [];
  const stack: ShortcodeTag[] = [];

  const abandon = (tag: ShortcodeTag): void => {
    if (mustClose.has(tag.name)) {
      problems.push({
        message: `Shortcode ${describe(tag)} is never closed (expected {{${tag.delimiter} /${tag.name} ${tag.delimiter === '<' ? '>' : '%'}}})`,
        start: tag.start,
        end: tag.end,
      });
    }
    standalone.push(tag);
  };

  for (const tag of tags) {
    if (tag.kind === 'self-closing') {
      standalone.push(tag);
    } else if (tag.kind === 'open') {
      stack.push(tag);
    } else {
      let depth = stack.length - 1;
      while (depth >= 0 && (stack[depth] as ShortcodeTag).name !== tag.name) depth--;
      if (depth < 0) {
        const top = stack[stack.length - 1];
        const hint = top && mustClose.has(top.name) ? `; the open shortcode here is ${describe(top)}` : '';
        problems.push({ message: `Closing shortcode {{${tag.delimiter} /${tag.name} }} has no opening tag${hint}`, start: tag.start, end: tag.end });
        continue;
      }
      while (stack.length - 1 > depth) abandon(stack.pop() as ShortcodeTag);
      const open = stack.pop() as ShortcodeTag;
      if (open.delimiter !== tag.delimiter) {
        problems.push({
          message: `Shortcode ${describe(open)} is closed with the other delimiter ({{${tag.delimiter} /${tag.name} }})`,
          start: tag.start,
          end: tag.end,
        });
      }
      pairs.push({ open, close: tag });
    }
  }
  for (const open of stack) abandon(open);
  standalone.sort((a, b) => a.start - b.start);
  pairs.sort((a, b) => a.open.start - b.open.start);
  return { pairs, standalone, problems };
}
