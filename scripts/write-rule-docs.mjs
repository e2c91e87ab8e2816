// Writes docs/rules/<id>.md for every built-in rule from the built package (run `npm run build` first).
import fs from 'node:fs';
import path from 'node:path';
import { builtinRules } from '../dist/rules/index.js';
import { renderRuleDoc } from '../dist/rules/docs.js';

const dir = path.join(import.meta.dirname, '..', 'docs', 'rules');
fs.mkdirSync(dir, { recursive: true });
for (const rule of builtinRules) fs.writeFileSync(path.join(dir, `${rule.meta.id}.md`), renderRuleDoc(rule));
console.log(`wrote ${builtinRules.length} rule pages to docs/rules/`);
