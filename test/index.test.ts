import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import { repoRoot } from './helpers/lint-text.js';

describe('the programmatic API', () => {
  it('exports what plugin authors and embedders use', () => {
    for (const name of ['lint', 'loadConfig', 'formatters', 'defineRule', 'defineSiteRule', 'ruleInfo', 'configSchema', 'configForFile', 'parseFile', 'initConfig', 'builtinRules', 'VERSION']) {
      expect(api, name).toHaveProperty(name);
    }
    expect(Object.keys(api.formatters).sort()).toEqual(['compact', 'github', 'json', 'junit', 'sarif', 'stylish']);
  });

  it('is the only faqlint module the CLI imports (besides its own modules): the API without the parser', async () => {
    for (const file of fs.readdirSync(path.join(repoRoot, 'src/cli'))) {
      const source = fs.readFileSync(path.join(repoRoot, 'src/cli', file), 'utf8');
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1] as string);
      expect(imports.filter((specifier) => specifier.startsWith('../'))).toEqual(['../api.js']);
    }
    // The package's entry is api.ts plus parseFaqDocument, which api.ts leaves out so a replayed run never loads the parser.
    const withoutParser = await import('../src/api.js');
    expect(Object.keys(api).sort()).toEqual([...Object.keys(withoutParser), 'parseFaqDocument'].sort());
  });

  it('lints and formats without the CLI', async () => {
    const run = await api.lint({ cwd: path.join(repoRoot, 'fixtures/cli/draft-only') });
    const text = api.formatters.compact!(run.results, { cwd: path.join(repoRoot, 'fixtures/cli/draft-only'), color: false, rules: api.ruleInfo(run.config), version: api.VERSION });
    expect(text).toBe('faq.md:3:1: warning The page is a draft (draft: true): Hugo will not publish it [no-draft]\n1 problem\n');
  });

  it('ships a schema.json that matches the rules (npm run docs)', () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schema.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(api.configSchema());
  });
});
