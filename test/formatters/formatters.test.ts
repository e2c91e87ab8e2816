import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/engine/results.js';
import { formatCompact } from '../../src/formatters/compact.js';
import { formatGithub } from '../../src/formatters/github.js';
import { formatJunit } from '../../src/formatters/junit.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import type { FormatterContext } from '../../src/formatters/types.js';
import { checkWellFormed } from '../helpers/xml.js';

// Hand-built results that exercise every escaping path: a folder and a file name with a space
// and a non-ASCII letter, a file outside the folder with `,` and `:` in its name, and a message
// with a newline, `%`, `,`, `:`, `<`, `&`, `]]>` and an ANSI escape.
const cwd = path.resolve('/srv/my site');
const faqPath = path.join(cwd, 'docs', 'Häufige Fragen.md');
const outsidePath = path.resolve('/elsewhere/notes, v2: draft.md');
const cleanPath = path.join(cwd, 'clean.md');
const nastyMessage = 'Placeholder "TODO" left in answer:\nfill 100%, then <ship> & ]]> done \u001b[31mnow';

const results: LintResult[] = [
  {
    filePath: faqPath,
    messages: [
      { ruleId: 'no-placeholder', severity: 2, message: nastyMessage, line: 3, column: 5, endLine: 3, endColumn: 9 },
      {
        ruleId: 'no-duplicate-question',
        severity: 1,
        message: 'Question asked twice',
        line: 10,
        column: 1,
        endLine: 12,
        endColumn: 4,
        related: [{ message: 'first asked here', filePath: path.join(cwd, 'faq.md'), line: 2, column: 4, endLine: 2, endColumn: 20 }],
      },
    ],
    errorCount: 1,
    warningCount: 1,
  },
  {
    filePath: outsidePath,
    messages: [{ ruleId: 'plugin/odd-rule', severity: 2, message: "line one\r\nline two: 50% isn't <ok>", line: 1, column: 1, endLine: 1, endColumn: 1 }],
    errorCount: 1,
    warningCount: 0,
  },
  { filePath: cleanPath, messages: [], errorCount: 0, warningCount: 0 },
];

const context: FormatterContext = {
  cwd,
  color: false,
  version: '1.2.3',
  rules: [
    { id: 'no-placeholder', description: 'Answers must not contain placeholder text.', defaultSeverity: 'error', docsUrl: 'https://faqlint.dev/rules/no-placeholder' },
    { id: 'no-duplicate-question', description: 'A question is asked once per site.', defaultSeverity: 'warn', docsUrl: 'https://faqlint.dev/rules/no-duplicate-question' },
    { id: 'parse-error', description: 'A problem in the source.', defaultSeverity: 'error', docsUrl: 'https://faqlint.dev/rules/parse-error' },
  ],
};

describe('github', () => {
  it('writes one escaped workflow command per message', () => {
    const output = formatGithub(results, context);
    expect(output.endsWith('\n')).toBe(true);
    expect(output.slice(0, -1).split('\n')).toEqual([
      '::error file=docs/Häufige Fragen.md,line=3,endLine=3,col=5,endColumn=9,title=no-placeholder::Placeholder "TODO" left in answer:%0Afill 100%25, then <ship> & ]]> done \\x1b[31mnow',
      // A span over several lines gets no columns: GitHub only takes them on a single line.
      '::warning file=docs/Häufige Fragen.md,line=10,endLine=12,title=no-duplicate-question::Question asked twice',
      "::error file=../../elsewhere/notes%2C v2%3A draft.md,line=1,endLine=1,col=1,endColumn=1,title=plugin/odd-rule::line one%0D%0Aline two: 50%25 isn't <ok>",
    ]);
  });

  it('prints nothing when there is nothing to report', () => {
    expect(formatGithub([], context)).toBe('');
    expect(formatGithub([{ filePath: cleanPath, messages: [], errorCount: 0, warningCount: 0 }], context)).toBe('');
  });
});

describe('compact', () => {
  it('writes path:line:column lines with neutralized text and a count', () => {
    expect(formatCompact(results, context)).toBe(
      [
        'docs/Häufige Fragen.md:3:5: error Placeholder "TODO" left in answer:\\nfill 100%, then <ship> & ]]> done \\x1b[31mnow [no-placeholder]',
        'docs/Häufige Fragen.md:10:1: warning Question asked twice [no-duplicate-question]',
        "../../elsewhere/notes, v2: draft.md:1:1: error line one\\x0d\\nline two: 50% isn't <ok> [plugin/odd-rule]",
        '3 problems',
        '',
      ].join('\n'),
    );
  });

  it('neutralizes control characters in the path', () => {
    const output = formatCompact([{ filePath: path.join(cwd, 'evil\u001b[2Jname.md'), messages: [{ ruleId: 'parse-error', severity: 1, message: 'x', line: 1, column: 2, endLine: 1, endColumn: 3 }], errorCount: 0, warningCount: 1 }], context);
    expect(output).toBe('evil\\x1b[2Jname.md:1:2: warning x [parse-error]\n1 problem\n');
  });

  it('prints nothing when there is nothing to report', () => {
    expect(formatCompact([], context)).toBe('');
    expect(formatCompact([{ filePath: cleanPath, messages: [], errorCount: 0, warningCount: 0 }], context)).toBe('');
  });
});

