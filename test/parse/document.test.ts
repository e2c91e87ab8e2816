import { describe, expect, it } from 'vitest';
import type { FaqDocument, QaBlock, Span } from '../../src/model/types.js';
import { parseFaqDocument } from '../../src/parse/document.js';

function parse(text: string): FaqDocument {
  return parseFaqDocument('faq.md', text);
}

/** "line:column-line:column" of a span, so expectations read like editor positions. */
function where(span: Span): string {
  return `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`;
}

/** The answer's child nodes as "type@line:column". */
function answerNodes(block: QaBlock): string[] {
  return block.node.children
    .filter((child) => !(child.data && 'directiveLabel' in child.data))
    .map((child) => `${child.type}@${child.position?.start.line}:${child.position?.start.column}`);
}

function summary(block: QaBlock): { syntax: string; question: string; isQuestion: boolean; at: string } {
  return { syntax: block.syntax, question: block.question, isQuestion: block.isQuestion, at: where(block.questionSpan) };
}

describe('Hugo shortcode blocks', () => {
  it('reads the one-paragraph form: opening tag, answer and closing tag with no blank lines', () => {
    const doc = parse(
      [
        '---', //                                               1
        'title: "FAQ"', //                                      2
        '---', //                                               3
        '', //                                                  4
        '## Basics', //                                         5
        '', //                                                  6
        '{{< details "What is a snapshot?" >}}', //            7
        'A snapshot records every file at one moment.', //      8
        '{{< /details >}}', //                                  9
        '',
      ].join('\n'),
    );
    expect(doc.parseProblems).toEqual([]);
    expect(doc.blocks).toHaveLength(1);
    const block = doc.blocks[0] as QaBlock;
    expect(summary(block)).toEqual({ syntax: 'shortcode', question: 'What is a snapshot?', isQuestion: true, at: '7:14-7:33' });
    expect(where(block.span)).toBe('7:1-9:17');
    expect(answerNodes(block)).toEqual(['paragraph@8:1']);
    expect(block.answerText).toBe('A snapshot records every file at one moment.');
    expect(doc.sections.map((section) => [section.heading?.text, section.blockIndices])).toEqual([['Basics', [0]]]);
  });

  it('keeps multi-paragraph answers with lists, at their own lines', () => {
    const doc = parse(
      [
        '{{< details "How do I restore one file?" >}}', //  1
        'Pick the snapshot first.', //                      2
        '', //                                              3
        '- list the snapshots', //                          4
        '- restore with `--include`', //                    5
        '', //                                              6
        'Then check the **result**.', //                    7
        '{{< /details >}}', //                              8
      ].join('\n'),
    );
    const block = doc.blocks[0] as QaBlock;
    expect(answerNodes(block)).toEqual(['paragraph@2:1', 'list@4:1', 'paragraph@7:1']);
    expect(block.answerText).toBe('Pick the snapshot first. list the snapshots restore with Then check the result.');
    expect(where(block.answerSpan)).toBe('2:1-7:27');
  });

  it('reads {{% %}} tags, named title/summary parameters and extra arguments', () => {
    const doc = parse(
      [
        '{{% details title="Can I pause a backup?" open="true" %}}', // 1
        'Yes.', //                                                      2
        '{{% /details %}}', //                                          3
        '', //                                                          4
        '{{< expand summary="Does it run on ARM?" closed="true" >}}', // 5
        'It does.', //                                                  6
        '{{< /expand >}}', //                                           7
        '', //                                                          8
        '{{< faq "Where are logs kept?" open >}}', //                  9
        'In the state folder.', //                                      10
        '{{< /faq >}}', //                                              11
      ].join('\n'),
    );
    expect(doc.parseProblems).toEqual([]);
    expect(doc.blocks.map(summary)).toEqual([
      { syntax: 'shortcode', question: 'Can I pause a backup?', isQuestion: true, at: '1:20-1:41' },
      { syntax: 'shortcode', question: 'Does it run on ARM?', isQuestion: true, at: '5:21-5:40' },
      { syntax: 'shortcode', question: 'Where are logs kept?', isQuestion: true, at: '9:10-9:30' },
    ]);
    expect(doc.blocks.map((block) => block.name)).toEqual(['details', 'expand', 'faq']);
  });

  it('reports what Hugo rejects: named and positional parameters mixed in one tag', () => {
    const doc = parse('{{< details title="Can I pause a backup?" open >}}\nYes.\n{{< /details >}}\n');
    expect(doc.blocks.map((block) => block.question)).toEqual(['Can I pause a backup?']);
    expect(doc.parseProblems.map((problem) => [problem.message, where(problem.span)])).toEqual([
      ['cannot mix named and positional parameters in "{{< details": "open" is positional but an earlier parameter is named', '1:43-1:47'],
    ]);
  });

  it('reads an answer that shares its line with both tags', () => {
    const doc = parse('Intro.\n\n{{< details "Is it free?" >}}Yes, under the MIT licence.{{< /details >}}\n');
    const block = doc.blocks[0] as QaBlock;
    expect(summary(block).at).toBe('3:14-3:25');
    expect(answerNodes(block)).toEqual(['paragraph@3:30']);
    expect(block.answerText).toBe('Yes, under the MIT licence.');
  });

  it('keeps positions exact with CRLF line endings and a BOM', () => {
    const lf = '---\ntitle: "FAQ"\ndraft: true\n---\n\n## Basics\n\n{{< details "What is a snapshot?" >}}\nAn answer.\n{{< /details >}}\n';
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    for (const text of [lf, crlf]) {
      const doc = parse(text);
      expect(doc.frontMatter?.data).toEqual({ title: 'FAQ', draft: true });
      const block = doc.blocks[0] as QaBlock;
      expect(summary(block).at).toBe('8:14-8:33');
      expect(answerNodes(block)).toEqual(['paragraph@9:1']);
      expect(doc.headings.map((heading) => [heading.text, heading.span.start.line])).toEqual([['Basics', 6]]);
    }
  });

  it('treats nested shortcodes inside an answer as part of the answer, and unknown ones as opaque', () => {
    const doc = parse(
      [
        '{{< details "How big can a repository get?" >}}', //            1
        'There is no hard limit {{< param "maxSize" >}} here.', //        2
        '', //                                                            3
        '{{< note >}}', //                                                4
        'Large repositories prune more slowly.', //                       5
        '{{< /note >}}', //                                               6
        '{{< /details >}}', //                                            7
      ].join('\n'),
    );
    expect(doc.parseProblems).toEqual([]);
    const block = doc.blocks[0] as QaBlock;
    expect(block.answerText).toBe('There is no hard limit here. Large repositories prune more slowly.');
    expect(doc.textRuns.some((run) => run.text.includes('maxSize') || run.text.includes('param'))).toBe(false);
    expect(doc.shortcodes.map((use) => [use.name, use.kind])).toEqual([
      ['details', 'block'],
      ['param', 'inline'],
      ['note', 'container'],
    ]);
  });

  it('does not read an escaped shortcode as a block', () => {
    const doc = parse('Write `{{</* details "Q?" */>}}` or:\n\n{{</* details "Q?" */>}}\n');
    expect(doc.blocks).toEqual([]);
    expect(doc.parseProblems).toEqual([]);
  });
});

