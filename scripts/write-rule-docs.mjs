// Writes docs/rules/<id>.md for every built-in rule, and schema.json, from the built package
// (run `npm run build` first). A test checks both are up to date.
import fs from 'node:fs';
import path from 'node:path';
import { builtinRules, configSchema } from '../dist/index.js';
import { renderRuleDoc } from '../dist/rules/docs.js';

const root = path.join(import.meta.dirname, '..');
const dir = path.join(root, 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
for (const rule of builtinRules) fs.writeFileSync(path.join(dir, `${rule.meta.id}.md`), renderRuleDoc(rule));
fs.writeFileSync(path.join(root, 'schema.json'), `${JSON.stringify(configSchema(), null, 2)}\n`);
console.log(`wrote ${builtinRules.length} rule pages to docs/rules/ and schema.json`);
