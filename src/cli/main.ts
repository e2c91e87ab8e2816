import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  ConfigError,
  configForFile,
  formatters,
  initConfig,
  lint,
  loadConfig,
  modelToJson,
  parseFile,
  ruleInfo,
  VERSION,
  type CacheStrategy,
  type Concurrency,
  type LintResult,
  type SeverityName,
} from '../api.js';
import { progressLine } from './progress-line.js';

/** Where the CLI reads and writes; tests and embedders can capture it. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  /** Whether stderr is a terminal: long runs then show a progress line there. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const defaultIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: () => readAll(process.stdin),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});

const EXAMPLES = `
Examples:
  $ faqlint                              lint every Markdown file under the current folder
  $ faqlint content/en/faq/_index.md     lint one page (site-wide rules still see the whole site)
  $ faqlint "content/**/*.md"            lint files matching a glob
  $ faqlint --format json . > out.json   ESLint-compatible JSON (also: compact, github, sarif, junit)
  $ faqlint --max-warnings 0 content     fail CI on warnings too (drafts)
  $ cat faq.md | faqlint --stdin --stdin-filename content/en/faq/_index.md
  $ faqlint rules                        list the rules
  $ faqlint init                         write a starter .faqlintrc.json
  $ faqlint --print-config faq.md        show the configuration in force for a file
  $ faqlint --print-model faq.md         show the document model rule writers read

