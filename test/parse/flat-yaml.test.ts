import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { readFlatYaml, type FlatField, type FlatYaml } from '../../src/parse/flat-yaml.js';
import { parseFrontMatter } from '../../src/parse/front-matter.js';

const SCALE = Math.max(1, Number(process.env.PROPERTY_RUNS_SCALE ?? 1) || 1);
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : Number(process.env.PROPERTY_SEED ?? 20_261_205) | 0;
const runs = (count: number): fc.Parameters<[string]> => ({ numRuns: count * SCALE, ...(SEED === undefined ? {} : { seed: SEED }) });

/** Where a scalar's characters are, as front-matter.ts records them from `yaml`'s nodes. */
function innerOf(node: YamlNode, start: number, end: number): [number, number] | undefined {
  if (!isScalar(node)) return undefined;
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? [start + 1, end - 1] : [start, end];
}

/** What `yaml`, as front-matter.ts calls it, reads from a map of scalars and lists of scalars; undefined for anything else. */
function yamlReading(source: string): FlatYaml | undefined {
  const doc = parseDocument(source, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const fields: FlatField[] = [];
  for (const pair of doc.contents.items) {
    const key = pair.key as YamlNode;
    const value = pair.value as YamlNode | null;
    if (!isScalar(key) || !value || !(isScalar(value) || isSeq(value))) return undefined;
    const [keyStart, keyEnd] = key.range ?? [-1, -1];
    const [valueStart, valueEnd] = value.range ?? [-1, -1];
    const path = [String(key.value)];
    fields.push({ path, keyStart, keyEnd, valueStart, valueEnd, inner: innerOf(value, valueStart, valueEnd) });
    if (!isSeq(value)) continue;
    for (const [index, item] of value.items.entries()) {
      if (!isScalar(item)) return undefined;
      const [start, end] = item.range ?? [-1, -1];
      fields.push({ path: [...path, String(index)], keyStart: start, keyEnd: end, valueStart: start, valueEnd: end, inner: innerOf(item, start, end) });
    }
  }
  return { data: doc.toJS() as Record<string, unknown>, fields };
}

/** Reads as `yaml` does, or not at all. */
function expectAgreement(source: string): FlatYaml | undefined {
  const flat = readFlatYaml(source);
  if (flat) expect(flat, JSON.stringify(source)).toEqual(yamlReading(source));
  return flat;
}

const KEYS = ['title', 'description', 'date', 'draft', 'weight', 'linkTitle', '_build', 'x-y', 'Title', 'on', 'yes', 'y', 'null', 'Null', 'True', 'FALSE', '__proto__', 'constructor', 'toString', 'a1', 'A_b-c'];
/** Values and pieces of values that YAML reads as something other than plain text, or not at all. */
const TRICKY = [
  'true', 'False', 'TRUE', 'tRUE', 'yes', 'no', 'on', 'off', 'null', 'Null', 'NULL', '~', '0', '007', '42', '-5', '+5', '0o17', '0o8', '0x1F', '0xg',
  '1e3', '1E-3', '1.5', '1.', '.5', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '12345678901234567890', '2022-01-16T05:55:53Z', '2023-05-01', '12:30',
  'C# tips', 'a: b', 'a #b', 'a#b', 'a:b', 'ends:', 'x :', '[x, y]', '{a: 1}', 'a [b] {c}, d', '-x', '- x', '--flag', '?x', '? x', ':x', ',x', '"q" x', 'x "q"',
  "it's", "'", '"', '| x', '> x', '&a x', '*a', '!tag x', '%x', '@x', '`x`', 'a\\b', 'a\tb', '\u00a0', 'é', '😀', '\ufeff', '\u0085', '\u2028', '\u0000', '\u007f', '\ud800',
];
const CHARS = [...'aZ09 -:#,[]{}&*!|>\'"%@`?.~+_/\\', '\t', '\u00a0', 'é', 'ß', '😀', '\ufeff', '\u0085', '\u2028', '\u0000', '\u001b', '\ud83d'];

/** Mostly what the reader takes, with now and then one thing that makes it refuse or read otherwise. */
const often = <T>(usual: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ weight: 12, arbitrary: usual }, { weight: 1, arbitrary: rare });
const word = fc.stringMatching(/^[A-Za-z][a-z0-9]{0,7}$/);
const text = often(
  fc.array(often(word, fc.constantFrom(...CHARS)), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(' ')),
  fc.oneof(fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 6 })),
);
const item = fc.oneof(fc.constantFrom(...TRICKY), text, text.map((s) => `"${s}"`), text.map((s) => `'${s}'`));
const list = fc
  .tuple(fc.array(item, { maxLength: 4 }), often(fc.constantFrom(', ', ','), fc.constantFrom(' , ', ' ,', ', ,')), often(fc.constant(''), fc.constantFrom(' ', ',', '  ')))
  .map(([items, comma, pad]) => `[${pad}${items.join(comma)}${pad}]`);
