import { describe, expect, it } from 'vitest';
import { lexShortcodes, type ShortcodeParam, type ShortcodeTag } from '../../src/parse/shortcodes.js';

/** Offset of `needle` in `text` at or after `from`; fails loudly so a typo in a test is not a silent -1. */
function at(text: string, needle: string, from = 0): number {
  const i = text.indexOf(needle, from);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  return i;
}

/** Expected tag: `source` is the tag exactly as written, found in `text` at or after `from`. */
function tag(text: string, source: string, kind: ShortcodeTag['kind'], name: string, params: ShortcodeParam[] = [], from = 0): ShortcodeTag {
  const start = at(text, source, from);
  const nameStart = at(text, name, start);
  return { kind, delimiter: source[2] === '%' ? '%' : '<', name, params, start, end: start + source.length, nameStart, nameEnd: nameStart + name.length };
}

/** Expected param: `source` is the param as written (`title="Q?"`), `raw` its value characters between any quotes. */
function param(text: string, source: string, name: string | undefined, value: string, raw = value, from = 0): ShortcodeParam {
  const start = at(text, source, from);
  const valueStart = at(text, raw, start + (name?.length ?? 0));
  return { name, value, start, end: start + source.length, valueStart, valueEnd: valueStart + raw.length };
}

describe('tags in FAQ pages', () => {
  it('lexes a details block: opening tag with a quoted question, then its closing tag', () => {
    const text = '## Basics\n\n{{< details "What is a hardware security key?" >}}\nA small USB or NFC device that holds credentials.\n{{< /details >}}\n';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.escapes).toEqual([]);
    expect(result.tags).toEqual([
      tag(text, '{{< details "What is a hardware security key?" >}}', 'open', 'details', [
        param(text, '"What is a hardware security key?"', undefined, 'What is a hardware security key?'),
      ]),
      tag(text, '{{< /details >}}', 'close', 'details'),
    ]);
  });

  it('lexes {{% %}} tags with named params and reports Hugo\'s named/positional mixing error for a bare flag', () => {
    const text = '{{% details title="How do I reset my PIN?" open %}}\nUse the vendor app.\n{{% /details %}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([
      tag(text, '{{% details title="How do I reset my PIN?" open %}}', 'open', 'details', [
        param(text, 'title="How do I reset my PIN?"', 'title', 'How do I reset my PIN?'),
        param(text, 'open', undefined, 'open', 'open', at(text, '?" ')),
      ]),
      tag(text, '{{% /details %}}', 'close', 'details'),
    ]);
    // Hugo: "got positional parameter 'open'. Cannot mix named and positional parameters".
    expect(result.errors).toEqual([{ message: expect.stringContaining('cannot mix named and positional') as string, start: at(text, 'open %}}'), end: at(text, 'open %}}') + 4 }]);
  });

  it('keeps named values such as summary="…" closed="true" as strings', () => {
    const text = '{{< details summary="Can I sync passkeys between phones?" closed="true" >}}';
    const [only] = lexShortcodes(text).tags;
    expect(only?.params).toEqual([
      param(text, 'summary="Can I sync passkeys between phones?"', 'summary', 'Can I sync passkeys between phones?'),
      param(text, 'closed="true"', 'closed', 'true'),
    ]);
  });

  it('lexes positional params with extra arguments, quoted and unquoted', () => {
    const text = '{{< details "Do passkeys work offline?" open faq-42 3.5 >}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags[0]?.params.map((p) => p.value)).toEqual(['Do passkeys work offline?', 'open', 'faq-42', '3.5']);
    expect(result.tags[0]?.params[3]).toEqual(param(text, '3.5', undefined, '3.5'));
  });

  it('finds a ref inside a Markdown link destination and points at the value characters', () => {
    const text = 'Biometrics are one way to do [user verification]({{< ref "terms/#user-verification-uv" >}}).';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags).toEqual([
      tag(text, '{{< ref "terms/#user-verification-uv" >}}', 'open', 'ref', [
        param(text, '"terms/#user-verification-uv"', undefined, 'terms/#user-verification-uv'),
      ]),
    ]);
    const value = result.tags[0]?.params[0];
    expect(text.slice(value?.valueStart, value?.valueEnd)).toBe('terms/#user-verification-uv');
  });

  it('lexes relref with a positional path and with named path and lang', () => {
    const text = 'See [the glossary]({{< relref "/docs/reference/terms" >}}) or [French]({{< relref path="terms" lang="fr" >}}).';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags.map((t) => [t.name, t.params.map((p) => [p.name, p.value])])).toEqual([
      ['relref', [[undefined, '/docs/reference/terms']]],
      ['relref', [['path', 'terms'], ['lang', 'fr']]],
    ]);
  });

  it('accepts names with "/" and tags written without spaces', () => {
    const text = '{{< docs/note >}}Keep a backup key.{{< /docs/note >}} {{<br>}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags).toEqual([
      tag(text, '{{< docs/note >}}', 'open', 'docs/note'),
      tag(text, '{{< /docs/note >}}', 'close', 'docs/note'),
      tag(text, '{{<br>}}', 'open', 'br'),
    ]);
  });

  it('allows newlines around the name and between params', () => {
    const text = '{{<\n  details\n  title="Is my fingerprint sent to the website?"\n  open=true\n>}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags).toEqual([
      tag(text, text, 'open', 'details', [
        param(text, 'title="Is my fingerprint sent to the website?"', 'title', 'Is my fingerprint sent to the website?'),
        param(text, 'open=true', 'open', 'true'),
      ]),
    ]);
  });

  it('lexes self-closing tags, with and without params', () => {
    const text = '{{< youtube id="w7Zb5hjv-Wk" />}} and {{< toc / >}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags).toEqual([
      tag(text, '{{< youtube id="w7Zb5hjv-Wk" />}}', 'self-closing', 'youtube', [param(text, 'id="w7Zb5hjv-Wk"', 'id', 'w7Zb5hjv-Wk')]),
      tag(text, '{{< toc / >}}', 'self-closing', 'toc'),
    ]);
  });

  it('flags {{<name/>}}, which Hugo reads as a shortcode named "name/"', () => {
    const text = '{{<toc/>}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([tag(text, text, 'self-closing', 'toc')]);
    expect(result.errors).toEqual([{ message: expect.stringContaining('ends with "/"') as string, start: 3, end: 7 }]);
  });

  it('lexes backtick params, which may span lines and keep backslashes', () => {
    const text = '{{< highlight `js` >}}{{< note body=`First line\nC:\\keys\\backup` >}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags[0]?.params).toEqual([param(text, '`js`', undefined, 'js')]);
    expect(result.tags[1]?.params).toEqual([param(text, 'body=`First line\nC:\\keys\\backup`', 'body', 'First line\nC:\\keys\\backup')]);
  });

  it('unescapes \\" the way Hugo does, but reports the raw value range', () => {
    const text = '{{< details "Is \\"passkey\\" a brand name?" >}}';
    const [only] = lexShortcodes(text).tags;
    expect(only?.params).toEqual([param(text, '"Is \\"passkey\\" a brand name?"', undefined, 'Is "passkey" a brand name?', 'Is \\"passkey\\" a brand name?')]);
  });

  it('accepts Hugo\'s older escaped-quote form \\"…\\"', () => {
    const text = '{{< details \\"Where are passkeys stored?\\" >}}';
    const [only] = lexShortcodes(text).tags;
    expect(only?.params).toEqual([param(text, '\\"Where are passkeys stored?\\"', undefined, 'Where are passkeys stored?')]);
  });

  it('lexes shortcodes everywhere, also inside fenced code, as Hugo does before Markdown', () => {
    const text = '```md\n{{< details "Example" >}}\n```\n';
    expect(lexShortcodes(text).tags).toEqual([tag(text, '{{< details "Example" >}}', 'open', 'details', [param(text, '"Example"', undefined, 'Example')])]);
  });

  it('ignores Go template actions such as {{ .Title }}', () => {
    const text = '# {{ .Title }}\n{{- if .Params.faq -}}{{ end }}\n{{{< badge >}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags).toEqual([tag(text, '{{< badge >}}', 'open', 'badge')]);
  });

  it('reads named params written with spaces around "="', () => {
    const text = '{{< details title = "Are passkeys phishing-resistant?" >}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags[0]?.params).toEqual([param(text, 'title = "Are passkeys phishing-resistant?"', 'title', 'Are passkeys phishing-resistant?')]);
  });

  it('counts offsets in UTF-16 code units', () => {
    const text = 'Clés 🔑 {{< details "¿Qué es una llave 🔑?" >}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([
      tag(text, '{{< details "¿Qué es una llave 🔑?" >}}', 'open', 'details', [param(text, '"¿Qué es una llave 🔑?"', undefined, '¿Qué es una llave 🔑?')]),
    ]);
  });

  it('handles CRLF line endings', () => {
    const text = '{{< details\r\n  "Can I delete a passkey?" >}}\r\nYes, in your account settings.\r\n{{< /details >}}\r\n';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([]);
    expect(result.tags).toEqual([
      tag(text, '{{< details\r\n  "Can I delete a passkey?" >}}', 'open', 'details', [param(text, '"Can I delete a passkey?"', undefined, 'Can I delete a passkey?')]),
      tag(text, '{{< /details >}}', 'close', 'details'),
    ]);
  });

  it('starts at `from` and still reports offsets into the whole text', () => {
    const text = '---\ntitle: "{{< not-a-tag >}}"\n---\n{{< details "Q?" >}}';
    const from = at(text, '---\n{{<') + 4;
    expect(lexShortcodes(text, from).tags).toEqual([tag(text, '{{< details "Q?" >}}', 'open', 'details', [param(text, '"Q?"', undefined, 'Q?', 'Q?', from)])]);
  });
});

