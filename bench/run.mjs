#!/usr/bin/env node
// `npm run bench`: generates seeded Hugo-like sites and measures, in one run, for each size:
// the read floor, the remark-parse floor (1 thread and 2 worker threads, and 2 workers with the
// V8 flags faqlint's CLI sets, bin/v8-flags.js), markdownlint-cli2, faqlint cold (also with those
// flags at V8's defaults), warm with --cache, warm after one page changed (a sentence after the last block),
// after one answer changed (a line added to an answer) and after one question changed (reworded
// anew in each run; also with --cache-strategy content, which reads and hashes every file) —
// whole-process wall, CPU and peak RSS, median of N runs — then the
// near-duplicate search alone, on synthetic questions and on the largest site's own. The floors,
// markdownlint-cli2 and the cold run are measured in rounds (each once per round; the cold run
// right after the 2-worker floors, and its ratio to them also as the median of the rounds' own
// ratios), and each warm
// run is followed by a run of the read floor, its ratio's base. It checks
// faqlint's answers against the planted findings (bench/compare.mjs), so speed never comes from
// skipping work. Writes bench/results.json and prints a Markdown table.
//
//   node bench/run.mjs [--sizes S,M,L] [--runs 5] [--seed 42]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSite } from './generate-site.mjs';
import { option } from './options.mjs';
import { V8_FLAGS } from '../bin/v8-flags.js';

const root = path.resolve(import.meta.dirname, '..');
const sizes = option('sizes', 'S,M,L').split(',');
const runs = Number(option('runs', '5'));
const seed = Number(option('seed', '42'));
const faqlint = path.join(root, 'bin', 'faqlint.js');
const markdownlint = path.join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
const hasGnuTime = fs.existsSync('/usr/bin/time');

