import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- generated JavaScript without types, written by `npm run build`.
import { schemaHash, validate as precompiled } from '../../dist/config/builtin-config-validator.js';
import { buildConfigSchema } from '../../src/config/schema.js';
import { builtinRules } from '../../src/rules/index.js';

const schema = buildConfigSchema(builtinRules);

describe('the config validator compiled at build time', () => {
  it('is built from the current schema of the built-in rules', () => {
    expect(schemaHash).toBe(createHash('sha1').update(JSON.stringify(schema)).digest('base64'));
  });

  it('judges configs exactly as Ajv compiling the schema at run time, errors included', () => {
    const compiled = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const configs: unknown[] = [
      {},
      { glossary: '/docs/glossary/', rules: { 'no-draft': 'error', 'no-placeholder': ['warn', { patterns: ['lorem'], allow: ['TBD'] }] } },
      { rules: { 'no-draft': 'bogus' } },
      { rules: { 'no-placeholder': ['error', { patterns: [1] }] } },
      { overrides: [{ files: ['docs/**'], rules: { 'question-format': 'off' } }], ignore: ['drafts/**'] },
      { overrides: [{ rules: {} }], unknownKey: true },
      { glossary: '', shortcodes: { blocks: ['faq-item'], code: [3] } },
      [],
    ];
    for (const config of configs) {
      const expected = compiled(config);
      expect(precompiled(config)).toBe(expected);
      expect(precompiled.errors ?? null).toEqual(compiled.errors ?? null);
    }
  });
});