describe('sarif', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sarif-schema-2.1.0.json'), 'utf8')) as object;
  // ajv-draft-04 is CommonJS; under NodeNext its default import is `module.exports`, whose `default` is the class.
  const ajv = new Ajv.default({ allErrors: true });
  // RFC 3986, strictly: a raw space or non-ASCII letter in a URI fails the schema's formats.
  const uriCharacters = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]]|%[0-9A-Fa-f]{2})*$/;
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;
  ajv.addFormat('uri', (value: string) => scheme.test(value) && uriCharacters.test(value));
  ajv.addFormat('uri-reference', (value: string) => uriCharacters.test(value) && (scheme.test(value) || !/^[^/?#]*:/.test(value)));
  ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
  const validate = ajv.compile(schema);

  interface SarifLocation {
    id?: number;
    message?: { text: string };
    physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> };
  }
  interface SarifLog {
    $schema: string;
    version: string;
    runs: Array<{
      tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; name: string; helpUri: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }> } };
      originalUriBaseIds: Record<string, { uri: string }>;
      results: Array<{ ruleId: string; ruleIndex?: number; level: string; message: { text: string }; locations: SarifLocation[]; relatedLocations?: SarifLocation[] }>;
    }>;
  }

  function sarif(input: readonly LintResult[]): SarifLog {
    const output = formatSarif(input, context);
    expect(validate(JSON.parse(output)), ajv.errorsText(validate.errors, { separator: '\n' })).toBe(true);
    return JSON.parse(output) as SarifLog;
  }

  it('is valid SARIF 2.1.0 with the rule table and the tool', () => {
    const log = sarif(results);
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: 'faqlint', version: '1.2.3', informationUri: 'https://github.com/faqlint/faqlint' });
    expect(driver.rules.map((rule) => rule.id)).toEqual(['no-placeholder', 'no-duplicate-question', 'parse-error']);
    expect(driver.rules[1]).toEqual({
      id: 'no-duplicate-question',
      name: 'NoDuplicateQuestion',
      shortDescription: { text: 'A question is asked once per site.' },
      fullDescription: { text: 'A question is asked once per site.' },
      helpUri: 'https://faqlint.dev/rules/no-duplicate-question',
      defaultConfiguration: { level: 'warning' },
    });
    expect(driver.rules[0]!.defaultConfiguration.level).toBe('error');
  });

  it('points each result at its rule, file and region', () => {
    const run = sarif(results).runs[0]!;
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///srv/my%20site/' } });
    expect(run.results).toHaveLength(3);
    const [placeholder, duplicate, outside] = run.results;

    expect(placeholder).toEqual({
      ruleId: 'no-placeholder',
      ruleIndex: 0,
      level: 'error',
      message: { text: nastyMessage },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'docs/H%C3%A4ufige%20Fragen.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } }],
    });

    expect(duplicate!.ruleIndex).toBe(1);
    expect(duplicate!.level).toBe('warning');
    expect(duplicate!.locations[0]!.physicalLocation.region).toEqual({ startLine: 10, startColumn: 1, endLine: 12, endColumn: 4 });
    expect(duplicate!.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'faq.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 2, startColumn: 4, endLine: 2, endColumn: 20 } }, message: { text: 'first asked here' } },
    ]);

    // A rule missing from the table gets no ruleIndex; a file outside cwd gets an absolute file URL.
    expect(outside!.ruleId).toBe('plugin/odd-rule');
    expect(outside).not.toHaveProperty('ruleIndex');
    expect(outside!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: pathToFileURL(outsidePath).href });
    expect(outside!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('file:///elsewhere/notes,%20v2:%20draft.md');
  });

  it('gives URIs that resolve back to the linted files', () => {
    const run = sarif(results).runs[0]!;
    const base = run.originalUriBaseIds['%SRCROOT%']!.uri;
    const resolved = run.results.map((result) => {
      const { uri, uriBaseId } = result.locations[0]!.physicalLocation.artifactLocation;
      return fileURLToPath(uriBaseId === undefined ? uri : new URL(uri, base));
    });
    expect(resolved).toEqual([faqPath, faqPath, outsidePath]);
  });

  it('percent-encodes a colon in the first segment so it cannot read as a scheme', () => {
    const log = sarif([{ filePath: path.join(cwd, 'c:faq #1?.md'), messages: [{ ruleId: 'parse-error', severity: 2, message: 'x', line: 1, column: 1, endLine: 1, endColumn: 2 }], errorCount: 1, warningCount: 0 }]);
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe('c%3Afaq%20%231%3F.md');
  });

  it('has a schema check that would catch an unencoded URI or a missing field', () => {
    const log = JSON.parse(formatSarif(results, context)) as SarifLog;
    log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'docs/Häufige Fragen.md';
    expect(validate(log)).toBe(false);
    const incomplete = JSON.parse(formatSarif(results, context)) as Partial<SarifLog>;
    delete incomplete.version;
    expect(validate(incomplete)).toBe(false);
  });

  it('is deterministic and pretty-printed', () => {
    const output = formatSarif(results, context);
    expect(formatSarif(results, context)).toBe(output);
    expect(output).toBe(JSON.stringify(JSON.parse(output), null, 2));
  });

  it('is a valid log with no results when there is nothing to report', () => {
    for (const input of [[], [{ filePath: cleanPath, messages: [], errorCount: 0, warningCount: 0 }]]) {
      const run = sarif(input).runs[0]!;
      expect(run.results).toEqual([]);
      expect(run.tool.driver.rules).toHaveLength(3);
    }
  });
});