/** Runs a command once: wall seconds, CPU seconds and peak RSS (MB) of the whole process. */
function measureOnce(command, commandArgs, cwd) {
  const started = performance.now();
  const result = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-f', '__TIME__ %U %S %M', command, ...commandArgs], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, commandArgs, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const times = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  return {
    wall,
    cpu: times ? Number(times[1]) + Number(times[2]) : NaN,
    rssMb: times ? Number(times[3]) / 1024 : NaN,
    status: result.status,
    stdout: result.stdout,
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The row of a measurement: medians of its samples. */
function rowOf(label, samples) {
  const row = { label, runs: samples.length, wall: median(samples.map((s) => s.wall)), cpu: median(samples.map((s) => s.cpu)), rssMb: median(samples.map((s) => s.rssMb)) };
  process.stderr.write(`  ${label.padEnd(34)} ${row.wall.toFixed(2)} s  cpu ${row.cpu.toFixed(2)} s  ${row.rssMb.toFixed(0)} MB\n`);
  return row;
}

/**
 * Measures a command `count` times, `before(i)` ahead of each run. With `readFloor`, each run is
 * followed by a run of the read floor, and the row carries its median wall time from those rounds
 * (`floorWall`): a warm run takes well under a second, so a floor measured minutes earlier,
 * while the host ran faster or slower, would move its ratio by more than the code does.
 */
function measure(label, command, commandArgs, cwd, count = runs, before = () => {}, readFloor = undefined) {
  const samples = [];
  const floorSamples = [];
  let last;
  for (let i = 0; i < count; i++) {
    before(i);
    last = measureOnce(command, commandArgs, cwd);
    samples.push(last);
    if (readFloor) floorSamples.push(measureOnce(readFloor.command, readFloor.args, cwd));
  }
  const row = rowOf(label, samples);
  if (readFloor) {
    row.floorWall = median(floorSamples.map((sample) => sample.wall));
    process.stderr.write(`  ${'  read floor in the same rounds'.padEnd(34)} ${row.floorWall.toFixed(2)} s\n`);
  }
  return { row, last };
}

/**
 * Measures commands in rounds, each once per round, instead of each `count` times in a row: a
 * shared host that speeds up or slows down during the bench (by a quarter within minutes, on
 * ours) then weighs on all of them alike, and the ratios between them are what the bench is for.
 * Within a round the specs run in the order of their `runOrder` (default: as listed), so that
 * two whose ratio matters most can run back to back; each row keeps its wall times by round.
 */
function measureRounds(specs, cwd, count = runs) {
  const samples = specs.map(() => []);
  const order = specs.map((_, at) => at).sort((a, b) => (specs[a].runOrder ?? a) - (specs[b].runOrder ?? b));
  for (let i = 0; i < count; i++) for (const at of order) samples[at].push(measureOnce(specs[at].command, specs[at].args, cwd));
  return specs.map((spec, at) => ({ row: { ...rowOf(spec.label, samples[at]), wallByRound: samples[at].map((sample) => sample.wall) }, last: samples[at][count - 1] }));
}

/**
 * The median over rounds of one row's wall time over another's in the same round: two runs
 * seconds apart see the host alike, where medians taken apart can fall in its fast and slow spells.
 */
function pairedRatio(row, base) {
  if (!row?.wallByRound || !base?.wallByRound) return NaN;
  return median(row.wallByRound.map((wall, round) => wall / base.wallByRound[round]));
}

const floorScript = path.join(os.tmpdir(), 'faqlint-bench-floor.mjs');
fs.writeFileSync(
  floorScript,
  `import fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { glob } from ${JSON.stringify(path.join(root, 'node_modules/tinyglobby/dist/index.mjs'))};
const parseFiles = async (files) => {
  const { unified } = await import(${JSON.stringify(path.join(root, 'node_modules/unified/index.js'))});
  const { default: remarkParse } = await import(${JSON.stringify(path.join(root, 'node_modules/remark-parse/index.js'))});
  const processor = unified().use(remarkParse);
  let nodes = 0;
  for (const file of files) nodes += processor.parse(fs.readFileSync(file, 'utf8')).children.length;
  return nodes;
};
if (isMainThread) {
  const [mode, dir] = process.argv.slice(2);
  const files = await glob(['**/*.md'], { cwd: dir, absolute: true });
  if (mode === 'read') { let bytes = 0; for (const file of files) bytes += fs.readFileSync(file, 'utf8').length; console.log(bytes); }
  else if (mode === 'parse') console.log(await parseFiles(files));
  else {
    const halves = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 2 === 1)];
    const counts = await Promise.all(halves.map((part) => new Promise((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: part });
      worker.on('message', resolve); worker.on('error', reject);
    })));
    console.log(counts[0] + counts[1]);
  }
} else {
  parentPort.postMessage(await parseFiles(workerData));
}
`,
);

const results = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version }, seed, runs, sizes: {} };
const node = process.execPath;

/** Each of V8_FLAGS at V8's own default, read from `node --v8-options` (the launcher leaves a flag given to node as it is). */
function v8Defaults(flags) {
  const help = spawnSync(node, ['--v8-options'], { encoding: 'utf8' }).stdout;
  return flags.map((flag) => {
    const name = flag.split('=')[0];
    const given = help.match(new RegExp(`default: ${name}=(\\S+)`));
    if (!given) throw new Error(`bench: node --v8-options gives no default for ${name}`);
    return `${name}=${given[1]}`;
  });
}
const V8_DEFAULTS = v8Defaults(V8_FLAGS);
const FLOOR_WITH_FLAGS = `remark-parse floor, 2 workers, ${V8_FLAGS.join(' ')}`;
const COLD_WITHOUT_FLAGS = `faqlint cold, ${V8_DEFAULTS.join(' ')} (V8's default)`;

