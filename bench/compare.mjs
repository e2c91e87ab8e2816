#!/usr/bin/env node
// Compares faqlint's JSON output for a generated site with the site's manifest.json.
//
//   node bin/faqlint.js -f json DIR > /tmp/out.json
//   node bench/compare.mjs DIR /tmp/out.json
//
// For each rule with planted problems, prints found / missed / unexpected counts and a few
// examples. Exit 1 when anything planted was missed or anything unplanted was reported by
// those rules. Plain ESM, no dependencies.

import fs from 'node:fs';
import path from 'node:path';

const [siteDir, resultsFile] = process.argv.slice(2);
if (!siteDir || !resultsFile) {
  console.error('usage: node bench/compare.mjs SITE_DIR FAQLINT_JSON');
  process.exit(2);
}
const root = path.resolve(siteDir);
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));

const key = (file, line, column) => `${file}:${line}:${column}`;

/** rule -> Map(position -> planted item) */
const expected = {
  'no-duplicate-question': new Map(),
  'no-placeholder': new Map(),
  'valid-glossary-link': new Map(),
  'no-draft': new Map(),
};
for (const g of manifest.plantedExactDuplicates) {
  for (const r of g.repeats) expected['no-duplicate-question'].set(key(r.file, r.line, r.column), { ...r, first: g.first });
}
// Near duplicates are reported at each later question too, pointing at the first.
for (const g of manifest.plantedNearDuplicates ?? []) {
  for (const r of g.repeats) expected['no-duplicate-question'].set(key(r.file, r.line, r.column), { ...r, first: g.first });
}
for (const f of manifest.plantedFiller) expected['no-placeholder'].set(key(f.file, f.line, f.column), f);
for (const p of manifest.plantedPlaceholders) expected['no-placeholder'].set(key(p.file, p.line, p.column), p);
for (const b of manifest.plantedBrokenGlossaryLinks) expected['valid-glossary-link'].set(key(b.file, b.line, b.column), b);
for (const d of manifest.plantedDrafts) expected['no-draft'].set(key(d.file, d.line, d.column), d);

// Findings that follow from the plants: an answer that is only a placeholder (no-empty-answer, on
// the question), and the spacing variants of exact duplicates (question-format).
expected['no-empty-answer'] = new Map();
for (const p of manifest.plantedPlaceholders) {
  if (p.wholeAnswer) expected['no-empty-answer'].set(key(p.file, p.questionAt.line, p.questionAt.column), p);
}
expected['question-format'] = new Map();
for (const g of manifest.plantedExactDuplicates) {
  for (const o of [g.first, ...g.repeats]) {
    // Markdown drops a heading's trailing spaces, so only the other forms keep them.
    if (o.variant === 'trailing-space' && o.form !== 'heading') expected['question-format'].set(key(o.file, o.line, o.column), o);
    if (o.variant === 'double-space') expected['question-format'].set(key(o.file, o.line, o.column + o.question.indexOf('  ')), o);
  }
}

const found = {};
const other = {};
for (const file of results) {
  const rel = path.relative(root, file.filePath).split(path.sep).join('/');
  for (const m of file.messages) {
    const k = key(rel, m.line, m.column);
    if (expected[m.ruleId]) (found[m.ruleId] ??= new Map()).set(k, m);
    else (other[m.ruleId ?? 'none'] ??= []).push(`${k} ${m.message}`);
  }
}

let failed = false;
for (const [rule, planted] of Object.entries(expected)) {
  const got = found[rule] ?? new Map();
  const hits = [...planted.keys()].filter((k) => got.has(k));
  const missed = [...planted.keys()].filter((k) => !got.has(k));
  const unexpected = [...got.keys()].filter((k) => !planted.has(k));
  let wrongDetail = [];
  if (rule === 'valid-glossary-link') {
    wrongDetail = hits.filter((k) => !got.get(k).message.includes(`did you mean #${planted.get(k).intended}?`));
  } else if (rule === 'no-duplicate-question') {
    wrongDetail = hits.filter((k) => {
      const first = planted.get(k).first;
      return !got.get(k).message.includes(`${first.file}:${first.line}:${first.column}`);
    });
  }
  console.log(`${rule.padEnd(22)} planted ${String(planted.size).padStart(6)}  found ${String(hits.length).padStart(6)}  missed ${String(missed.length).padStart(5)}  unexpected ${String(unexpected.length).padStart(5)}${wrongDetail.length ? `  wrong detail ${wrongDetail.length}` : ''}`);
  for (const k of missed.slice(0, 5)) console.log(`    missed      ${k} ${JSON.stringify(planted.get(k)).slice(0, 160)}`);
  for (const k of unexpected.slice(0, 5)) console.log(`    unexpected  ${k} ${got.get(k).message.slice(0, 160)}`);
  for (const k of wrongDetail.slice(0, 5)) console.log(`    detail      ${k} ${got.get(k).message.slice(0, 160)}`);
  if (missed.length || unexpected.length || wrongDetail.length) failed = true;
}
for (const [rule, list] of Object.entries(other)) {
  console.log(`${rule.padEnd(22)} (not planted directly) ${list.length} reports`);
  for (const line of list.slice(0, 3)) console.log(`    ${line.slice(0, 180)}`);
}
process.exit(failed ? 1 : 0);
