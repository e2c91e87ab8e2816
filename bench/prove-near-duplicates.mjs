#!/usr/bin/env node
// Checks the sub-quadratic near-duplicate search against the all-pairs scan on every question
// of a generated site (default: M, ~20,000 questions, ~200 million pairs; takes minutes).
//
//   npm run build && node bench/prove-near-duplicates.mjs [--size M] [--seed 42] [--threshold 0.8]

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { generateSite } from './generate-site.mjs';
import { option } from './options.mjs';

const root = path.resolve(import.meta.dirname, '..');
const size = option('size', 'M');
const seed = Number(option('seed', '42'));
const threshold = Number(option('threshold', '0.8'));
const { parseFaqDocument } = await import(path.join(root, 'dist/parse/document.js'));
const { prepareQuestion } = await import(path.join(root, 'dist/text/similarity.js'));
const { findNearDuplicates, findNearDuplicatesAllPairs } = await import(path.join(root, 'dist/text/near-duplicates.js'));

const site = path.join(os.tmpdir(), `faqlint-bench-${size}-${seed}`);
if (!fs.existsSync(path.join(site, 'manifest.json'))) generateSite({ size, seed, out: site, force: true });
const files = (await glob(['content/**/*.md'], { cwd: site, absolute: true })).sort();
const questions = [];
for (const file of files) {
  for (const block of parseFaqDocument(file, fs.readFileSync(file, 'utf8')).blocks) if (block.isQuestion) questions.push(prepareQuestion(block.question));
}
let started = performance.now();
const indexed = findNearDuplicates(questions, threshold);
const indexedMs = performance.now() - started;
started = performance.now();
const allPairs = findNearDuplicatesAllPairs(questions, threshold);
const allPairsMs = performance.now() - started;
const key = (pair) => `${pair.a}:${pair.b}:${pair.score}`;
const same = indexed.length === allPairs.length && indexed.every((pair, index) => key(pair) === key(allPairs[index]));
const pairsCompared = (questions.length * (questions.length - 1)) / 2;
console.log(
  `${size}: ${questions.length} questions, ${pairsCompared.toLocaleString('en')} pairs; threshold ${threshold}: ` +
    `indexed search ${indexed.length} pairs in ${(indexedMs / 1000).toFixed(2)} s, all-pairs ${allPairs.length} pairs in ${(allPairsMs / 1000).toFixed(1)} s; identical: ${same ? 'yes' : 'NO'}`,
);
process.exitCode = same ? 0 : 1;
