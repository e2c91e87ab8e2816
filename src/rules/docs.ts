import type { RuleDefinition } from './define-rule.js';

function fence(code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((match) => match[0].length));
  const marker = '`'.repeat(longest + 1);
  return `${marker}markdown\n${code.replace(/\n$/, '')}\n${marker}`;
}

function schemaType(schema: unknown): string {
  const node = schema as { type?: string; enum?: unknown[]; items?: { type?: string } };
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(' \\| ');
  if (node.type === 'array') return `${node.items?.type ?? 'value'}[]`;
  return node.type ?? 'value';
}

/**
 * A rule's documentation page, generated from its metadata and its own cases so the page can
 * never disagree with the rule (a test checks docs/rules/ is up to date).
 */
export function renderRuleDoc(rule: RuleDefinition<never>): string {
  const { meta, examples } = rule;
  const failing = examples.invalid[0];
  const passing = examples.valid[0];
  const lines = [
    `# ${meta.id}`,
    '',
    `> Generated from \`src/rules/${meta.id}.ts\` by \`npm run docs\`; edit the rule, not this page.`,
    '',
    meta.description,
    '',
    `- Default severity: \`${meta.defaultSeverity}\``,
    `- Scope: ${meta.scope === 'site' ? 'site (sees every page at once)' : 'file'}`,
    '',
    '## What it flags and why',
    '',
    meta.docs.rationale,
    '',
  ];
  if (failing) {
    lines.push('## Failing example', '', `${failing.name}:`, '', fence(failing.code), '', 'Reported:', '');
    for (const error of failing.errors) lines.push(`- ${error.line}:${error.column} ${error.message}`);
    lines.push('');
  }
  if (passing) lines.push('## Passing example', '', `${passing.name}:`, '', fence(passing.code), '');
  const properties = (meta.optionsSchema as { properties?: Record<string, unknown> }).properties ?? {};
  const names = Object.keys(properties);
  lines.push('## Options', '');
  if (names.length === 0) {
    lines.push('None. Set the severity only: `"rules": { "' + meta.id + '": "error" }`.');
  } else {
    lines.push('| option | type | default | meaning |', '| --- | --- | --- | --- |');
    const defaults = meta.defaultOptions as Record<string, unknown>;
    const descriptions = (meta.docs.options ?? {}) as Record<string, string | undefined>;
    for (const name of names) {
      lines.push(`| \`${name}\` | ${schemaType(properties[name])} | \`${JSON.stringify(defaults[name])}\` | ${descriptions[name] ?? ''} |`);
    }
    lines.push('', `Example: \`"rules": { "${meta.id}": ["${meta.defaultSeverity}", ${JSON.stringify(Object.fromEntries(names.slice(0, 1).map((name) => [name, defaults[name]])))}] }\``);
  }
  return `${lines.join('\n')}\n`;
}
