import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/config.js';
import { lint, loadConfig } from '../engine/lint.js';
import { formatters } from '../formatters/index.js';
import { modelToJson } from '../model/print-model.js';
import { DEFAULT_PARSE_OPTIONS, parseFaqDocument } from '../parse/document.js';
import type { SeverityName } from '../rules/define-rule.js';
import { ruleDocsUrl } from '../rules/define-rule.js';
import { builtinRules } from '../rules/index.js';
import type { FormatterRuleInfo } from '../formatters/types.js';
import { readSource } from '../engine/read-source.js';
import { VERSION } from '../version.js';

/** Where the CLI writes; tests and embedders can capture it. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

const defaultIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});

const EXAMPLES = `
Examples:
  $ faqlint                              lint every Markdown file under the current folder
  $ faqlint content/en/faq/_index.md     lint one page
  $ faqlint "content/**/*.md"            lint files matching a glob
  $ faqlint --format json . > out.json   ESLint-compatible JSON
  $ faqlint --max-warnings 0 content     fail CI on warnings too (drafts)
  $ faqlint rules                        list the rules
  $ faqlint --print-model faq.md         show the document model rule writers read

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, config or internal failure.`;

interface CliOptions {
  format: string;
  color?: boolean;
  config?: string;
  configLookup: boolean;
  printModel?: string;
  debug?: boolean;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  reportUnusedDisableDirectives?: boolean;
}

function parseRuleOption(values: readonly string[] | undefined): Record<string, SeverityName> {
  const overrides: Record<string, SeverityName> = {};
  for (const value of values ?? []) {
    const match = /^([\w/-]+):(off|warn|error)$/.exec(value.trim());
    if (!match) throw new ConfigError(`--rule takes id:severity (off, warn or error), got "${value}"`);
    overrides[match[1] as string] = match[2] as SeverityName;
  }
  return overrides;
}

/** The rule table formatters get: built-in rules plus the engine's own ids. */
function formatterRules(): FormatterRuleInfo[] {
  return [
    ...builtinRules.map((rule) => ({ id: rule.meta.id, description: rule.meta.description, defaultSeverity: rule.meta.defaultSeverity, docsUrl: ruleDocsUrl(rule.meta.id) })),
    { id: 'parse-error', description: 'A problem in the source that faqlint could not read as written (unclosed shortcode, broken front matter).', defaultSeverity: 'error', docsUrl: ruleDocsUrl('parse-error') },
    { id: 'rule-error', description: 'A rule crashed on this file; other rules still ran.', defaultSeverity: 'error', docsUrl: ruleDocsUrl('rule-error') },
    { id: 'unused-disable-directive', description: 'A faqlint-disable comment that silences no problem.', defaultSeverity: 'warn', docsUrl: ruleDocsUrl('unused-disable-directive') },
  ];
}

function listRules(io: CliIo): number {
  const idWidth = Math.max(...builtinRules.map((rule) => rule.meta.id.length));
  const lines = builtinRules.map((rule) => `${rule.meta.id.padEnd(idWidth)}  ${rule.meta.defaultSeverity.padEnd(5)}  ${rule.meta.description}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

function printModel(file: string, io: CliIo): number {
  const absolute = path.resolve(io.cwd, file);
  const read = readSource(absolute);
  if (!read.ok) throw new ConfigError(`${file}: ${read.message}`);
  const config = loadConfig({ cwd: io.cwd }).config;
  const document = parseFaqDocument(absolute, read.text, {
    blockNames: [...DEFAULT_PARSE_OPTIONS.blockNames, ...(config.shortcodes?.blocks ?? [])],
    codeShortcodes: [...DEFAULT_PARSE_OPTIONS.codeShortcodes, ...(config.shortcodes?.code ?? [])],
  });
  io.stdout(`${JSON.stringify(modelToJson(document), null, 2)}\n`);
  return 0;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    if (argv[0] === 'rules') return listRules(io);
    return await run(argv, io);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ConfigError) {
      io.stderr(`faqlint: ${message}\n`);
    } else {
      io.stderr(`faqlint: internal error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`);
    }
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return 2;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('faqlint')
    .description('Lint FAQ pages written in Markdown: duplicate questions, placeholder text, broken glossary links, drafts.')
    .version(VERSION, '-v, --version')
    .argument('[paths...]', 'files, folders or globs to lint (default: the current folder)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('-c, --config <file>', 'use this config file instead of looking for .faqlintrc.json')
    .option('--no-config-lookup', 'ignore .faqlintrc.json files')
    .option('--rule <id:severity...>', 'set a rule\'s severity, e.g. --rule no-draft:error (repeatable)')
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this', (value) => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) throw new ConfigError(`--max-warnings takes a whole number, got "${value}"`);
      return parsed;
    })
    .option('--quiet', 'report errors only')
    .option('--report-unused-disable-directives', 'report faqlint-disable comments that silence nothing, as errors')
    .option('--color', 'force coloured output')
    .option('--no-color', 'never colour the output')
    .option('--print-model <file>', 'print the parsed document model of one file as JSON and exit')
    .option('--debug', 'show stack traces for internal errors')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`faqlint: ${text.replace(/^error: /, '')}`),
    });
  program.parse([...argv], { from: 'user' });
  const options = program.opts<CliOptions>();
  const patterns = program.args;

  if (options.printModel !== undefined) return printModel(options.printModel, io);

  const run = await lint({
    patterns,
    cwd: io.cwd,
    configFile: options.config,
    noConfigLookup: options.configLookup === false,
    ruleOverrides: parseRuleOption(options.rule),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: 'error' as const } : {}),
  });
  let results = run.results;
  if (options.quiet) {
    results = results.map((result) => ({ ...result, messages: result.messages.filter((message) => message.severity === 2), warningCount: 0 }));
  }
  const explicitColor = argv.includes('--color') ? true : argv.includes('--no-color') ? false : undefined;
  const color = explicitColor ?? (io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb');
  const formatter = formatters[options.format] as NonNullable<(typeof formatters)[string]>;
  const output = formatter(results, { cwd: io.cwd, color, rules: formatterRules(), version: VERSION });
  if (output !== '') io.stdout(output.endsWith('\n') ? output : `${output}\n`);

  for (const problem of run.internalErrors) io.stderr(`faqlint: ${problem}\n`);
  if (run.internalErrors.length > 0) return 2;
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`faqlint: too many warnings (${warnings}); the maximum is ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