for (const size of sizes) {
  const site = path.join(os.tmpdir(), `faqlint-bench-${size}-${seed}`);
  process.stderr.write(`size ${size}: generating ${site}\n`);
  const manifest = generateSite({ size, seed, out: site, force: true });
  const sizeRuns = runs;
  // The floors, markdownlint-cli2 and faqlint's cold run, in rounds.
  const coldSet = [
    { label: 'read floor', command: node, args: [floorScript, 'read', site] },
    { label: 'remark-parse floor, 1 thread', command: node, args: [floorScript, 'parse', site] },
    // Run last in each round, the floors on 2 workers just before faqlint's cold run: the target's ratio is theirs.
    { label: 'remark-parse floor, 2 workers', command: node, args: [floorScript, 'workers', site], runOrder: 11 },
    // faqlint's CLI runs with V8_FLAGS: the floor with them too, and faqlint without them, show what they are worth to each.
    { label: FLOOR_WITH_FLAGS, command: node, args: [...V8_FLAGS, floorScript, 'workers', site], runOrder: 10 },
    ...(fs.existsSync(markdownlint) ? [{ label: 'markdownlint-cli2 (default rules)', command: node, args: [markdownlint, '**/*.md'] }] : []),
    { label: COLD_WITHOUT_FLAGS, command: node, args: [...V8_DEFAULTS, faqlint, '--format', 'json', '--no-color'] },
    { label: 'faqlint cold', command: node, args: [faqlint, '--format', 'json', '--no-color'], runOrder: 12 },
  ];
  const measured = measureRounds(coldSet, site, sizeRuns);
  const rows = measured.map(({ row }) => row);
  const cold = measured[measured.length - 1];
  const outFile = path.join(os.tmpdir(), `faqlint-bench-${size}.json`);
  fs.writeFileSync(outFile, cold.last.stdout);
  const cacheFile = path.join(os.tmpdir(), `faqlint-bench-${size}.cache`);
  fs.rmSync(cacheFile, { force: true });
  measureOnce(node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site);
  const readFloor = coldSet.find((spec) => spec.label === 'read floor');
  const warm = measure('faqlint warm (--cache)', node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site, sizeRuns, undefined, readFloor);
  rows.push(warm.row);
  const warmSame = warm.last.stdout === cold.last.stdout;
  // One page changes between runs: a sentence appended to a real page, undone afterwards.
  const changed = path.join(site, manifest.plantedDrafts[0]?.file ?? 'content/en/faq/_index.md');
  const original = fs.readFileSync(changed, 'utf8');
  const oneChanged = measure('faqlint warm, one page changed', node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site, sizeRuns, (i) => fs.writeFileSync(changed, `${original}\nEdited in bench run ${i}.\n`), readFloor);
  rows.push(oneChanged.row);
  // The edited site linted without the cache: what the run after the edit must have said.
  const oneChangedSame = measureOnce(node, [faqlint, '--format', 'json'], site).stdout === oneChanged.last.stdout;
  fs.writeFileSync(changed, original);
  // An edit a cross-page rule sees: a line added to an answer (the sentence above lands after the
  // last block, which no cross-page rule reads). The site rules run again over cached pages.
  measureOnce(node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site);
  const answerPage = path.join(site, manifest.plantedDrafts[1]?.file ?? manifest.plantedDrafts[0]?.file ?? 'content/en/faq/_index.md');
  const answerOriginal = fs.readFileSync(answerPage, 'utf8');
  const closing = answerOriginal.indexOf('{{< /details >}}');
  if (closing === -1) throw new Error(`bench: ${answerPage} has no {{< details >}} block to edit`);
  const oneAnswer = measure('faqlint warm, one answer changed', node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site, sizeRuns, (i) => fs.writeFileSync(answerPage, `${answerOriginal.slice(0, closing)}Edited in bench run ${i}.\n${answerOriginal.slice(closing)}`), readFloor);
  rows.push(oneAnswer.row);
  const oneAnswerSame = measureOnce(node, [faqlint, '--format', 'json'], site).stdout === oneAnswer.last.stdout;
  fs.writeFileSync(answerPage, answerOriginal);
  // An edit the near-duplicate search sees: a question reworded, a new text in each run.
  measureOnce(node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site);
  const opening = answerOriginal.indexOf('{{< details "');
  if (opening === -1) throw new Error(`bench: ${answerPage} has no {{< details "…" >}} block to edit`);
  const questionAt = opening + '{{< details "'.length;
  const oneQuestion = measure('faqlint warm, one question changed', node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile], site, sizeRuns, (i) => fs.writeFileSync(answerPage, `${answerOriginal.slice(0, questionAt)}After bench run ${i}, ${answerOriginal.slice(questionAt)}`), readFloor);
  rows.push(oneQuestion.row);
  const oneQuestionSame = measureOnce(node, [faqlint, '--format', 'json'], site).stdout === oneQuestion.last.stdout;
  // The same edit with every file read and hashed, as a file system whose times cannot be trusted needs.
  const oneQuestionByContent = measure('faqlint warm, one question changed, --cache-strategy content', node, [faqlint, '--format', 'json', '--cache', '--cache-location', cacheFile, '--cache-strategy', 'content'], site, sizeRuns, (i) => fs.writeFileSync(answerPage, `${answerOriginal.slice(0, questionAt)}Read in full in bench run ${i}, ${answerOriginal.slice(questionAt)}`), readFloor);
  rows.push(oneQuestionByContent.row);
  const oneQuestionByContentSame = measureOnce(node, [faqlint, '--format', 'json'], site).stdout === oneQuestionByContent.last.stdout;
  fs.writeFileSync(answerPage, answerOriginal);

  const compare = spawnSync(node, [path.join(root, 'bench', 'compare.mjs'), site, outFile], { encoding: 'utf8' });
  const byLabel = Object.fromEntries(rows.map((row) => [row.label, row]));
  const ratio = (label, base) => (byLabel[label] && byLabel[base] ? byLabel[label].wall / byLabel[base].wall : NaN);
  const paired = (label, base) => pairedRatio(byLabel[label], byLabel[base]);
  // A warm run against the read floor measured in the same rounds as it.
  const toFloorAlongside = (label) => (byLabel[label]?.floorWall ? byLabel[label].wall / byLabel[label].floorWall : NaN);
  results.sizes[size] = {
    pages: manifest.counts?.pages,
    questions: manifest.counts?.questions,
    markdownMb: (manifest.counts?.markdownBytes ?? 0) / 1e6,
    rows,
    ratios: {
      coldVsParseFloor2Workers: ratio('faqlint cold', 'remark-parse floor, 2 workers'),
      coldVsParseFloor2WorkersPaired: paired('faqlint cold', 'remark-parse floor, 2 workers'),
      coldVsParseFloor2WorkersWithFlagsPaired: paired('faqlint cold', FLOOR_WITH_FLAGS),
      coldVsParseFloor1Thread: ratio('faqlint cold', 'remark-parse floor, 1 thread'),
      coldVsParseFloor2WorkersWithFlags: ratio('faqlint cold', FLOOR_WITH_FLAGS),
      coldWithoutFlagsVsParseFloor2Workers: ratio(COLD_WITHOUT_FLAGS, 'remark-parse floor, 2 workers'),
      coldVsMarkdownlint: ratio('faqlint cold', 'markdownlint-cli2 (default rules)'),
      warmVsReadFloor: toFloorAlongside('faqlint warm (--cache)'),
      oneChangedVsReadFloor: toFloorAlongside('faqlint warm, one page changed'),
      oneAnswerChangedVsReadFloor: toFloorAlongside('faqlint warm, one answer changed'),
      oneQuestionChangedVsReadFloor: toFloorAlongside('faqlint warm, one question changed'),
      oneQuestionChangedByContentVsReadFloor: toFloorAlongside('faqlint warm, one question changed, --cache-strategy content'),
    },
    answersChecked: { plantedAllFoundNoExtras: compare.status === 0, warmOutputIdenticalToCold: warmSame, oneChangedIdenticalToUncached: oneChangedSame, oneAnswerChangedIdenticalToUncached: oneAnswerSame, oneQuestionChangedIdenticalToUncached: oneQuestionSame, oneQuestionChangedByContentIdenticalToUncached: oneQuestionByContentSame, report: compare.stdout.trim().split('\n').slice(0, 12) },
  };
}