describe('escaped shortcodes', () => {
  it('records {{</* */>}} and {{%/* */%}} as text ranges, never as tags', () => {
    const text = 'Write {{</* details "Your question" */>}} or {{%/* details "Q" */%}}, not {{< details >}}.';
    const result = lexShortcodes(text);
    const first = '{{</* details "Your question" */>}}';
    const second = '{{%/* details "Q" */%}}';
    expect(result.escapes).toEqual([
      { start: at(text, first), end: at(text, first) + first.length },
      { start: at(text, second), end: at(text, second) + second.length },
    ]);
    expect(result.tags).toEqual([tag(text, '{{< details >}}', 'open', 'details')]);
    expect(result.errors).toEqual([]);
  });

  it('does not lex tags written inside an escape', () => {
    const text = '{{</* ref "a" >}} {{< ref "b" */>}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([]);
    expect(result.escapes).toEqual([{ start: 0, end: text.length }]);
  });

  it('reports an escape that is never closed and keeps lexing after it', () => {
    const text = '{{</* details "Q" >}}\n{{< note >}}';
    const result = lexShortcodes(text);
    expect(result.escapes).toEqual([]);
    expect(result.errors).toEqual([{ message: expect.stringContaining('comment must be closed') as string, start: 0, end: 5 }]);
    expect(result.tags).toEqual([tag(text, '{{< note >}}', 'open', 'note')]);
  });
});

