#!/usr/bin/env node
// Checks the sub-quadratic near-duplicate search against the all-pairs scan on every question
// of a generated site (default: M, ~20,000 questions, ~200 million pairs; takes minutes).
//
//   npm run build && node bench/prove-near-duplicates.mjs [--size M] [--seed 42] [--threshold 0.8]

import path from 'node:path';
import { option } from './options.mjs';
import { siteQuestions } from './site-questions.mjs';

const root = path.resolve(import.meta.dirname, '..');
const size = option('size', 'M');
const seed = Number(option('seed', '42'));
const threshold = Number(option('threshold', '0.8'));
const { prepareQuestion } = await import(path.join(root, 'dist/text/similarity.js'));
const { findNearDuplicates, findNearDuplicatesAllPairs } = await import(path.join(root, 'dist/text/near-duplicates.js'));

const questions = (await siteQuestions(size, seed)).map((text) => prepareQuestion(text));
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