describe('HTML <details>', () => {
  it('reads the form without blank lines', () => {
    const doc = parse('<details><summary>Why is the first run slow?</summary>It reads every file once.</details>\n');
    const block = doc.blocks[0] as QaBlock;
    expect(summary(block)).toEqual({ syntax: 'html', question: 'Why is the first run slow?', isQuestion: true, at: '1:19-1:45' });
    expect(block.answerText).toBe('It reads every file once.');
    expect(answerNodes(block)).toEqual(['paragraph@1:55']);
  });

  it('reads the form with blank lines and Markdown inside', () => {
    const doc = parse(
      [
        '## Restore', //                                   1
        '', //                                             2
        '<details>', //                                    3
        '<summary>Can I restore to another disk?</summary>', // 4
        '', //                                             5
        'Yes, with **--target**:', //                      6
        '', //                                             7
        '1. mount the disk', //                            8
        '2. run the restore', //                           9
        '', //                                             10
        '</details>', //                                   11
      ].join('\n'),
    );
    const block = doc.blocks[0] as QaBlock;
    expect(summary(block)).toEqual({ syntax: 'html', question: 'Can I restore to another disk?', isQuestion: true, at: '4:10-4:40' });
    expect(answerNodes(block)).toEqual(['paragraph@6:1', 'list@8:1']);
    expect(where(block.span)).toBe('3:1-11:11');
    expect(doc.sections[0]?.blockIndices).toEqual([0]);
  });

  it('nests HTML blocks inside shortcode answers, inside each other and inside list items', () => {
    const doc = parse(
      [
        '{{< details "How do I tune the upload?" >}}', //   1
        'Set the chunk size:', //                          2
        '', //                                             3
        '<details><summary>Full configuration</summary>', // 4
        '', //                                             5
        '<details><summary>Why 8 MiB?</summary>', //       6
        '', //                                             7
        'It fits most object stores.', //                  8
        '', //                                             9
        '</details>', //                                   10
        '', //                                             11
        '```toml', //                                      12
        'chunk = "8MiB"', //                               13
        '```', //                                          14
        '', //                                             15
        '</details>', //                                   16
        '{{< /details >}}', //                             17
        '', //                                             18
        '- Does it resume?', //                            19
        '', //                                             20
        '  <details><summary>Can a restore resume?</summary>', // 21
        '', //                                             22
        '  Yes, from the last whole chunk.', //            23
        '', //                                             24
        '  </details>', //                                 25
        '', //                                             26
        '<details><summary>Is the cache shared?</summary>', // 27
        'No, it is per machine.', //                       28
        '</details>', //                                   29
      ].join('\n'),
    );
    expect(doc.blocks.map((block) => [block.question, block.syntax, where(block.span)])).toEqual([
      ['How do I tune the upload?', 'shortcode', '1:1-17:17'],
      ['Full configuration', 'html', '4:1-16:11'],
      ['Why 8 MiB?', 'html', '6:1-10:11'],
      ['Can a restore resume?', 'html', '21:3-25:13'],
      ['Is the cache shared?', 'html', '27:1-29:11'],
    ]);
    const [outer, configuration, inner, inList, oneNode] = doc.blocks as QaBlock[];
    expect(answerNodes(outer as QaBlock)).toEqual(['paragraph@2:1', 'containerDirective@4:1']);
    expect(answerNodes(configuration as QaBlock)).toEqual(['containerDirective@6:1', 'code@12:1']);
    expect(answerNodes(inner as QaBlock)).toEqual(['paragraph@8:1']);
    expect((inner as QaBlock).answerText).toBe('It fits most object stores.');
    expect(answerNodes(inList as QaBlock)).toEqual(['paragraph@23:3']);
    // Tags and answer in one HTML node: the answer is read on its own, still as Markdown.
    expect(answerNodes(oneNode as QaBlock)).toEqual(['paragraph@28:1']);
    expect(doc.parseProblems).toEqual([]);
  });

  it('puts a shortcode block written on one line between its tags inside the HTML block', () => {
    const doc = parse(
      [
        '## Why is the restore slow?', //                                   1
        '', //                                                              2
        '<details>', //                                                     3
        '{{< details "Can I speed it up?" >}}Use a local cache.{{< /details >}}', // 4
        '</details>', //                                                    5
        '',
      ].join('\n'),
    );
    expect(doc.blocks.map((block) => [block.question, block.syntax, where(block.span)])).toEqual([
      ['Why is the restore slow?', 'heading', '1:1-5:11'],
      ['', 'html', '3:1-5:11'],
      ['Can I speed it up?', 'shortcode', '4:1-4:71'],
    ]);
    const [heading, html] = doc.blocks as QaBlock[];
    expect(answerNodes(heading as QaBlock)).toEqual(['containerDirective@3:1']);
    expect(answerNodes(html as QaBlock)).toEqual(['containerDirective@4:1']);
  });

  it('marks a disclosure whose title is not a question', () => {
    const doc = parse('<details><summary>Advanced settings</summary>\n\n| key | default |\n| --- | --- |\n| a | 1 |\n\n</details>\n');
    expect(doc.blocks.map((block) => [block.question, block.isQuestion])).toEqual([['Advanced settings', false]]);
  });
});