describe('broken tags', () => {
  it('reports a closing delimiter that does not match the opening one, and keeps the tag', () => {
    const text = '{{< details "Why use passkeys?" %}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([tag(text, text, 'open', 'details', [param(text, '"Why use passkeys?"', undefined, 'Why use passkeys?')])]);
    expect(result.errors).toEqual([{ message: 'shortcode tag opened with "{{<" must be closed with ">}}", not "%}}"', start: at(text, '%}}'), end: text.length }]);
  });

  it('reports a tag left open at the end of the text', () => {
    const text = 'Intro.\n{{< details "What if I lose my phone?"';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([]);
    const start = at(text, '{{<');
    expect(result.errors).toEqual([{ message: 'shortcode tag "{{< details" is not closed with ">}}" before the end of the text', start, end: at(text, ' "What') }]);
  });

  it('reports a tag missing its >}} and still lexes the next tag', () => {
    const text = '{{< details "What if I lose my phone?"\nRecover with another device.\n{{< /details >}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([tag(text, '{{< /details >}}', 'close', 'details')]);
    expect(result.errors).toEqual([{ message: 'shortcode tag "{{< details" is not closed with ">}}" before the next shortcode tag', start: 0, end: 11 }]);
  });

  it('reports a newline inside a "…" string and resumes on the next line', () => {
    const text = '{{< details "What if I lose\nmy phone?" >}}\nAnswer.\n{{< /details >}}';
    const result = lexShortcodes(text);
    const quote = at(text, '"What');
    expect(result.errors).toEqual([{ message: expect.stringContaining('is not closed with " on the same line') as string, start: quote, end: at(text, '\n') }]);
    expect(result.tags).toEqual([tag(text, '{{< /details >}}', 'close', 'details')]);
  });

  it('hints at a missing >}} when an unclosed quote is found on a later line than its tag', () => {
    const text = '{{< details "Q?" >}\nThe "best" answer is "this one.\n{{< /details >}}';
    const [error] = lexShortcodes(text).errors;
    expect(error?.message).toContain('is ">}}" missing after "{{< details"?');
    expect(error?.start).toBe(at(text, '"this'));
  });

  it('reports an unclosed backtick string', () => {
    const text = '{{< note `never closed >}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([]);
    expect(result.errors).toEqual([{ message: expect.stringContaining('not closed with a backtick') as string, start: at(text, '`'), end: at(text, '`') + 1 }]);
  });

  it('reports mixed named and positional params once, and still returns the tag', () => {
    const text = '{{< details title="Are passkeys free?" "extra" more >}}';
    const result = lexShortcodes(text);
    expect(result.tags).toHaveLength(1);
    expect(result.tags[0]?.params.map((p) => [p.name, p.value])).toEqual([['title', 'Are passkeys free?'], [undefined, 'extra'], [undefined, 'more']]);
    expect(result.errors).toEqual([{ message: expect.stringContaining('cannot mix named and positional parameters') as string, start: at(text, '"extra"'), end: at(text, '"extra"') + 7 }]);
  });

  it('reports a named param after a positional one', () => {
    const text = '{{< details "Q?" open="true" >}}';
    const [error] = lexShortcodes(text).errors;
    expect(error).toEqual({ message: expect.stringContaining('"open" is named but an earlier parameter is positional') as string, start: at(text, 'open'), end: at(text, ' >}}') });
  });

  it('follows Hugo in reading "k = v" after "k=v" as a mix', () => {
    const text = '{{< details title="Q?" open = "true" >}}';
    const [error] = lexShortcodes(text).errors;
    expect(error?.message).toContain('remove the space');
    expect(error?.start).toBe(at(text, 'open'));
  });

  it('reports an unquoted value that swallows the delimiter in Hugo', () => {
    const text = '{{< figure src=cat.png>}}';
    const result = lexShortcodes(text);
    expect(result.tags[0]?.params).toEqual([param(text, 'src=cat.png', 'src', 'cat.png')]);
    expect(result.errors).toEqual([{ message: expect.stringContaining('touches ">}}"') as string, start: at(text, 'cat'), end: text.length }]);
  });

  it('reports bad and missing names', () => {
    const text = '{{< "What?" >}} {{< >}} {{< faq.item >}} {{< loop.inline >}}{{< /loop.inline >}}';
    const result = lexShortcodes(text);
    expect(result.errors).toEqual([
      { message: 'shortcode name must start with a letter, a digit or "_", not """', start: 4, end: 5 },
      { message: 'shortcode tag has no name', start: at(text, '{{< >}}'), end: at(text, '{{< >}}') + 7 },
      { message: expect.stringContaining('inline shortcode') as string, start: at(text, '.item'), end: at(text, '.item') + 1 },
    ]);
    expect(result.tags.map((t) => [t.kind, t.name])).toEqual([['open', 'faq.item'], ['open', 'loop.inline'], ['close', 'loop.inline']]);
  });

  it('reports a closing tag with anything after the name', () => {
    const text = '{{< /details "Q?" >}}';
    const result = lexShortcodes(text);
    expect(result.tags).toEqual([tag(text, text, 'close', 'details')]);
    expect(result.errors).toEqual([{ message: expect.stringContaining('takes no parameters') as string, start: at(text, '"Q'), end: at(text, '"Q') + 1 }]);
  });

  it('returns errors in source order', () => {
    const text = '{{< a "x" k=1 {{< b %}}';
    const starts = lexShortcodes(text).errors.map((e) => e.start);
    expect(starts).toEqual([...starts].sort((x, y) => x - y));
    expect(starts).toHaveLength(3);
  });
});