Exit codes: 0 no errors, 1 errors found (or too many warnings), 2 usage, config or internal failure.`;

interface CliOptions {
  format: string;
  config?: string;
  configLookup: boolean;
  printModel?: string;
  printConfig?: string;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  reportUnusedDisableDirectives?: boolean;
  outputFile?: string;
  stdin?: boolean;
  stdinFilename?: string;
  cache?: boolean;
  cacheLocation?: string;
  cacheStrategy: CacheStrategy;
  concurrency?: Concurrency;
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

async function listRules(io: CliIo): Promise<number> {
  const rules = (await loadConfig({ cwd: io.cwd })).rules;
  const idWidth = Math.max(...rules.map((rule) => rule.meta.id.length));
  const lines = rules.map((rule) => `${rule.meta.id.padEnd(idWidth)}  ${rule.meta.defaultSeverity.padEnd(5)}  ${rule.meta.description}`);
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}

async function init(io: CliIo): Promise<number> {
  const { file, notes } = await initConfig(io.cwd);
  io.stdout(`Wrote ${path.relative(io.cwd, file)}\n${notes.map((note) => `  ${note}\n`).join('')}`);
  return 0;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    if (argv[0] === 'rules' && argv.length === 1) return await listRules(io);
    if (argv[0] === 'init' && argv.length === 1) return await init(io);
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

function buildProgram(io: CliIo): Command {
  return new Command('faqlint')
    .description('Lint FAQ pages written in Markdown: duplicate questions, placeholder text, broken links, drafts.')
    .version(VERSION, '-v, --version')
    .argument('[paths...]', 'files, folders or globs to lint (default: the current folder)')
    .addOption(new Option('-f, --format <name>', 'output format').choices(Object.keys(formatters)).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'use this config file (.json, .jsonc, .yaml, or package.json) instead of looking one up')
    .option('--no-config-lookup', 'ignore config files')
    .option('--rule <id:severity>', "set a rule's severity, e.g. --rule no-draft:error (repeat for more rules)", (value: string, previous: string[] = []) => [...previous, value])
    .option('--max-warnings <n>', 'exit with 1 when there are more warnings than this', (value) => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) throw new ConfigError(`--max-warnings takes a whole number, got "${value}"`);
      return parsed;
    })
    .option('--quiet', 'report errors only')
    .option('--report-unused-disable-directives', 'report faqlint-disable comments that silence nothing, as errors')
    .option('--cache', 'remember unchanged files between runs (in .faqlintcache)')
    .option('--cache-location <path>', 'the cache file, or a folder for .faqlintcache')
    .addOption(new Option('--cache-strategy <strategy>', 'how the cache tells a file is unchanged: metadata (size and times, read again when they differ) or content (read and hash every file)').choices(['metadata', 'content']).default('metadata'))
    .option('--concurrency <n>', 'worker threads that parse files: a number, auto (default: one per core when there is over 1 MiB to parse) or off', (value) => {
      if (value === 'auto' || value === 'off') return value;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 1 || parsed > 64) throw new ConfigError(`--concurrency takes a number from 1 to 64, auto or off, got "${value}"`);
      return parsed;
    })
    .option('--stdin', 'lint text from standard input')
    .option('--stdin-filename <path>', 'the path the --stdin text is linted as (config, site and site-wide rules apply)')
    .option('--color', 'force coloured output')
    .option('--no-color', 'never colour the output')
    .option('--print-config <file>', 'print the configuration in force for a file as JSON and exit')
    .option('--print-model <file>', 'print the parsed document model of one file as JSON and exit')
    .option('--debug', 'show stack traces for internal errors')
    .addHelpText('after', EXAMPLES)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`faqlint: ${text.replace(/^error: /, '')}`),
    });
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  program.parse([...argv], { from: 'user' });
  const options = program.opts<CliOptions>();
  const patterns = program.args;
  const lookup = { cwd: io.cwd, configFile: options.config, noConfigLookup: options.configLookup === false };
  const ruleOverrides = parseRuleOption(options.rule);

  if (options.printModel !== undefined) {
    io.stdout(`${JSON.stringify(modelToJson(await parseFile(options.printModel, lookup)), null, 2)}\n`);
    return 0;
  }
  if (options.printConfig !== undefined) {
    io.stdout(`${JSON.stringify(await configForFile(options.printConfig, lookup, ruleOverrides), null, 2)}\n`);
    return 0;
  }
  if (options.stdinFilename !== undefined && !options.stdin) throw new ConfigError('--stdin-filename goes with --stdin');
  if (options.stdin && patterns.length > 0) throw new ConfigError('--stdin lints standard input; give no paths with it');

  const progress = io.stderrIsTTY && io.env.TERM !== 'dumb' ? progressLine(io.stderr) : undefined;
  const lintRun = await lint({
    ...lookup,
    ...(progress ? { onProgress: progress.update } : {}),
    patterns,
    ruleOverrides,
    cache: options.cache === true || options.cacheLocation !== undefined,
    ...(options.cacheLocation !== undefined ? { cacheLocation: options.cacheLocation } : {}),
    cacheStrategy: options.cacheStrategy,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.reportUnusedDisableDirectives ? { reportUnusedDisableDirectives: 'error' as const } : {}),
    ...(options.stdin ? { stdin: { text: await io.readStdin(), filePath: options.stdinFilename ?? '<stdin>.md' } } : {}),
  }).finally(() => progress?.clear());
  let results: LintResult[] = lintRun.results;
  if (options.quiet) {
    results = results.map((result) => ({ ...result, messages: result.messages.filter((message) => message.severity === 2), warningCount: 0 }));
  }
  // The last of --color / --no-color wins; otherwise colour only on a terminal, and NO_COLOR
  // (any non-empty value, per no-color.org) or TERM=dumb turn it off. Files get no colour unless asked.
  const lastColorFlag = argv.filter((arg) => arg === '--color' || arg === '--no-color').at(-1);
  const explicitColor = lastColorFlag === undefined ? undefined : lastColorFlag === '--color';
  const autoColor = !options.outputFile && io.isTTY && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const color = explicitColor ?? autoColor;
  const formatter = formatters[options.format] as NonNullable<(typeof formatters)[string]>;
  const output = formatter(results, { cwd: io.cwd, color, rules: ruleInfo(lintRun.config), version: VERSION });
  const text = output === '' || output.endsWith('\n') ? output : `${output}\n`;
  if (options.outputFile) {
    const target = path.resolve(io.cwd, options.outputFile);
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, text);
    } catch (error) {
      throw new ConfigError(`Cannot write ${options.outputFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else if (text !== '') {
    io.stdout(text);
  }

  for (const warning of lintRun.warnings) io.stderr(`faqlint: warning: ${warning}\n`);
  for (const problem of lintRun.internalErrors) io.stderr(`faqlint: ${problem}\n`);
  if (lintRun.internalErrors.length > 0) return 2;
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) return 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(`faqlint: too many warnings (${warnings}); the maximum is ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}