describe('directives', () => {
  it('reads :::details[Q?] and :::details{summary="Q?"}', () => {
    const doc = parse(
      [
        ':::details[Is my data encrypted?]', //    1
        'Always, before it leaves the machine.', // 2
        ':::', //                                   3
        '', //                                      4
        ':::details{summary="Can I change the key?"}', // 5
        'Yes, with `key rotate`.', //              6
        ':::', //                                   7
      ].join('\n'),
    );
    expect(doc.blocks.map((block) => [block.syntax, block.question, block.isQuestion])).toEqual([
      ['directive', 'Is my data encrypted?', true],
      ['directive', 'Can I change the key?', true],
    ]);
    expect(where((doc.blocks[0] as QaBlock).questionSpan)).toBe('1:11-1:34');
    expect(answerNodes(doc.blocks[0] as QaBlock)).toEqual(['paragraph@2:1']);
    expect(answerNodes(doc.blocks[1] as QaBlock)).toEqual(['paragraph@6:1']);
  });

  it('reads VitePress ::: details containers, titled or not', () => {
    const doc = parse(
      [
        '::: details How do I verify a backup?', // 1
        'Run `check` with `--read-data`.', //       2
        ':::', //                                   3
        '', //                                      4
        '::: details Full configuration', //        5
        '```toml', //                               6
        'keep-daily = 7', //                        7
        '```', //                                   8
        ':::', //                                   9
      ].join('\n'),
    );
    expect(doc.blocks.map((block) => [block.syntax, block.question, block.isQuestion, where(block.questionSpan)])).toEqual([
      ['vitepress', 'How do I verify a backup?', true, '1:13-1:38'],
      ['vitepress', 'Full configuration', false, '5:13-5:31'],
    ]);
    expect(answerNodes(doc.blocks[0] as QaBlock)).toEqual(['paragraph@2:1']);
    expect(answerNodes(doc.blocks[1] as QaBlock)).toEqual(['code@6:1']);
  });

  it('leaves text directives alone, so prose with colons stays prose', () => {
    const doc = parse('Ratio 3:abc and see Hugo:Docs today.\n');
    expect(doc.textRuns.map((run) => run.text)).toEqual(['Ratio 3:abc and see Hugo:Docs today.']);
  });
});