const value = fc.oneof(
  { weight: 2, arbitrary: list },
  { weight: 2, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: text.map((s) => `"${s}"`) },
  { weight: 2, arbitrary: text.map((s) => `'${s}'`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...TRICKY), text).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: fc.tuple(text, fc.constantFrom(...TRICKY)).map(([a, b]) => a + b) },
);
const key = often(fc.oneof(fc.constantFrom(...KEYS), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_-]{0,8}$/)), text);
const fieldLine = fc
  .tuple(key, often(fc.constantFrom(': ', ':   '), fc.constantFrom(':', ':\t', ' : ', ': \t')), value, often(fc.constant(''), fc.constantFrom(' ', '\t', ' # note', '#x')))
  .map(([k, colon, v, tail]) => k + colon + v + tail);
const line = often(fieldLine, fc.constantFrom('', '', ' ', '# comment', '  nested: x', '- item', 'list:', '  - a', 'key: |', '  block', '...', '---', '%YAML 1.2'));
const block = fc.tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([lines, eol, last]) => lines.join(eol) + (last ? eol : ''));

describe('flat front matter (flat-yaml.ts) against yaml', () => {
  it('reads every block it takes as yaml does: values, keys and source ranges', () => {
    fc.assert(fc.property(block, (source) => void expectAgreement(source)), runs(3000));
  });

  it('takes the common front matter: quoted and plain text, dates, booleans, integers, one-line lists, blank lines, CRLF', () => {
    const source = 'title: "How do I restore a snapshot?"\ndescription: Answers to the questions we hear most.\ndate: 2022-01-16T05:55:53Z\nweight: 280\ndraft: false\ntoc: True\nlinkTitle: \'FAQ: restores\'\n\nslug: faq-restores-é-😀\nimages: []\naliases: ["/old/", \'/older/\', oldest page, true]\n';
    const flat = expectAgreement(source);
    expect(flat?.data).toEqual({ title: 'How do I restore a snapshot?', description: 'Answers to the questions we hear most.', date: '2022-01-16T05:55:53Z', weight: 280, draft: false, toc: true, linkTitle: 'FAQ: restores', slug: 'faq-restores-é-😀', images: [], aliases: ['/old/', '/older/', 'oldest page', true] });
    expect(expectAgreement(source.replaceAll('\n', '\r\n'))?.data).toEqual(flat?.data);
  });

  it.each([
    ['a list in a list', 'tags: [a, [b]]\n'],
    ['a map in a list', 'tags: [a, {b: c}]\n'],
    ['a list with a number in it', 'tags: [a, 1.5]\n'],
    ['a block list', 'tags:\n  - a\n'],
    ['nesting', 'params:\n  lead: x\n'],
    ['a comment', 'title: x # note\n'],
    ['an escape', 'title: "a\\"b"\n'],
    ['a doubled single quote', "title: 'it''s'\n"],
    ['a null', 'title: ~\n'],
    ['an empty value', 'title:\n'],
    ['a float', 'weight: 1.5\n'],
    ['a signed integer', 'weight: -5\n'],
    ['a hexadecimal integer', 'weight: 0x1F\n'],
    ['a duplicate key', 'title: a\ntitle: b\n'],
    ['a key YAML reads as a boolean', 'true: x\n'],
    ['a tab', 'title:\tx\n'],
    ['trailing spaces', 'title: x \n'],
    ['a multi-line plain value', 'title: a\n  b\n'],
    ['an anchor', 'title: &a x\n'],
    ['a block scalar', 'title: |\n  x\n'],
    ['nothing', ''],
  ])('leaves %s to yaml', (_name, source) => {
    expect(readFlatYaml(source)).toBeUndefined();
  });

  it('gives parseFrontMatter the entries yaml gives it', () => {
    const text = '---\r\ntitle: "Q?"\r\ndraft: true\r\nweight: 3\r\ntags: [a, "b"]\r\n---\r\nBody\r\n';
    const { frontMatter, errors } = parseFrontMatter(text);
    expect(errors).toEqual([]);
    expect(frontMatter?.data).toEqual({ title: 'Q?', draft: true, weight: 3, tags: ['a', 'b'] });
    const inner = (start: number | undefined, end: number | undefined): string | undefined => (start === undefined ? undefined : text.slice(start, end));
    expect(frontMatter?.entries.map((entry) => [entry.path.join('.'), text.slice(entry.keyStart, entry.keyEnd), text.slice(entry.valueStart, entry.valueEnd), inner(entry.innerStart, entry.innerEnd), entry.value])).toEqual([
      ['title', 'title', '"Q?"', 'Q?', 'Q?'],
      ['draft', 'draft', 'true', 'true', true],
      ['weight', 'weight', '3', '3', 3],
      ['tags', 'tags', '[a, "b"]', undefined, ['a', 'b']],
      ['tags.0', 'a', 'a', 'a', 'a'],
      ['tags.1', '"b"', '"b"', 'b', 'b'],
    ]);
  });
});
