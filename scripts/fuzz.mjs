// Mutation fuzzer for faqlint's parser, formatters and rules, in-process, on the BUILT package
// (run `npx tsc -p tsconfig.build.json` first).
//
//   node scripts/fuzz.mjs [--seconds 20] [--seed N] [--runs N] [--lint-every 4] [--max-failures 5]
//                         [--minimize-seconds 10] [--ignore REGEX]
//   node scripts/fuzz.mjs --input /tmp/faqlint-fuzz-….md      # re-check one saved input
//
// --ignore skips failures whose description matches REGEX (to hunt past a known bug locally;
// not for CI).
//
// Takes every *.md under fixtures/, mutates it (bit and byte flips, chunk duplication, deletion
// and swaps, shortcode/HTML/directive/front-matter fragments, line-ending changes, deep
// repetition, truncation, splices of other pages), and runs parseFaqDocument (and compares its
// model with the one read through mdast's tree) and every formatter on the result; every
// `--lint-every`-th input also goes through lint() (all rules). A failure is: anything
// throwing, a position outside the text (or whose line:column disagrees with its offset), two
// Q/A blocks that partly overlap, a rule crash, output that is not valid JSON or that carries a
// raw control character in stylish/compact, a model that differs from the mdast reading's.
// Each distinct failure is printed with the seed and the input's index, minimized, and written
// to /tmp; the exit code is then 1. Input number i depends only on the seed and i, so `--seed`
// reproduces a run (`--runs` fixes how many inputs; otherwise `--seconds` does).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
if (!fs.existsSync(path.join(dist, 'parse', 'document.js'))) {
  console.error('fuzz: build first (npx tsc -p tsconfig.build.json)');
  process.exit(2);
}
const { parseFaqDocument, parseFaqDocumentWithMdast } = await import(path.join(dist, 'parse', 'document.js'));
const { formatters } = await import(path.join(dist, 'formatters', 'index.js'));
const { lint, ruleInfo, VERSION } = await import(path.join(dist, 'index.js'));

// ---------------------------------------------------------------------------------- options

function parseArgs(argv) {
  const options = { seconds: 20, seed: undefined, runs: undefined, lintEvery: 4, maxFailures: 5, input: undefined, maxBytes: 256 * 1024, slowMs: 10_000, minimizeSeconds: 10, ignore: undefined };
  const number = (flag, value) => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < 0) {
      console.error(`fuzz: ${flag} takes a number, got ${JSON.stringify(value)}`);
      process.exit(2);
    }
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--seconds': options.seconds = number(flag, value); i++; break;
      case '--seed': options.seed = number(flag, value) >>> 0; i++; break;
      case '--runs': options.runs = Math.floor(number(flag, value)); i++; break;
      case '--lint-every': options.lintEvery = Math.floor(number(flag, value)); i++; break;
      case '--max-failures': options.maxFailures = Math.max(1, Math.floor(number(flag, value))); i++; break;
      case '--max-bytes': options.maxBytes = Math.floor(number(flag, value)); i++; break;
      case '--slow-ms': options.slowMs = number(flag, value); i++; break;
      case '--minimize-seconds': options.minimizeSeconds = number(flag, value); i++; break;
      case '--input': options.input = value; i++; break;
      case '--ignore': options.ignore = new RegExp(value ?? ''); i++; break;
      case '--help':
      case '-h':
        console.log(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((line) => line.startsWith('//')).map((line) => line.slice(3)).join('\n'));
        process.exit(0);
        break;
      default:
        console.error(`fuzz: unknown option ${flag}`);
        process.exit(2);
    }
  }
  options.seed ??= (Date.now() ^ (process.pid << 16)) >>> 0;
  return options;
}

// ------------------------------------------------------------------------------- randomness