describe('question headings', () => {
  it('opens a block at a heading ending in "?" that runs to the next heading of the same or a higher level', () => {
    const doc = parse(
      [
        '# FAQ', //                           1
        '', //                                2
        '## How often should I back up?', //  3
        '', //                                4
        'Daily for most people.', //          5
        '', //                                6
        '### Hourly', //                      7
        '', //                                8
        'For busy databases.', //            9
        '', //                                10
        '## Pricing', //                      11
        '', //                                12
        'Free.', //                           13
      ].join('\n'),
    );
    expect(doc.blocks.map(summary)).toEqual([{ syntax: 'heading', question: 'How often should I back up?', isQuestion: true, at: '3:4-3:31' }]);
    expect(answerNodes(doc.blocks[0] as QaBlock)).toEqual(['paragraph@5:1', 'heading@7:1', 'paragraph@9:1']);
    expect(doc.sections.map((section) => section.heading?.text)).toEqual(['FAQ', 'Pricing']);
    expect(doc.headings.map((heading) => [heading.text, heading.isQuestion])).toEqual([
      ['FAQ', false],
      ['How often should I back up?', true],
      ['Hourly', false],
      ['Pricing', false],
    ]);
  });
});

describe('problems are diagnostics, never crashes', () => {
  it('reports an unclosed block shortcode and still parses the rest', () => {
    const doc = parse('{{< details "What is a snapshot?" >}}\nAn answer.\n\n## Next\n\nMore text.\n');
    expect(doc.parseProblems.map((problem) => [problem.message, where(problem.span)])).toEqual([
      ['Shortcode {{< details >}} is never closed (expected {{< /details >}})', '1:1-1:38'],
    ]);
    expect(doc.headings.map((heading) => heading.text)).toEqual(['Next']);
  });

  it('reports a stray closing tag and mismatched names', () => {
    const doc = parse('Text.\n{{< /details >}}\n\n{{< details "Q?" >}}\nA.\n{{< /expand >}}\n');
    expect(doc.parseProblems.map((problem) => [problem.message.split(' (')[0]?.split(';')[0], problem.span.start.line])).toEqual([
      ['Closing shortcode {{< /details }} has no opening tag', 2],
      ['Shortcode {{< details >}} is never closed', 4],
      ['Closing shortcode {{< /expand }} has no opening tag', 6],
    ]);
  });

  it('reports an empty question', () => {
    const doc = parse('{{< details "" >}}\nAn answer.\n{{< /details >}}\n');
    expect(doc.parseProblems.map((problem) => [problem.message, where(problem.span)])).toEqual([['The details block has an empty question', '1:14-1:14']]);
  });

  it('reports unterminated front matter and keeps linting the body', () => {
    const doc = parse('---\ntitle: "FAQ"\n\n## Basics\n\n{{< details "Q?" >}}\nA.\n{{< /details >}}\n');
    expect(doc.parseProblems.length).toBeGreaterThan(0);
    expect(doc.parseProblems[0]?.span.start.line).toBe(1);
    expect(doc.blocks.map((block) => block.question)).toEqual(['Q?']);
  });

  it('keeps blocks nested, never crossing, when a shortcode closes after a directive', () => {
    const doc = parse(':::details[Q?]\n{{< details "Q?" >}}\n:::\n{{< /details >}}\n');
    const [outer, inner] = doc.blocks.map((block) => [block.span.start.offset, block.span.end.offset] as const);
    expect(outer && inner && inner[0] >= outer[0] && inner[1] <= outer[1]).toBe(true);
  });

  it('masks nesting deeper than 32 levels, reports it once, and checks the rest', () => {
    const doc = parse(`${'>'.repeat(10_000)} deep\n\nAfter.\n`);
    expect(doc.parseProblems.map((problem) => [problem.message, problem.span.start.line, problem.span.start.column])).toEqual([
      ['Nesting deeper than 32 levels (block quotes or lists); the deeper part is not checked', 1, 33],
    ]);
    expect(doc.textRuns.map((run) => run.text)).toContain('After.');
  });

  it.each([
    ['bullet', '- '],
    ['ordered', '1. '],
    ['ordered with a parenthesis', '12) '],
  ])('masks %s list markers nested deeper than 32 levels on one line, and checks the rest', (_kind, marker) => {
    // Each marker opens a list inside the last: 3,000 of them cost the Markdown parser seconds.
    const doc = parse(`${marker.repeat(3000)}item\n\nAfter.\n`);
    expect(doc.parseProblems.map((problem) => problem.message)).toEqual(['Nesting deeper than 32 levels (block quotes or lists); the deeper part is not checked']);
    // Every marker counts 1 and the space after it 0.5: the 22nd marker is the 33rd level.
    expect(doc.parseProblems[0]?.span.start.column).toBe(21 * marker.length + 1);
    expect(doc.textRuns.map((run) => run.text)).toContain('After.');
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('counts nesting from each line\'s start only, after %s line breaks', (_name, br) => {
    // Markers in the middle of a line ("a > b - c") open nothing; the next line starts afresh.
    const doc = parse(`Intro > - 1. text ${'> '.repeat(40)}${br}${'> '.repeat(40)}deep${br}${br}After.${br}`);
    expect(doc.parseProblems.map((problem) => [problem.message, problem.span.start.line, problem.span.start.column])).toEqual([
      ['Nesting deeper than 32 levels (block quotes or lists); the deeper part is not checked', 2, 43],
    ]);
    expect(doc.textRuns.map((run) => run.text)).toContain('After.');
  });

  it('parses deeply indented lists in bounded time, front matter and later text still checked', () => {
    const body = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 * Math.min(i, 300))}- item`).join('\n');
    const doc = parse(`---\ndraft: true\n---\n${body}\n\nAfter.\n`);
    expect(doc.parseProblems.map((problem) => problem.message)).toEqual(['Nesting deeper than 32 levels (block quotes or lists); the deeper part is not checked']);
    expect(doc.frontMatter?.data).toEqual({ draft: true });
    expect(doc.textRuns.map((run) => run.text)).toContain('After.');
  });

  it('reports invalid YAML front matter on its line', () => {
    const doc = parse('---\ntitle: "FAQ\ndraft: [true\n---\n\nBody.\n');
    expect(doc.parseProblems[0]?.message).toMatch(/^Invalid YAML front matter/);
    expect(doc.parseProblems[0]?.span.start.line).toBeGreaterThanOrEqual(2);
    expect(doc.textRuns.map((run) => run.text)).toContain('Body.');
  });
});

describe('prose, links and code', () => {
  it('leaves code, URLs, comments and code shortcodes out of the prose', () => {
    const doc = parse(
      [
        'Run `lorem --fast` first.', //                         1
        '', //                                                  2
        '```', //                                               3
        'TODO: never read', //                                  4
        '```', //                                               5
        '', //                                                  6
        '<!-- a comment -->', //                                7
        '', //                                                  8
        'See https://example.com/lorem-ipsum for more.', //     9
        '', //                                                  10
        '{{< highlight go >}}', //                              11
        'fmt.Println("dolor sit amet")', //                     12
        '{{< /highlight >}}', //                                13
      ].join('\n'),
    );
    expect(doc.textRuns.map((run) => run.text.replace(/\s+/g, ' ').trim())).toEqual(['Run first.', 'See for more.']);
    expect(doc.comments.map((comment) => comment.text)).toEqual(['a comment']);
  });

  it('maps every character of a run back to its source offset', () => {
    const text = 'A *very* \\*escaped\\* line &amp; more.\n';
    const doc = parse(text);
    const run = doc.textRuns[0];
    expect(run?.text).toBe('A very *escaped* line & more.');
    const index = run?.text.indexOf('line') ?? -1;
    expect(text.slice(run?.offsets[index], (run?.offsets[index] ?? 0) + 4)).toBe('line');
  });

  it('records links, including {{< ref >}} inside a link destination', () => {
    const doc = parse('See [snapshots](/docs/reference/glossary/#snapshot) and [keys]({{< ref "glossary/#repository-key" >}}).\n');
    expect(doc.links.map((link) => [link.kind, link.destination, where(link.span), where(link.destinationSpan)])).toEqual([
      ['markdown', '/docs/reference/glossary/#snapshot', '1:5-1:52', '1:17-1:51'],
      ['ref', 'glossary/#repository-key', '1:57-1:103', '1:73-1:97'],
    ]);
  });
});
