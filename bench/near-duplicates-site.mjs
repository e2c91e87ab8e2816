#!/usr/bin/env node
// The near-duplicate search alone on a generated site's own questions (default: L, ~100,000),
// which repeat a site's vocabulary far more than the synthetic questions of the unit benchmark
// and so make longer posting lists: prepare (tokenise) and search, median of N runs each.
//
//   npm run build && node bench/near-duplicates-site.mjs [--size L] [--seed 42] [--runs 5]

import path from 'node:path';
import { option } from './options.mjs';
import { siteQuestions } from './site-questions.mjs';

const root = path.resolve(import.meta.dirname, '..');
const size = option('size', 'L');
const seed = Number(option('seed', '42'));
const runs = Number(option('runs', '5'));
const { DEFAULT_NEAR_DUPLICATE_THRESHOLD, prepareQuestion } = await import(path.join(root, 'dist/text/similarity.js'));
const { findNearDuplicates } = await import(path.join(root, 'dist/text/near-duplicates.js'));

const texts = await siteQuestions(size, seed);

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
