#!/usr/bin/env node
// The near-duplicate search alone on a generated site's own questions (default: L, ~100,000),
// which repeat a site's vocabulary far more than the synthetic questions of the unit benchmark
// and so make longer posting lists: prepare (tokenise) and search, median of N runs each.
//
//   npm run build && node bench/near-duplicates-site.mjs [--size L] [--seed 42] [--runs 5]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { generateSite } from './generate-site.mjs';
import { option } from './options.mjs';

const root = path.resolve(import.meta.dirname, '..');
const size = option('size', 'L');
const seed = Number(option('seed', '42'));
const runs = Number(option('runs', '5'));
const { parseFaqDocument } = await import(path.join(root, 'dist/parse/document.js'));
const { DEFAULT_NEAR_DUPLICATE_THRESHOLD, prepareQuestion } = await import(path.join(root, 'dist/text/similarity.js'));
const { findNearDuplicates } = await import(path.join(root, 'dist/text/near-duplicates.js'));

const site = path.join(os.tmpdir(), `faqlint-bench-${size}-${seed}`);
if (!fs.existsSync(path.join(site, 'manifest.json'))) generateSite({ size, seed, out: site, force: true });
const files = (await glob(['content/**/*.md'], { cwd: site, absolute: true })).sort();
const texts = [];
for (const file of files) {
  for (const block of parseFaqDocument(file, fs.readFileSync(file, 'utf8')).blocks) if (block.isQuestion) texts.push(block.question);
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const prepareMs = [];
const searchMs = [];
let pairs = 0;
for (let run = 0; run < runs; run++) {
  const started = performance.now();
  const questions = texts.map((text) => prepareQuestion(text));
  const prepared = performance.now();
  pairs = findNearDuplicates(questions, DEFAULT_NEAR_DUPLICATE_THRESHOLD).length;
  prepareMs.push(prepared - started);
  searchMs.push(performance.now() - prepared);
}
console.log(`site ${size}: ${texts.length} questions: prepare ${median(prepareMs).toFixed(0)} ms, search ${median(searchMs).toFixed(0)} ms, ${pairs} pairs`);