/** splitmix32: a seed for input `index` that depends only on (seed, index). */
function mix(seed, index) {
  let z = (seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** mulberry32. */
function rng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

// -------------------------------------------------------------------------------- mutations

const FRAGMENTS = [
  '{{< details "Q?" >}}', '{{< /details >}}', '{{% faq title="Why?" %}}', '{{% /faq %}}', '{{< expand "How?" >}}', '{{< /expand >}}',
  '{{< highlight go >}}', '{{< /highlight >}}', '{{< ref "/docs/x" >}}', '{{< relref "glossary#x" >}}', '{{</* details */>}}', '{{<', '>}}', '{{%', '%}}',
  '<details>', '<summary>', '</summary>', '</details>', '<summary>Q?</summary>', '<!--', '-->', '<!-- faqlint-disable -->', '<!-- faqlint-enable -->',
  '<!-- faqlint-disable-next-line -->', '<a href="#x">', '<a id="y">', '</a>',
  ':::details[Q?]', ':::details{summary="Q?"}', ':::', '::::', '::: details Q?', '## H?', '# T', '###### ', '---', '+++', '...', '{', '}',
  'draft: true', 'title = "x"', '"draft": true,', 'a: &a [*a]', '[x](#y)', '[x]: /y', '[x][y]', '![i](j)', '|a|b|\n|-|-|', '```', '~~~', '`',
  '> ', '- ', '* ', '1. ', '    ', '\t', '\\', '"', "'", '?', '？', 'TODO: x', 'Lorem ipsum dolor sit amet', '{#id}',
  '\n', '\n\n', '\r\n', '\r', '\uFEFF', '\u2028', '\u202E', '\u0000', '\u001b[31m', '😀', 'é', '\uFFFD',
];
const DEEP = ['>', '> ', '- ', '* ', '1. ', '{{< details "Q?" >}}\n', '<details>\n', '::::', '[', '(', '*', '_', '`', '<', '{{<', '  - x\n'];
const WRAPPERS = [
  ['{{< details "Q?" >}}', '{{< /details >}}'],
  ['{{% faq title="Why?" %}}', '{{% /faq %}}'],
  ['{{< highlight md >}}', '{{< /highlight >}}'],
  ['<details>\n<summary>Q?</summary>\n', '\n</details>'],
  [':::details[Q?]', ':::'],
  ['::::details{summary="Q?"}', '::::'],
  ['::: details Q?', ':::'],
  ['```', '```'],
  ['## Q?\n', ''],
  ['> ', ''],
];
const INTERESTING_BYTES = [0x00, 0x0a, 0x0d, 0x09, 0x20, 0x22, 0x23, 0x2b, 0x2d, 0x3a, 0x3c, 0x3e, 0x5b, 0x5c, 0x5d, 0x60, 0x7b, 0x7d, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xef, 0xf0, 0xf4, 0xfe, 0xff];

const concat = (...parts) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

function lineStarts(bytes) {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) starts.push(i + 1);
  return starts;
}

/** The lines of `bytes`, each with its line break; the last one ends with one too. */
function splitLines(bytes) {
  const lines = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(Buffer.concat([bytes.subarray(start), Buffer.from('\n')]));
  return lines;
}

/** One mutation of `bytes`; returns new bytes and a short description. */
function mutate(bytes, r, corpus) {
  const n = bytes.length;
  const at = () => r.int(n + 1);
  const span = () => {
    const start = r.int(n + 1);
    const length = Math.min(n - start, 1 + r.int(r.chance(0.7) ? 64 : 4096));
    return [start, start + length];
  };
  switch (r.int(15)) {
    case 0: {
      if (n === 0) return [concat(r.pick(FRAGMENTS)), 'fragment into empty'];
      const out = Buffer.from(bytes);
      const i = r.int(n);
      out[i] ^= 1 << r.int(8);
      return [out, `bit flip @${i}`];
    }
    case 1: {
      if (n === 0) return [Buffer.from([r.pick(INTERESTING_BYTES)]), 'byte into empty'];
      const out = Buffer.from(bytes);
      const i = r.int(n);
      out[i] = r.chance(0.7) ? r.pick(INTERESTING_BYTES) : r.int(256);
      return [out, `byte set @${i}`];
    }
    case 2: {
      const i = at();
      const inserted = Array.from({ length: 1 + r.int(8) }, () => (r.chance(0.6) ? r.pick(INTERESTING_BYTES) : r.int(256)));
      return [concat(bytes.subarray(0, i), Buffer.from(inserted), bytes.subarray(i)), `random bytes @${i}`];
    }
    case 3: {
      const [s, e] = span();
      return [concat(bytes.subarray(0, s), bytes.subarray(e)), `delete [${s},${e})`];
    }
    case 4: {
      const [s, e] = span();
      const i = at();
      return [concat(bytes.subarray(0, i), bytes.subarray(s, e), bytes.subarray(i)), `duplicate [${s},${e}) @${i}`];
    }
    case 5: {
      const [s1, e1] = span();
      const [s2, e2] = span();
      if (e1 > s2 && e2 > s1) return [bytes, 'swap (overlapping, skipped)'];
      const [a, b] = s1 < s2 ? [[s1, e1], [s2, e2]] : [[s2, e2], [s1, e1]];
      return [concat(bytes.subarray(0, a[0]), bytes.subarray(b[0], b[1]), bytes.subarray(a[1], b[0]), bytes.subarray(a[0], a[1]), bytes.subarray(b[1])), `swap [${a}] [${b}]`];
    }
    case 6:
    case 7: {
      // A fragment, most often at a line start where block syntax means something.
      const starts = lineStarts(bytes);
      const i = r.chance(0.7) ? r.pick(starts) : at();
      const fragment = r.pick(FRAGMENTS);
      return [concat(bytes.subarray(0, i), fragment, r.chance(0.5) ? '\n' : '', bytes.subarray(i)), `fragment ${JSON.stringify(fragment)} @${i}`];
    }
    case 8: {
      const i = r.int(n + 1);
      return [bytes.subarray(0, i), `truncate @${i}`];
    }
    case 9: {
      const other = r.pick(corpus).bytes;
      const s = r.int(other.length + 1);
      const e = Math.min(other.length, s + 1 + r.int(2048));
      const i = r.chance(0.5) ? r.pick(lineStarts(bytes)) : at();
      return [concat(bytes.subarray(0, i), other.subarray(s, e), bytes.subarray(i)), `splice other [${s},${e}) @${i}`];
    }
    case 10: {
      // Deep nesting and long runs: the same fragment many times.
      const fragment = r.pick(DEEP);
      // Up to 4,000: deep enough to overflow a recursive walker, shallow enough that Markdown's
      // own cost on nested list markers stays in seconds.
      const times = r.chance(0.8) ? 2 + r.int(200) : 200 + r.int(3800);
      const i = r.pick(lineStarts(bytes));
      return [concat(bytes.subarray(0, i), fragment.repeat(times), ' x\n', bytes.subarray(i)), `repeat ${JSON.stringify(fragment)}×${times} @${i}`];
    }
    case 11: {
      const mode = r.int(3);
      const text = Buffer.from(bytes).toString('latin1');
      const converted = mode === 0 ? text.replace(/\r?\n/g, '\r\n') : mode === 1 ? text.replace(/\r?\n/g, '\r') : text.replace(/\r\n?/g, '\n');
      return [Buffer.from(converted, 'latin1'), ['to CRLF', 'to CR', 'to LF'][mode]];
    }
    case 13: {
      // Wrap a run of lines in a block: applied twice, blocks nest or cross.
      const lines = splitLines(bytes);
      const i = r.int(lines.length + 1);
      const j = Math.min(lines.length, i + r.int(12));
      const [open, close] = r.pick(WRAPPERS);
      lines.splice(j, 0, Buffer.from(`${close}\n`));
      lines.splice(i, 0, Buffer.from(`${open}\n`));
      return [Buffer.concat(lines), `wrap lines ${i}..${j} in ${JSON.stringify(open)}`];
    }
    case 14: {
      // Two blocks whose ranges cross: A opens, B opens, A closes, B closes.
      const lines = splitLines(bytes);
      const cuts = [r.int(lines.length + 1), r.int(lines.length + 1), r.int(lines.length + 1), r.int(lines.length + 1)].sort((a, b) => a - b);
      const [a, b] = [r.pick(WRAPPERS), r.pick(WRAPPERS)];
      const marks = [`${a[0]}\n`, `${b[0]}\n`, `${a[1]}\n`, `${b[1]}\n`];
      for (let k = 3; k >= 0; k--) lines.splice(cuts[k], 0, Buffer.from(marks[k]));
      return [Buffer.concat(lines), `crossing ${JSON.stringify(a[0])} / ${JSON.stringify(b[0])} at lines ${cuts}`];
    }
    default: {
      if (r.chance(0.5)) return [concat('\uFEFF', bytes), 'BOM'];
      const fm = r.pick(['---\n', '+++\n', '{\n', '---\ndraft: true\n---\n', '+++\ndraft = true\n+++\n', '{"draft": true}\n', '---\r\n', '---\n---\n']);
      return [concat(fm, bytes), `front matter ${JSON.stringify(fm)}`];
    }
  }
}

/** Input number `index` of a run: a mutated fixture, decoded as faqlint would, sometimes with lone surrogates. */
function makeInput(seed, index, corpus, maxBytes) {
  const r = rng(mix(seed, index));
  const base = r.pick(corpus);
  let bytes = base.bytes;
  const steps = [];
  const count = 1 + r.int(r.chance(0.8) ? 4 : 12);
  for (let k = 0; k < count; k++) {
    const [next, description] = mutate(bytes, r, corpus);
    bytes = next.length > maxBytes ? next.subarray(0, maxBytes) : next;
    steps.push(description);
  }
  let text = new TextDecoder('utf-8').decode(bytes);
  if (r.chance(0.1) && text.length > 0) {
    const i = r.int(text.length + 1);
    const unit = String.fromCharCode(r.chance(0.5) ? 0xd800 + r.int(0x400) : 0xdc00 + r.int(0x400));
    text = text.slice(0, i) + unit + text.slice(i);
    steps.push(`lone surrogate @${i}`);
  }
  return { text, base: base.name, steps };
}

// -------------------------------------------------------------------------------- the checks

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TERMINAL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Problems with one document's positions; an empty list when all is well. */
function checkDocument(document, source) {
  const problems = [];
  const { text, lineIndex } = document;
  const expectedText = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  if (text !== expectedText) problems.push('document.text is not the source without its BOM');
  const lines = lineIndex.lineCount;
  const point = (where, p) => {
    if (!p || ![p.line, p.column, p.offset].every(Number.isInteger)) return problems.push(`${where}: not a point ${JSON.stringify(p)}`);
    if (p.line < 1 || p.line > lines) problems.push(`${where}: line ${p.line} outside 1..${lines}`);
    if (p.column < 1) problems.push(`${where}: column ${p.column}`);
    if (p.offset < 0 || p.offset > text.length) problems.push(`${where}: offset ${p.offset} outside 0..${text.length}`);
    const expected = lineIndex.point(p.offset);
    if (expected.line !== p.line || expected.column !== p.column) problems.push(`${where}: ${p.line}:${p.column} but offset ${p.offset} is ${expected.line}:${expected.column}`);
    return undefined;
  };
  const span = (where, s) => {
    point(`${where}.start`, s?.start);
    point(`${where}.end`, s?.end);
    if (s?.start && s?.end && s.start.offset > s.end.offset) problems.push(`${where}: ends before it starts`);
  };
  const offset = (where, o) => {
    if (!Number.isInteger(o) || o < 0 || o > text.length) problems.push(`${where}: offset ${o} outside 0..${text.length}`);
  };
  document.blocks.forEach((block, i) => {
    span(`blocks[${i}].span`, block.span);
    span(`blocks[${i}].questionSpan`, block.questionSpan);
    span(`blocks[${i}].answerSpan`, block.answerSpan);
  });
  document.headings.forEach((heading, i) => span(`headings[${i}]`, heading.span));
  document.sections.forEach((section, i) => span(`sections[${i}]`, section.span));
  document.links.forEach((link, i) => {
    span(`links[${i}].span`, link.span);
    span(`links[${i}].destinationSpan`, link.destinationSpan);
  });
  document.textRuns.forEach((run, i) => {
    if (run.offsets.length !== run.text.length) problems.push(`textRuns[${i}]: ${run.offsets.length} offsets for ${run.text.length} characters`);
    for (let k = 0; k < run.offsets.length; k++) offset(`textRuns[${i}].offsets[${k}]`, run.offsets[k]);
    offset(`textRuns[${i}].endOffset`, run.endOffset);
  });
  document.shortcodes.forEach((shortcode, i) => {
    span(`shortcodes[${i}]`, shortcode.span);
    shortcode.params.forEach((param, k) => span(`shortcodes[${i}].params[${k}]`, param.span));
  });
  document.comments.forEach((comment, i) => span(`comments[${i}]`, comment.span));
  document.htmlAnchors.forEach((anchor, i) => span(`htmlAnchors[${i}]`, anchor.span));
  document.parseProblems.forEach((problem, i) => span(`parseProblems[${i}]`, problem.span));
  const blocks = document.blocks.map((block) => [block.span.start.offset, block.span.end.offset]);
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      const [a0, a1] = blocks[i];
      const [b0, b1] = blocks[j];
      if (!(a1 <= b0 || b1 <= a0) && !((a0 <= b0 && b1 <= a1) || (b0 <= a0 && a1 <= b1))) problems.push(`blocks[${i}] and blocks[${j}] partly overlap`);
    }
  }
  return problems;
}