describe('junit', () => {
  it('writes a testsuite per file and a failing testcase per message, escaped', () => {
    const output = formatJunit(results, context);
    expect(output).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites>',
        '<testsuite package="org.faqlint" time="0" tests="2" errors="2" name="docs/Häufige Fragen.md">',
        '<testcase time="0" name="org.faqlint.no-placeholder" classname="docs/Häufige Fragen">' +
          '<failure message="Placeholder &quot;TODO&quot; left in answer:&#10;fill 100%, then &lt;ship&gt; &amp; ]]&gt; done [31mnow">' +
          '<![CDATA[line 3, col 5, Error - Placeholder "TODO" left in answer:\nfill 100%, then <ship> & ]]]]><![CDATA[> done [31mnow (no-placeholder)]]>' +
          '</failure></testcase>',
        '<testcase time="0" name="org.faqlint.no-duplicate-question" classname="docs/Häufige Fragen">' +
          '<failure message="Question asked twice"><![CDATA[line 10, col 1, Warning - Question asked twice (no-duplicate-question)]]></failure></testcase>',
        '</testsuite>',
        '<testsuite package="org.faqlint" time="0" tests="1" errors="1" name="../../elsewhere/notes, v2: draft.md">',
        '<testcase time="0" name="org.faqlint.plugin/odd-rule" classname="../../elsewhere/notes, v2: draft">' +
          '<failure message="line one&#13;&#10;line two: 50% isn&apos;t &lt;ok&gt;">' +
          "<![CDATA[line 1, col 1, Error - line one\r\nline two: 50% isn't <ok> (plugin/odd-rule)]]>" +
          '</failure></testcase>',
        '</testsuite>',
        '<testsuite package="org.faqlint" time="0" tests="1" errors="0" name="clean.md">',
        '<testcase time="0" name="org.faqlint" classname="clean" />',
        '</testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
    checkWellFormed(output);
  });

  it('strips characters XML 1.0 cannot hold from every text, including paths and rule ids', () => {
    const output = formatJunit(
      [{ filePath: path.join(cwd, 'a\u0001b.md'), messages: [{ ruleId: 'r\u0002', severity: 1, message: 'bell\u0007 nul\u0000 tab\tok \uFFFF \uD800', line: 1, column: 1, endLine: 1, endColumn: 1 }], errorCount: 0, warningCount: 1 }],
      context,
    );
    expect(output).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFF\uD800]/);
    expect(output).toContain('name="ab.md"');
    expect(output).toContain('<failure message="bell nul tab&#9;ok  ">');
    expect(output).toContain('Warning - bell nul tab\tok   (r)]]>');
    checkWellFormed(output);
  });

  it('is an empty, well-formed report when there is nothing to report', () => {
    const output = formatJunit([], context);
    expect(output).toBe('<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n</testsuites>\n');
    checkWellFormed(output);
  });

  it('the well-formedness check catches broken XML', () => {
    expect(() => checkWellFormed('<a><b></a>')).toThrow();
    expect(() => checkWellFormed('<a>x & y</a>')).toThrow();
    expect(() => checkWellFormed('<a>x < y</a>')).toThrow();
    expect(() => checkWellFormed('<a></a><b></b>')).toThrow();
  });
});