process.stderr.write('near-duplicate search alone\n');
const nearDup = spawnSync('npx', ['vitest', 'run', 'test/text/near-duplicates.test.ts', '-t', 'benchmark', '--reporter=dot'], {
  cwd: root,
  env: { ...process.env, FAQLINT_BENCH: '1' },
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
results.nearDuplicates = [...`${nearDup.stdout}${nearDup.stderr}`.matchAll(/(\d+) questions: prepare (\d+) ms, search (\d+) ms, (\d+) pairs/g)].map((m) => ({
  questions: Number(m[1]),
  prepareMs: Number(m[2]),
  searchMs: Number(m[3]),
  pairs: Number(m[4]),
}));

// The same search on the largest site's own questions, whose shared vocabulary makes it slower.
const siteSize = sizes[sizes.length - 1];
process.stderr.write(`near-duplicate search on the questions of site ${siteSize}\n`);
const siteSearch = spawnSync(node, [path.join(root, 'bench', 'near-duplicates-site.mjs'), '--size', siteSize, '--seed', String(seed), '--runs', String(runs)], { cwd: root, encoding: 'utf8' });
const siteRow = /site (\w+): (\d+) questions: prepare (\d+) ms, search (\d+) ms, (\d+) pairs/.exec(siteSearch.stdout);
if (siteRow) {
  results.nearDuplicates.push({ questions: Number(siteRow[2]), site: siteRow[1], prepareMs: Number(siteRow[3]), searchMs: Number(siteRow[4]), pairs: Number(siteRow[5]) });
} else {
  process.stderr.write(`  the search on site ${siteSize}'s questions failed:\n${siteSearch.stderr}\n`);
}

fs.writeFileSync(path.join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

const lines = [`Machine: ${results.machine.cpus} cores (${results.machine.model}), ${results.machine.memoryGb} GB, Node ${results.machine.node}; median of ${runs} runs.`, ''];
for (const [size, data] of Object.entries(results.sizes)) {
  lines.push(`### ${size}: ${data.pages} pages, ${data.questions} questions, ${data.markdownMb.toFixed(1)} MB`, '', '| measurement | wall s | CPU s | peak RSS MB | read floor in the same rounds s |', '| --- | --- | --- | --- | --- |');
  for (const row of data.rows) lines.push(`| ${row.label} | ${row.wall.toFixed(2)} | ${row.cpu.toFixed(2)} | ${row.rssMb.toFixed(0)} | ${row.floorWall ? row.floorWall.toFixed(2) : ''} |`);
  const r = data.ratios;
  lines.push(
    '',
    `cold / parse floor (2 workers) ${r.coldVsParseFloor2Workers.toFixed(2)}× (median of the rounds' own ratios: ${r.coldVsParseFloor2WorkersPaired.toFixed(2)}×; with the CLI's V8 flags: ${r.coldVsParseFloor2WorkersWithFlagsPaired.toFixed(2)}×), cold / parse floor (1 thread) ${r.coldVsParseFloor1Thread.toFixed(2)}×, cold / parse floor (2 workers) with the CLI's V8 flags ${r.coldVsParseFloor2WorkersWithFlags.toFixed(2)}×, cold with V8's defaults / parse floor (2 workers) ${r.coldWithoutFlagsVsParseFloor2Workers.toFixed(2)}×, cold / markdownlint-cli2 ${r.coldVsMarkdownlint.toFixed(2)}×, against the read floor of the same rounds: warm ${r.warmVsReadFloor.toFixed(2)}×, one page changed ${r.oneChangedVsReadFloor.toFixed(2)}×, one answer changed ${r.oneAnswerChangedVsReadFloor.toFixed(2)}×, one question changed ${r.oneQuestionChangedVsReadFloor.toFixed(2)}× (every file read and hashed: ${r.oneQuestionChangedByContentVsReadFloor.toFixed(2)}×)`,
    `planted findings all found, none extra: ${data.answersChecked.plantedAllFoundNoExtras ? 'yes' : 'NO'}; warm output identical to cold: ${data.answersChecked.warmOutputIdenticalToCold ? 'yes' : 'NO'}; after each edit identical to an uncached run: ${data.answersChecked.oneChangedIdenticalToUncached && data.answersChecked.oneAnswerChangedIdenticalToUncached && data.answersChecked.oneQuestionChangedIdenticalToUncached && data.answersChecked.oneQuestionChangedByContentIdenticalToUncached ? 'yes' : 'NO'}`,
    '',
  );
}
lines.push('### Near-duplicate search alone', '', '| questions | prepare ms | search ms | pairs |', '| --- | --- | --- | --- |');
for (const row of results.nearDuplicates) lines.push(`| ${row.questions}${row.site ? ` (site ${row.site}'s questions)` : ''} | ${row.prepareMs} | ${row.searchMs} | ${row.pairs} |`);
console.log(lines.join('\n'));