/** Findings made from the document (its parse problems, its questions), for the formatters. */
function resultsFor(document) {
  const messages = [
    ...document.parseProblems.map((problem) => ({ ruleId: 'parse-error', severity: 2, message: problem.message, span: problem.span })),
    ...document.blocks.map((block) => ({ ruleId: 'fuzz-question', severity: 1, message: `Question "${block.question}" (${block.answerText.slice(0, 200)})`, span: block.questionSpan })),
    ...document.headings.map((heading) => ({ ruleId: 'fuzz-heading', severity: 1, message: heading.text, span: heading.span })),
  ].map(({ span, ...rest }) => ({ ...rest, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column }));
  return [
    {
      filePath: path.join(root, 'fuzz', `faq ${document.text.slice(0, 12).replace(/\//g, '_')}.md`),
      messages,
      errorCount: messages.filter((message) => message.severity === 2).length,
      warningCount: messages.filter((message) => message.severity === 1).length,
    },
  ];
}

// eslint-disable-next-line no-control-regex -- what XML 1.0 cannot carry
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const formatterContext = (color) => ({ cwd: root, color, rules: ruleInfo(), version: VERSION });

function checkFormatters(results) {
  const problems = [];
  for (const [name, format] of Object.entries(formatters)) {
    for (const color of name === 'stylish' ? [false, true] : [false]) {
      const output = format(results, formatterContext(color));
      if (typeof output !== 'string') problems.push(`${name}: returned ${typeof output}`);
      else if ((name === 'stylish' && !color) || name === 'compact') {
        if (UNSAFE_TERMINAL.test(output)) problems.push(`${name}: raw control character U+${output.match(UNSAFE_TERMINAL)[0].charCodeAt(0).toString(16).padStart(4, '0')} in the output`);
      } else if (name === 'json' || name === 'sarif') {
        JSON.parse(output);
      } else if (name === 'github') {
        const lines = output === '' ? 0 : output.trimEnd().split('\n').length;
        const count = results.reduce((sum, result) => sum + result.messages.length, 0);
        if (lines !== count) problems.push(`github: ${lines} lines for ${count} messages`);
        if (/\r/.test(output)) problems.push('github: raw CR in the output');
      } else if (name === 'junit' && XML_FORBIDDEN.test(output)) {
        problems.push('junit: a character XML 1.0 cannot carry');
      }
    }
  }
  return problems;
}

