import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lint } from '../../src/engine/lint.js';
import type { LintMessage } from '../../src/engine/results.js';
import type { FaqlintConfig } from '../../src/config/config.js';
import { builtinRules } from '../../src/rules/index.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** An empty folder for cases that need no site around them. */
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-case-'));
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

/**
 * Lints `code` as one file, with only `ruleId` on (plus parse errors), the way the CLI would:
 * inside `site` (a fixture folder) with that site's own config, or in an empty folder.
 */
export async function lintWithRule(
  ruleId: string,
  code: string,
  options: { ruleOptions?: Record<string, unknown>; site?: string; filePath?: string; config?: FaqlintConfig } = {},
): Promise<LintMessage[]> {
  const cwd = options.site ? path.join(repoRoot, options.site) : scratch;
  const configFile = path.join(cwd, '.faqlintrc.json');
  const siteConfig: FaqlintConfig = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as FaqlintConfig) : {};
  const rules: FaqlintConfig['rules'] = {};
  for (const rule of builtinRules) rules[rule.meta.id] = 'off';
  rules[ruleId] = ['error', options.ruleOptions ?? {}];
  const run = await lint({ cwd, config: { ...siteConfig, ...options.config, rules }, stdin: { text: code, filePath: options.filePath ?? 'faq.md' } });
  return run.results.flatMap((result) => result.messages);
}
