import type { RuleDefinition } from '../rules/define-rule.js';

const SEVERITY = { enum: ['off', 'warn', 'error', 0, 1, 2] };

/** Where the schema is published for editors; `.faqlintrc.example.json` points here. */
export const CONFIG_SCHEMA_ID = 'https://raw.githubusercontent.com/faqlint/faqlint/main/schema.json';

/** The JSON Schema of `.faqlintrc.json`, with one entry (and its options schema) per known rule. */
export function buildConfigSchema(rules: readonly RuleDefinition<never>[], options: { allowPluginRules?: boolean } = {}): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const rule of rules) {
    ruleProperties[rule.meta.id] = {
      description: rule.meta.description,
      oneOf: [
        SEVERITY,
        {
          type: 'array',
          prefixItems: [SEVERITY, rule.meta.optionsSchema],
          minItems: 1,
          maxItems: 2,
          items: false,
        },
      ],
    };
  }
  // The shipped schema cannot know which plugins a config loads, so editors accept any namespaced
  // id there; at run time the plugins are loaded and only their real ids pass.
  const rulesObject = {
    type: 'object',
    additionalProperties: false,
    properties: ruleProperties,
    ...(options.allowPluginRules ? { patternProperties: { '^[a-z0-9][a-z0-9-]*/.+$': { oneOf: [SEVERITY, { type: 'array', prefixItems: [SEVERITY, { type: 'object' }], minItems: 1, maxItems: 2, items: false }] } } } : {}),
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: CONFIG_SCHEMA_ID,
    title: 'faqlint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      glossary: {
        type: 'string',
        minLength: 1,
        description: 'URL path of the glossary page (resolved in every language tree), or a file path ending in .md.',
      },
      ignore: { type: 'array', items: { type: 'string' }, description: 'Globs of files never linted, relative to the config file.' },
      shortcodes: {
        type: 'object',
        additionalProperties: false,
        properties: {
          blocks: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Shortcode names that hold a question and its answer.' },
          code: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Shortcode names whose inner content is code.' },
        },
      },
      rules: rulesObject,
      overrides: {
        type: 'array',
        description: 'Rule settings for the files some globs match; later entries win.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: {
            files: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Globs relative to the config file.' },
            rules: rulesObject,
          },
        },
      },
      plugins: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: 'Paths (relative to the config file) of plugin modules. Plugins are code and run with your permissions.',
      },
      reportUnusedDisableDirectives: {
        enum: ['off', 'warn', 'error'],
        description: 'Report <!-- faqlint-disable --> comments that silence no problem.',
      },
    },
  };
}