let lintDir;
async function checkLint(text) {
  lintDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-fuzz-lint-'));
  const run = await lint({ cwd: lintDir, noConfigLookup: true, stdin: { text, filePath: 'faq.md' } });
  const problems = run.internalErrors.map((error) => `rule crashed: ${error}`);
  const document = parseFaqDocument('faq.md', text);
  const lines = document.lineIndex.lineCount;
  for (const result of run.results) {
    for (const message of result.messages) {
      for (const [line, column, which] of [[message.line, message.column, 'start'], [message.endLine, message.endColumn, 'end']]) {
        if (!Number.isInteger(line) || line < 1 || line > lines || !Number.isInteger(column) || column < 1) {
          problems.push(`${message.ruleId} ${which} ${line}:${column} outside the text (${lines} lines)`);
          continue;
        }
        const width = (line < lines ? document.lineIndex.lineStart(line + 1) : document.text.length) - document.lineIndex.lineStart(line);
        if (column > width + 1) problems.push(`${message.ruleId} ${which} ${line}:${column} past the end of line ${line} (${width} characters)`);
      }
    }
  }
  return problems;
}

let ignored;

/** A document's model but its trees, as one string (what the two readings must agree on). */
function modelOf(document) {
  const facts = Object.fromEntries(Object.entries(document).filter(([key]) => key !== 'text' && key !== 'lineIndex' && key !== 'tree'));
  const blocks = document.blocks.map((block) => Object.fromEntries(Object.entries(block).filter(([key]) => key !== 'node')));
  return JSON.stringify({ ...facts, blocks, textRuns: document.textRuns.map((run) => ({ ...run, offsets: Array.from(run.offsets) })) });
}

