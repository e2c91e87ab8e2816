import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, readConfigData, validateConfig } from '../../src/config/config.js';
import { builtinRules } from '../../src/rules/index.js';
import { repoRoot } from '../helpers/lint-text.js';

describe('.faqlintrc.example.json', () => {
  const example = JSON.parse(fs.readFileSync(path.join(repoRoot, '.faqlintrc.example.json'), 'utf8')) as {
    rules: Record<string, unknown>;
  };

  it('is a valid config', () => {
    expect(() => validateConfig(example, 'example', builtinRules)).not.toThrow();
  });

  it('shows every rule with its default severity and every option with its default', () => {
    expect(Object.keys(example.rules).sort()).toEqual(builtinRules.map((rule) => rule.meta.id).sort());
    for (const rule of builtinRules) {
      const setting = example.rules[rule.meta.id];
      const [severity, options] = Array.isArray(setting) ? setting : [setting, {}];
      expect(severity, rule.meta.id).toBe(rule.meta.defaultSeverity);
      expect(options, rule.meta.id).toEqual(rule.meta.defaultOptions);
    }
  });
});

describe('finding and validating config', () => {
  it('walks up from the working folder to the nearest .faqlintrc.json', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-config-'));
    const deep = path.join(root, 'content', 'en', 'faq');
    fs.mkdirSync(deep, { recursive: true });
    fs.writeFileSync(path.join(root, '.faqlintrc.json'), '{ "glossary": "/terms/" }');
    expect(findConfigFile(deep)).toBe(path.join(root, '.faqlintrc.json'));
    expect(readConfigData(path.join(root, '.faqlintrc.json'))).toEqual({ glossary: '/terms/' });
  });

  it.each([
    [{ rules: { 'no-draft': 'fatal' } }, 'rules.no-draft: must be one of "off", "warn", "error", 0, 1, 2'],
    [{ rules: { 'no-duplicate-question': ['error', { scope: 'world' }] } }, 'rules.no-duplicate-question[1].scope: must be one of "page", "site"'],
    [{ rules: { 'no-placeholder': ['error', { patterns: ['ok', 3] }] } }, 'rules.no-placeholder[1].patterns[1]: must be string'],
    [{ rules: { 'no-placeholder': ['error', { colour: true }] } }, 'rules.no-placeholder[1].colour: unknown key'],
    [{ glossary: 42 }, 'glossary: must be string'],
    [{ extends: 'x' }, 'extends: unknown key'],
  ])('names the key path of a bad value: %j', (config, message) => {
    expect(() => validateConfig(config, 'rc.json', builtinRules)).toThrowError(ConfigError);
    expect(() => validateConfig(config, 'rc.json', builtinRules)).toThrowError(`rc.json: invalid configuration: ${message}`);
  });

  it('rejects a user pattern that is not a regular expression or could hang the run', async () => {
    const { lint } = await import('../../src/engine/lint.js');
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-pattern-'));
    fs.writeFileSync(path.join(cwd, 'faq.md'), 'Text.\n');
    await expect(lint({ cwd, config: { rules: { 'no-placeholder': ['error', { patterns: ['(unclosed'] }] } } })).rejects.toThrowError(
      /rules\.no-placeholder\[1\]\.patterns\[0\]: invalid regular expression/,
    );
    await expect(lint({ cwd, config: { rules: { 'no-placeholder': ['error', { patterns: ['(a+)+$'] }] } } })).rejects.toThrowError(
      /rules\.no-placeholder\[1\]\.patterns\[0\]: regular expression may take exponential time/,
    );
  });
});
