import { describe, expect, it } from 'vitest';
import { parseFrontMatter, type FrontMatterEntry, type FrontMatterResult } from '../../src/parse/front-matter.js';

/** 1-based line of an offset, counting LF, CRLF and CR-only breaks. */
function lineOf(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

function entry(result: FrontMatterResult, ...path: string[]): FrontMatterEntry {
  const found = result.frontMatter?.entries.find((e) => e.path.join('\u0000') === path.join('\u0000'));
  if (!found) throw new Error(`no entry ${path.join('.')}`);
  return found;
}

function paths(result: FrontMatterResult): string[] {
  return result.frontMatter?.entries.map((e) => e.path.join('.')) ?? [];
}

/** Asserts key and value offsets against the text, found with indexOf from `from`. */
function expectAt(text: string, e: FrontMatterEntry, key: string, value: string, from = 0): void {
  const keyStart = text.indexOf(key, from);
  const valueStart = text.indexOf(value, keyStart + key.length);
  expect(keyStart).toBeGreaterThanOrEqual(0);
  expect(valueStart).toBeGreaterThanOrEqual(0);
  expect([e.keyStart, e.keyEnd, e.valueStart, e.valueEnd]).toEqual([keyStart, keyStart + key.length, valueStart, valueStart + value.length]);
}

const none = { frontMatter: undefined, bodyStart: 0, errors: [] };

describe('YAML front matter', () => {
  const text = [
    '---',
    'title: "Passkeys FAQ"',
    "description: ''",
    'draft: true',
    'date: 2024-03-05T10:00:00Z',
    'tags: [passkeys, webauthn]',
    'images:',
    '  - /images/faq-cover.png',
    'params:',
    '  lead: Answers to the questions we hear most.',
    '  weight: 10',
    '---',
    '',
    '## What is a passkey?',
    '',
    'A passkey replaces a password.',
    '',
    '---',
    '',
    'draft: this is body text, not front matter',
    '',
  ].join('\n');
  const result = parseFrontMatter(text);
  const close = text.indexOf('\n---\n') + 1;

  it('finds the block, its content and the body start', () => {
    expect(result.errors).toEqual([]);
    const fm = result.frontMatter!;
    expect(fm.format).toBe('yaml');
    expect([fm.start, fm.end, fm.contentStart, fm.contentEnd]).toEqual([0, close + 3, 4, close]);
    expect(result.bodyStart).toBe(close + 4);
    expect(text.slice(result.bodyStart)).toMatch(/^\n## What is a passkey\?/);
  });

  it('parses the data', () => {
    expect(result.frontMatter!.data).toEqual({
      title: 'Passkeys FAQ',
      description: '',
      draft: true,
      date: expect.anything(),
      tags: ['passkeys', 'webauthn'],
      images: ['/images/faq-cover.png'],
      params: { lead: 'Answers to the questions we hear most.', weight: 10 },
    });
  });

  it('lists every key at every depth in source order', () => {
    expect(paths(result)).toEqual([
      'title', 'description', 'draft', 'date', 'tags', 'tags.0', 'tags.1',
      'images', 'images.0', 'params', 'params.lead', 'params.weight',
    ]);
  });

  it('gives exact key, value and inner offsets', () => {
    const title = entry(result, 'title');
    expectAt(text, title, 'title', '"Passkeys FAQ"');
    expect(text.slice(title.innerStart, title.innerEnd)).toBe('Passkeys FAQ');
    expect(title.value).toBe('Passkeys FAQ');

    const draft = entry(result, 'draft');
    expectAt(text, draft, 'draft', 'true');
    expect([draft.innerStart, draft.innerEnd, draft.value]).toEqual([draft.valueStart, draft.valueEnd, true]);

    const description = entry(result, 'description');
    const quotes = text.indexOf("''");
    expect([description.valueStart, description.valueEnd]).toEqual([quotes, quotes + 2]);
    expect([description.innerStart, description.innerEnd, description.value]).toEqual([quotes + 1, quotes + 1, '']);

    const tag = entry(result, 'tags', '1');
    const webauthn = text.indexOf('webauthn');
    expect([tag.keyStart, tag.keyEnd, tag.valueStart, tag.valueEnd, tag.value]).toEqual([webauthn, webauthn + 8, webauthn, webauthn + 8, 'webauthn']);

    const image = entry(result, 'images', '0');
    expect(text.slice(image.keyStart, image.keyEnd)).toBe('/images/faq-cover.png');
    expect(text.slice(image.valueStart, image.valueEnd)).toBe('/images/faq-cover.png');

    expectAt(text, entry(result, 'params', 'lead'), 'lead', 'Answers to the questions we hear most.');
    expectAt(text, entry(result, 'params', 'weight'), 'weight', '10');
    const params = entry(result, 'params');
    expect(params.innerStart).toBeUndefined();
    expect(params.value).toEqual({ lead: 'Answers to the questions we hear most.', weight: 10 });
  });

  it('keeps a quoted "true" as a string', () => {
    const r = parseFrontMatter('---\ndraft: "true"\n---\n');
    const draft = entry(r, 'draft');
    expectAt('---\ndraft: "true"\n---\n', draft, 'draft', '"true"');
    expect([draft.value, draft.innerStart, draft.innerEnd]).toEqual(['true', 12, 16]);
  });

  it('gives a block scalar its characters from the line after the header', () => {
    const src = '---\nsummary: |\n  Short answer.\n---\n';
    const summary = entry(parseFrontMatter(src), 'summary');
    expect(src.slice(summary.innerStart, summary.innerEnd)).toBe('  Short answer.\n');
    expect(summary.value).toBe('Short answer.\n');
  });

  it('accepts trailing spaces on delimiters and ... as closer', () => {
    const src = '---  \ntitle: FAQ\n...\t\nBody\n';
    const r = parseFrontMatter(src);
    expect(r.errors).toEqual([]);
    expect(r.frontMatter!.data).toEqual({ title: 'FAQ' });
    expect(r.bodyStart).toBe(src.indexOf('Body'));
  });

  it('handles an empty block', () => {
    const r = parseFrontMatter('---\n---\n# FAQ\n');
    expect(r.errors).toEqual([]);
    expect(r.frontMatter).toMatchObject({ format: 'yaml', contentStart: 4, contentEnd: 4, data: {}, entries: [] });
    expect(r.bodyStart).toBe(8);
  });

  it('reports a top-level list as an error', () => {
    const src = '---\n- one\n- two\n---\n';
    const r = parseFrontMatter(src);
    expect(r.frontMatter!.data).toEqual({});
    expect(r.errors).toEqual([{ message: expect.stringMatching(/^Invalid YAML front matter: /), start: 4, end: src.indexOf('---', 4) }]);
  });
});

describe('TOML front matter', () => {
  const text = [
    '+++',
    "title = 'Passkeys FAQ'",
    'draft = true',
    'date = 2024-03-05',
    'tags = ["passkeys", "webauthn"]',
    'build = { list = "never" }',
    '',
    '[params]',
    'lead = """',
    'Answers to the questions we hear most."""',
    'weight = 10',
    '',
    '[[faq]]',
    'question = "What is a passkey?"',
    '[[faq]]',
    'question = "Can I sync passkeys?"',
    '+++',
    'Body',
  ].join('\n');
  const result = parseFrontMatter(text);

  it('finds the block and parses the data', () => {
    expect(result.errors).toEqual([]);
    const fm = result.frontMatter!;
    const close = text.indexOf('+++', 3);
    expect([fm.format, fm.start, fm.end, fm.contentStart, fm.contentEnd]).toEqual(['toml', 0, close + 3, 4, close]);
    expect(result.bodyStart).toBe(text.indexOf('Body'));
    expect(fm.data).toMatchObject({
      title: 'Passkeys FAQ',
      draft: true,
      tags: ['passkeys', 'webauthn'],
      build: { list: 'never' },
      params: { lead: 'Answers to the questions we hear most.', weight: 10 },
      faq: [{ question: 'What is a passkey?' }, { question: 'Can I sync passkeys?' }],
    });
    expect(fm.data['date']).toBeDefined();
  });

  it('lists keys, tables and array-of-tables items in source order', () => {
    expect(paths(result)).toEqual([
      'title', 'draft', 'date', 'tags', 'tags.0', 'tags.1', 'build', 'build.list',
      'params', 'params.lead', 'params.weight',
      'faq', 'faq.0', 'faq.0.question', 'faq.1', 'faq.1.question',
    ]);
  });

  it('gives exact offsets', () => {
    const title = entry(result, 'title');
    expectAt(text, title, 'title', "'Passkeys FAQ'");
    expect(text.slice(title.innerStart, title.innerEnd)).toBe('Passkeys FAQ');
    expectAt(text, entry(result, 'draft'), 'draft', 'true');
    expect(entry(result, 'draft').value).toBe(true);
    expectAt(text, entry(result, 'build', 'list'), 'list', '"never"');

    const params = entry(result, 'params');
    const header = text.indexOf('[params]');
    expect([params.keyStart, params.keyEnd, params.valueStart]).toEqual([header + 1, header + 7, header]);
    const lead = entry(result, 'params', 'lead');
    expectAt(text, lead, 'lead', '"""\nAnswers to the questions we hear most."""');
    expect(text.slice(lead.innerStart, lead.innerEnd)).toBe('Answers to the questions we hear most.');

    const second = text.lastIndexOf('[[faq]]');
    const item = entry(result, 'faq', '1');
    expect([item.keyStart, item.valueStart]).toEqual([second, second]);
    expectAt(text, entry(result, 'faq', '1', 'question'), 'question', '"Can I sync passkeys?"', second);
  });

  it('gives dotted keys each part', () => {
    const src = '+++\nparams.lead = "Quick answers"\n+++\n';
    const r = parseFrontMatter(src);
    expect(paths(r)).toEqual(['params', 'params.lead']);
    expect(entry(r, 'params').keyStart).toBe(4);
    expectAt(src, entry(r, 'params', 'lead'), 'lead', '"Quick answers"');
  });
});

describe('JSON front matter', () => {
  const text = [
    '{',
    '  "title": "Passkeys FAQ",',
    '  "draft": true,',
    '  "aliases": ["/faq/", "/help/"],',
    '  "params": { "lead": "Answers {with} braces }" }',
    '}',
    '',
    'Body',
  ].join('\n');
  const result = parseFrontMatter(text);

  it('matches braces outside strings', () => {
    expect(result.errors).toEqual([]);
    const fm = result.frontMatter!;
    const close = text.lastIndexOf('}') + 1;
    expect([fm.format, fm.start, fm.end, fm.contentStart, fm.contentEnd]).toEqual(['json', 0, close, 0, close]);
    expect(result.bodyStart).toBe(close + 1);
    expect(fm.data).toEqual({ title: 'Passkeys FAQ', draft: true, aliases: ['/faq/', '/help/'], params: { lead: 'Answers {with} braces }' } });
  });

  it('gives exact offsets', () => {
    expect(paths(result)).toEqual(['title', 'draft', 'aliases', 'aliases.0', 'aliases.1', 'params', 'params.lead']);
    expectAt(text, entry(result, 'draft'), '"draft"', 'true');
    expect(entry(result, 'draft').value).toBe(true);
    const title = entry(result, 'title');
    expectAt(text, title, '"title"', '"Passkeys FAQ"');
    expect(text.slice(title.innerStart, title.innerEnd)).toBe('Passkeys FAQ');
    const help = entry(result, 'aliases', '1');
    expect([help.keyStart, help.valueStart, help.value]).toEqual([text.indexOf('"/help/"'), text.indexOf('"/help/"'), '/help/']);
  });

  it('does not take a shortcode at the start for JSON', () => {
    expect(parseFrontMatter('{{< details summary="What is a passkey?" >}}\nA credential.\n{{< /details >}}\n')).toEqual(none);
    expect(parseFrontMatter('\n{{% notice note %}}\nHi\n{{% /notice %}}\n')).toEqual(none);
  });

  it('reports the first JSON error where the parser points', () => {
    const src = '{\n  "title": "FAQ",\n  "draft": tru\n}\nBody\n';
    const r = parseFrontMatter(src);
    expect(r.frontMatter).toMatchObject({ format: 'json', data: {}, entries: [] });
    expect(r.errors).toEqual([{ message: 'Invalid JSON front matter: unexpected character', start: src.indexOf('tru'), end: src.indexOf('tru') + 3 }]);
    expect(r.bodyStart).toBe(src.indexOf('Body'));
  });

  it('reports an unbalanced object and lints the rest as body', () => {
    const src = '{\n  "title": "FAQ"\n\n## Question\n';
    expect(parseFrontMatter(src)).toEqual({
      frontMatter: undefined, bodyStart: 2, errors: [{ message: 'front matter starting at line 1 is not closed with }', start: 0, end: 1 }],
    });
  });
});

describe('detection', () => {
  it('returns nothing for an empty or blank file', () => {
    expect(parseFrontMatter('')).toEqual(none);
    expect(parseFrontMatter('\n  \n')).toEqual(none);
  });

  it('returns nothing when the page has no front matter, even with --- later', () => {
    expect(parseFrontMatter('# FAQ\n\nIntro.\n\n---\n\ntitle: not front matter\n---\n')).toEqual(none);
    expect(parseFrontMatter('----\ntitle: x\n----\n')).toEqual(none);
    expect(parseFrontMatter('--- title: x\n---\n')).toEqual(none);
  });

  it('allows blank lines before the opening delimiter', () => {
    const src = '\n\n---\ndraft: true\n---\nBody';
    const r = parseFrontMatter(src);
    expect(r.frontMatter).toMatchObject({ start: 2, contentStart: 6, data: { draft: true } });
    expectAt(src, entry(r, 'draft'), 'draft', 'true');
    expect(r.bodyStart).toBe(src.indexOf('Body'));
  });

  it.each([['CRLF', '\r\n'], ['CR-only', '\r']])('handles %s line endings', (_name, eol) => {
    const yaml = ['---', 'title: FAQ', 'params:', '  lead: "Hi"', '---', 'Body', '---', ''].join(eol);
    const y = parseFrontMatter(yaml);
    expect(y.errors).toEqual([]);
    expect(y.frontMatter!.data).toEqual({ title: 'FAQ', params: { lead: 'Hi' } });
    expect(y.frontMatter!.contentEnd).toBe(yaml.indexOf(`${eol}---${eol}Body`) + eol.length);
    expect(y.bodyStart).toBe(yaml.indexOf('Body'));
    expectAt(yaml, entry(y, 'params', 'lead'), 'lead', '"Hi"');

    const toml = ['+++', 'draft = false', '[params]', 'lead = "Hi"', '+++', 'Body'].join(eol);
    const t = parseFrontMatter(toml);
    expect(t.errors).toEqual([]);
    expect(t.frontMatter!.data).toEqual({ draft: false, params: { lead: 'Hi' } });
    expect(t.bodyStart).toBe(toml.indexOf('Body'));
    expectAt(toml, entry(t, 'params', 'lead'), 'lead', '"Hi"');
  });

  it('reports unterminated front matter and treats the rest as body', () => {
    const src = '---\ntitle: Passkeys FAQ\n\n## What is a passkey?\n';
    expect(parseFrontMatter(src)).toEqual({
      frontMatter: undefined, bodyStart: 4, errors: [{ message: 'front matter starting at line 1 is not closed with ---', start: 0, end: 3 }],
    });
    const toml = '\r\n+++\r\ntitle = "FAQ"\r\n';
    expect(parseFrontMatter(toml)).toEqual({
      frontMatter: undefined, bodyStart: 7, errors: [{ message: 'front matter starting at line 2 is not closed with +++', start: 2, end: 5 }],
    });
    expect(parseFrontMatter('---').bodyStart).toBe(3);
  });
});

describe('invalid front matter', () => {
  it('points at the YAML error on the right line', () => {
    const src = '---\ntitle: Passkeys FAQ\nparams:\n  lead: Quick answers\n weight: 3\n---\nBody\n';
    const r = parseFrontMatter(src);
    expect(r.frontMatter).toMatchObject({ format: 'yaml', start: 0, data: {}, entries: [] });
    expect(r.bodyStart).toBe(src.indexOf('Body'));
    expect(r.errors).toHaveLength(1);
    const [error] = r.errors;
    expect(error!.message).toMatch(/^Invalid YAML front matter: \S/);
    expect(error!.message).not.toContain('\n');
    expect(lineOf(src, error!.start)).toBe(lineOf(src, src.indexOf(' weight')));
  });

  it('keeps duplicate YAML keys as an error at the second key', () => {
    const src = '---\ndraft: false\ntitle: FAQ\ndraft: true\n---\n';
    const r = parseFrontMatter(src);
    const second = src.lastIndexOf('draft');
    expect(r.errors).toEqual([{ message: expect.stringMatching(/^Invalid YAML front matter: .*unique/), start: second, end: expect.any(Number) }]);
    expect(r.frontMatter!.data).toEqual({});
  });

  it('stops a YAML alias bomb quickly', () => {
    const lines = ['---', 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i <= 9; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const src = [...lines, '---', 'Body'].join('\n');
    const started = performance.now();
    const r = parseFrontMatter(src);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(r.frontMatter).toMatchObject({ format: 'yaml', data: {}, entries: [] });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/^Invalid YAML front matter: .*alias/i);
    expect(r.errors[0]!.start).toBe(src.indexOf('*a0'));
  });

  it('refuses a YAML alias inside the value it names, which would make the value contain itself', () => {
    for (const src of ['---\ntags: &loop [news, *loop]\n---\nBody\n', '---\n: &a [*a]\n---\n', '---\nparams: &p\n  self: *p\n---\n']) {
      const r = parseFrontMatter(src);
      expect(r.frontMatter).toMatchObject({ format: 'yaml', data: {}, entries: [] });
      const alias = src.lastIndexOf('*');
      const name = (/^\*\w+/.exec(src.slice(alias)) as RegExpExecArray)[0];
      expect(r.errors).toEqual([{ message: `Invalid YAML front matter: the alias ${name} is inside the value it names`, start: alias, end: alias + name.length }]);
    }
    // An alias elsewhere is fine.
    expect(parseFrontMatter('---\nbase: &b [news]\ntags: *b\n---\n').frontMatter?.data).toEqual({ base: ['news'], tags: ['news'] });
  });

  it('points at the TOML error', () => {
    const src = '+++\ntitle = "Passkeys FAQ"\ndraft = yes\n+++\nBody\n';
    const r = parseFrontMatter(src);
    expect(r.frontMatter).toMatchObject({ format: 'toml', data: {}, entries: [] });
    expect(r.errors).toEqual([{ message: 'Invalid TOML front matter: Unexpected character', start: src.indexOf('yes'), end: src.indexOf('yes') + 1 }]);
    expect(r.bodyStart).toBe(src.indexOf('Body'));
  });

  it('points at an unterminated TOML string', () => {
    const src = '+++\ntitle = "Passkeys FAQ\ndraft = true\n+++\n';
    const [error] = parseFrontMatter(src).errors;
    expect(error!.message).toMatch(/^Invalid TOML front matter: /);
    expect(lineOf(src, error!.start)).toBe(2);
  });
});

describe('parsing only front matter that names some keys', () => {
  const keys = ['url', 'slug'];
  it('leaves a block that names none of them unparsed, with its ranges', () => {
    const result = parseFrontMatter('---\ntitle: [unclosed\n---\nBody with url and slug.\n', keys);
    expect(result.errors).toEqual([]);
    expect(result.frontMatter).toMatchObject({ format: 'yaml', data: {}, entries: [], start: 0, end: 24 });
    expect(result.bodyStart).toBe(25);
  });
  it('parses a block that names one, in every format', () => {
    expect(parseFrontMatter('---\nslug: keys\n---\n', keys).frontMatter?.data).toEqual({ slug: 'keys' });
    expect(parseFrontMatter('+++\nurl = "/k/"\n+++\n', keys).frontMatter?.data).toEqual({ url: '/k/' });
    expect(parseFrontMatter('{ "url": "/j/" }\n', keys).frontMatter?.data).toEqual({ url: '/j/' });
  });
  it('parses a block with escapes, which can spell a key without writing it', () => {
    expect(parseFrontMatter('---\n"\\x75rl": /x/\n---\n', keys).frontMatter?.data).toEqual({ url: '/x/' });
  });
});

describe('front matter nested too deep', () => {
  /** `parse` called under `frames` extra stack frames: how deep the caller's stack is must not change the outcome. */
  const underStack = (frames: number, parse: () => FrontMatterResult): FrontMatterResult => (frames === 0 ? parse() : underStack(frames - 1, parse));
  const cases: Record<string, string> = {
    'YAML flow collections': `---\ntitle: x\nparams: ${'{'.repeat(1200)}\n---\nBody\n`,
    'YAML block sequences': `---\nlist:\n${'- '.repeat(4000)}x\n---\nBody\n`,
    'YAML keys indented level by level': `---\n${Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n---\nBody\n`,
    'TOML arrays': `+++\ntitle = "x"\nlist = ${'['.repeat(3000)}\n+++\nBody\n`,
    'JSON arrays': `{"title": "x", "list": ${'['.repeat(3000)}}\nBody\n`,
  };

  it.each(Object.entries(cases))('reads %s the same whatever the stack, as one error at the first level too deep', (_name, text) => {
    const shallow = parseFrontMatter(text);
    expect(underStack(2000, () => parseFrontMatter(text))).toEqual(shallow);
    expect(shallow.errors).toHaveLength(1);
    expect(shallow.errors[0]?.message).toMatch(/nested deeper than 100 levels/);
    expect(shallow.frontMatter?.data).toEqual({});
    expect(shallow.bodyStart).toBe(text.indexOf('Body'));
  });

  it('reads nesting as deep as real front matter gets', () => {
    const nested = `---\na:\n  b:\n    - c: [1, [2, {d: [3]}]]\n      e: {f: {g: {h: x}}}\n---\n`;
    const { errors, frontMatter } = parseFrontMatter(nested);
    expect(errors).toEqual([]);
    expect(frontMatter?.data).toEqual({ a: { b: [{ c: [1, [2, { d: [3] }]], e: { f: { g: { h: 'x' } } } }] } });
  });
});