/** Everything that can go wrong with one input: an empty list, or the failure's description. */
async function failuresOf(text, withLint) {
  const failures = [];
  const guard = async (stage, fn) => {
    try {
      failures.push(...(await fn()).map((problem) => `${stage}: ${problem}`));
    } catch (error) {
      failures.push(`${stage} threw ${error?.name ?? 'error'}: ${String(error?.message ?? error).split('\n')[0]}`);
    }
  };
  let document;
  await guard('parse', () => {
    document = parseFaqDocument('/fuzz/faq.md', text);
    return checkDocument(document, text);
  });
  if (document) await guard('mdast reading', () => (modelOf(document) === modelOf(parseFaqDocumentWithMdast('/fuzz/faq.md', text)) ? [] : ['the model differs from the one read through mdast']));
  if (document) await guard('formatters', () => checkFormatters(resultsFor(document)));
  if (withLint) await guard('lint', () => checkLint(text));
  return ignored ? failures.filter((failure) => !ignored.test(failure)) : failures;
}

/** What identifies a failure for deduplication and minimization: the first problem, numbers dropped. */
const signatureOf = (failures) => (failures[0] ?? '').replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"');

// -------------------------------------------------------------------------------- minimizing

/** Delta debugging on characters, then lines: the smallest input that fails the same way. */
async function minimize(text, signature, withLint, deadline) {
  const fails = async (candidate) => signatureOf(await failuresOf(candidate, withLint)) === signature;
  let best = text;
  for (let chunk = Math.max(1, Math.floor(best.length / 2)); chunk >= 1 && Date.now() < deadline; ) {
    let removed = false;
    for (let start = 0; start < best.length && Date.now() < deadline; ) {
      const candidate = best.slice(0, start) + best.slice(start + chunk);
      if (candidate.length < best.length && (await fails(candidate))) {
        best = candidate;
        removed = true;
      } else {
        start += chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  // Then try to simplify characters: every non-ASCII character to "x".
  for (let i = 0; i < best.length && Date.now() < deadline; i++) {
    if (best.charCodeAt(i) < 0x80) continue;
    const candidate = `${best.slice(0, i)}x${best.slice(i + 1)}`;
    if (await fails(candidate)) best = candidate;
  }
  return best;
}

/** An input for the log: JSON-quoted, long runs of one unit shown as (unit)×N, at most ~300 characters. */
function abbreviate(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/([\s\S]{1,24}?)\1{7,}/g)) {
    if (match.index > last) parts.push(JSON.stringify(text.slice(last, match.index)));
    parts.push(`${JSON.stringify(match[1])}×${match[0].length / match[1].length}`);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(JSON.stringify(text.slice(last)));
  const shown = parts.join(' + ') || '""';
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}

// -------------------------------------------------------------------------------------- main

function loadCorpus() {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push({ name: path.relative(root, full), bytes: fs.readFileSync(full) });
    }
  };
  walk(path.join(root, 'fixtures'));
  if (files.length === 0) {
    console.error('fuzz: no *.md under fixtures/');
    process.exit(2);
  }
  return files;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  ignored = options.ignore;

  if (options.input !== undefined) {
    const text = new TextDecoder('utf-8').decode(fs.readFileSync(options.input));
    const failures = await failuresOf(text, true);
    for (const failure of failures) console.log(`  ${failure}`);
    console.log(`fuzz: 1 input, ${failures.length === 0 ? 0 : 1} failures`);
    process.exit(failures.length === 0 ? 0 : 1);
  }

  const corpus = loadCorpus();
  const started = Date.now();
  const stopAt = started + options.seconds * 1000;
  const seen = new Map();
  let inputs = 0;
  let slowest = { ms: 0, index: -1 };
  console.log(`fuzz: seed ${options.seed}, ${corpus.length} pages from fixtures/, ${options.runs !== undefined ? `${options.runs} inputs` : `${options.seconds} s`}`);

  for (let index = 0; options.runs !== undefined ? index < options.runs : Date.now() < stopAt; index++) {
    const input = makeInput(options.seed, index, corpus, options.maxBytes);
    const withLint = options.lintEvery > 0 && index % options.lintEvery === 0;
    const t0 = Date.now();
    const failures = await failuresOf(input.text, withLint);
    const ms = Date.now() - t0;
    inputs++;
    if (ms > slowest.ms) slowest = { ms, index };
    if (ms > options.slowMs) {
      const file = path.join(os.tmpdir(), `faqlint-fuzz-slow-${options.seed}-${index}.md`);
      fs.writeFileSync(file, input.text);
      console.log(`fuzz: slow input (${ms} ms, not a failure): seed ${options.seed} index ${index}, written to ${file}`);
    }
    if (failures.length === 0) continue;
    const signature = signatureOf(failures);
    if (seen.has(signature)) continue;
    const stem = path.join(os.tmpdir(), `faqlint-fuzz-${options.seed}-${index}`);
    fs.writeFileSync(`${stem}.orig.md`, input.text);
    const minimized = await minimize(input.text, signature, withLint, Date.now() + options.minimizeSeconds * 1000);
    fs.writeFileSync(`${stem}.md`, minimized);
    seen.set(signature, index);
    console.log(`\nfuzz: FAILURE at seed ${options.seed} index ${index} (from ${input.base}: ${input.steps.join('; ')})`);
    for (const failure of failures.slice(0, 5)) console.log(`  ${failure}`);
    if (failures.length > 5) console.log(`  … and ${failures.length - 5} more`);
    console.log(`  input:     ${stem}.orig.md (${input.text.length} characters)`);
    console.log(`  minimized: ${stem}.md (${minimized.length} characters): ${abbreviate(minimized)}`);
    console.log(`  reproduce: node scripts/fuzz.mjs --seed ${options.seed} --runs ${index + 1}   or   node scripts/fuzz.mjs --input ${stem}.md`);
    if (seen.size >= options.maxFailures) break;
  }

  if (lintDir) fs.rmSync(lintDir, { recursive: true, force: true });
  console.log(`fuzz: slowest input ${slowest.ms} ms (index ${slowest.index}), ${((Date.now() - started) / 1000).toFixed(1)} s in all`);
  console.log(`fuzz: ${inputs} inputs, ${seen.size} failures`);
  process.exit(seen.size === 0 ? 0 : 1);
}

await main();
