import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRuleDoc } from '../../src/rules/docs.js';
import { builtinRules } from '../../src/rules/index.js';
import { lintWithRule, repoRoot } from '../helpers/lint-text.js';

// Every rule carries its own valid and invalid cases; this runs them all, so adding a rule means
// adding cases, not plumbing.
describe.each(builtinRules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
  it('has cases of both kinds', () => {
    expect(rule.examples.valid.length).toBeGreaterThan(0);
    expect(rule.examples.invalid.length).toBeGreaterThan(0);
  });

  it('has an up-to-date docs page (npm run docs)', () => {
    const page = path.join(repoRoot, 'docs/rules', `${id}.md`);
    expect(fs.existsSync(page)).toBe(true);
    expect(fs.readFileSync(page, 'utf8')).toBe(renderRuleDoc(rule));
  });

  for (const example of rule.examples.valid) {
    it(`valid: ${example.name}`, async () => {
      const messages = await lintWithRule(id, example.code, { ruleOptions: example.options, site: example.site, filePath: example.filePath });
      expect(messages).toEqual([]);
    });
  }

  for (const example of rule.examples.invalid) {
    it(`invalid: ${example.name}`, async () => {
      const messages = await lintWithRule(id, example.code, { ruleOptions: example.options, site: example.site, filePath: example.filePath });
      expect(messages.map((message) => ({ ruleId: message.ruleId, line: message.line, column: message.column }))).toEqual(
        example.errors.map((error) => ({ ruleId: id, line: error.line, column: error.column })),
      );
      example.errors.forEach((error, index) => expect(messages[index]?.message).toContain(error.message));
    });
  }
});
