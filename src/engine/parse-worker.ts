/**
 * A worker thread of `lint`: reads and parses the pages it is sent and checks the rules that read
 * only the file itself (`reads: 'file'`); sends back each page's facts and findings, never its
 * tree or text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFaqDocument } from '../parse/document.js';
import { factsOf } from './cache.js';
import { activeRulesFor, loadConfig } from './config-resolution.js';
import { DocumentStore } from './document-store.js';
import { crossPageRules, pageParts } from './page-parts.js';
import { fileOnlyFindings } from './file-rules.js';
import { readSource } from './read-source.js';
import { siteLoader } from './sites.js';
import type { PageMessage, ParseBatch, ParseJob, WorkerSetup } from './worker-pool.js';

const setup = workerData as WorkerSetup;
const resolved = await loadConfig(setup.lookup);
const partRules = crossPageRules(resolved.rules);
// Only a rule that reads the site model despite `reads: 'file'` makes a worker build one.
const siteFor = siteLoader(resolved, new DocumentStore(setup.parseOptions, undefined, new Set(), undefined), () => {});

function parsePage({ file, linted }: ParseJob): PageMessage {
  const read = readSource(file, setup.forCache);
  if (!read.ok) return { file, unread: true };
  const document = parseFaqDocument(file, read.text, setup.parseOptions);
  const parts = setup.forCache ? pageParts(document, partRules) : undefined;
  const { messages, internalErrors } = linted
    ? fileOnlyFindings(document, activeRulesFor(resolved, file, setup.ruleOverrides), () => siteFor(file))
    : { messages: null, internalErrors: [] };
  return { file, digest: read.digest ?? '', readProblems: read.problems, lines: document.lineIndex.parts(), factsJson: JSON.stringify(factsOf(document)), messages, internalErrors, parts };
}

parentPort?.on('message', (batch: ParseBatch) => {
  const pages = batch.jobs.map(parsePage);
  // The line indexes move to the main thread rather than being copied: this thread is done with them.
  const transfer = pages.flatMap((page) => ('lines' in page ? [page.lines.lineStarts.buffer as ArrayBuffer, page.lines.lineEnds.buffer as ArrayBuffer] : []));
  parentPort?.postMessage({ id: batch.id, pages }, transfer);
});
parentPort?.postMessage('ready');
