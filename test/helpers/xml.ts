import { expect } from 'vitest';

/**
 * Enough of an XML well-formedness check: outside CDATA every `<` starts a tag with quoted
 * attributes, every `&` starts an entity or character reference, no raw character XML 1.0
 * forbids, tags balance, one root element.
 */
export function checkWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/, '');
  expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  const stack: string[] = [];
  let roots = 0;
  const token = /<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let index = 0;
  for (let match = token.exec(body); match !== null; match = token.exec(body)) {
    index = token.lastIndex;
    const [whole, closing, name, attributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (stack.length === 0) expect(text.trim()).toBe('');
      expect(text.replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g, '')).not.toContain('&');
      continue;
    }
    if (name === undefined) {
      expect(stack.length, `CDATA outside an element: ${whole}`).toBeGreaterThan(0);
      continue;
    }
    expect((attributes ?? '').replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/g, '')).not.toContain('&');
    if (closing) {
      expect(stack.pop(), `unbalanced </${name}>`).toBe(name);
    } else {
      if (stack.length === 0) roots++;
      if (!selfClosing) stack.push(name);
    }
  }
  expect(index, `unparsable XML at: ${body.slice(index, index + 40)}`).toBe(body.length);
  expect(stack).toEqual([]);
  expect(roots).toBe(1);
}
