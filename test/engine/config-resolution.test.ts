import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaqlintConfig } from '../../src/config/config.js';
import { activeRulesByFile, activeRulesFor, type ResolvedConfig } from '../../src/engine/config-resolution.js';
import { builtinRules } from '../../src/rules/index.js';

const dir = path.resolve('/site');
const resolvedWith = (config: FaqlintConfig): ResolvedConfig => ({ config, file: path.join(dir, '.faqlintrc.json'), dir, rules: builtinRules });
const files = ['content/faq.md', 'content/drafts/a.md', 'content/drafts/b.md', 'content/legal/terms.md', 'content/drafts/legal/c.md', 'other.md'].map((file) => path.join(dir, file));

describe('activeRulesByFile', () => {
  it('gives each file the rules activeRulesFor gives it, one list per set of matching overrides', () => {
    const resolved = resolvedWith({
      rules: { 'no-draft': 'error', 'no-placeholder': ['warn', { patterns: ['\\bWIP\\b'] }] },
      overrides: [
        { files: ['content/drafts/**'], rules: { 'no-draft': 'off' } },
        { files: ['**/legal/**'], rules: { 'no-placeholder': 'error', 'question-format': 'off' } },
      ],
    });
    const overrides = { 'no-empty-answer': 'off' } as const;
    const byFile = activeRulesByFile(resolved, files, overrides);
    expect([...byFile.keys()]).toEqual(files);
    for (const file of files) expect(byFile.get(file), file).toEqual(activeRulesFor(resolved, file, overrides));
    const at = (file: string) => byFile.get(path.join(dir, file));
    expect(at('content/drafts/a.md')).toBe(at('content/drafts/b.md'));
    expect(at('content/faq.md')).toBe(at('other.md'));
    expect(new Set(byFile.values()).size).toBe(4);
    expect(at('content/drafts/legal/c.md')?.map(({ rule }) => rule.meta.id)).not.toContain('no-draft');
    expect(at('content/drafts/legal/c.md')?.find(({ rule }) => rule.meta.id === 'no-placeholder')?.severity).toBe(2);
  });

  it('gives every file one list when the config has no overrides', () => {
    const byFile = activeRulesByFile(resolvedWith({ rules: { 'no-draft': 'warn' } }), files, {});
    expect(new Set(byFile.values()).size).toBe(1);
    expect(byFile.get(files[0] as string)).toEqual(activeRulesFor(resolvedWith({ rules: { 'no-draft': 'warn' } }), files[0], {}));
  });
});