describe('robustness', () => {
  it('finishes 5,000 unclosed {{< x " fragments without throwing', () => {
    for (const separator of ['', ' ', '\n']) {
      const text = Array.from({ length: 5000 }, () => '{{< x "').join(separator);
      const result = lexShortcodes(text);
      expect(result.tags).toEqual([]);
      expect(result.errors.length).toBeGreaterThan(0);
      expect(result.errors.every((error) => error.start >= 0 && error.end >= error.start && error.end <= text.length)).toBe(true);
    }
  });

  it('reports every broken fragment when they are on separate lines', () => {
    const text = '{{< x "\n'.repeat(5000);
    expect(lexShortcodes(text).errors).toHaveLength(5000);
  });

  it('stays fast on 20 MB with thousands of tags, broken ones included', () => {
    const prose = 'Passkeys replace passwords with key pairs; {{ .Site.Title }} explains how. '.repeat(60) + '\n\n';
    // No unclosed backticks here: a raw string runs to the next backtick in the text, however far.
    const blocks = ['{{< details "Q?" >}}\nA.\n{{< /details >}}\n', '{{< x "broken\n', '{{</* z\n', '{{<'];
    const parts: string[] = [];
    for (let i = 0, size = 0; size < 20_000_000; i++) {
      const part = prose + blocks[i % blocks.length];
      parts.push(part);
      size += part.length;
    }
    const text = parts.join('');
    const started = performance.now();
    const result = lexShortcodes(text);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(result.tags).toHaveLength(Math.ceil(parts.length / 4) * 2);
    expect(result.errors.length).toBeGreaterThan(1000);
  });

  it('stays linear on thousands of unclosed backtick strings', () => {
    const text = '{{< y `raw\n'.repeat(5001) + 'x'.repeat(1_000_000);
    const result = lexShortcodes(text);
    // Each backtick closes the one before it, so only the last tag has an unclosed string.
    expect(result.errors.filter((e) => e.message.includes('backtick'))).toHaveLength(1);
    expect(result.tags).toEqual([]);
  });
});
