/**
 * A worker thread of `lint`: parses the pages it is sent and checks the rules that read only the
 * file itself (`reads: 'file'`); sends back each page's facts and findings, never its tree.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFaqDocument } from '../parse/document.js';
import { factsOf } from './cache.js';
import { activeRulesFor, loadConfig } from './config-resolution.js';
import { DocumentStore } from './document-store.js';
import { crossPageRules, pageParts } from './page-parts.js';
import { fileOnlyFindings } from './file-rules.js';
import { siteLoader } from './sites.js';
import type { ParseBatch, ParsedPageMessage, WorkerSetup } from './worker-pool.js';

const setup = workerData as WorkerSetup;
const resolved = await loadConfig(setup.lookup);
const partRules = crossPageRules(resolved.rules);
// Only a rule that reads the site model despite `reads: 'file'` makes a worker build one.
const siteFor = siteLoader(resolved, new DocumentStore(setup.parseOptions, undefined, new Set(), undefined), () => {});

function parsePage(file: string, text: string, linted: boolean): ParsedPageMessage {
  const document = parseFaqDocument(file, text, setup.parseOptions);
  const parts = setup.withParts ? pageParts(document, partRules) : undefined;
  if (!linted) return { file, factsJson: JSON.stringify(factsOf(document)), messages: null, internalErrors: [], parts };
  const { messages, internalErrors } = fileOnlyFindings(document, activeRulesFor(resolved, file, setup.ruleOverrides), () => siteFor(file));
  return { file, factsJson: JSON.stringify(factsOf(document)), messages, internalErrors, parts };
}

parentPort?.on('message', (batch: ParseBatch) => {
  parentPort?.postMessage({ id: batch.id, pages: batch.jobs.map((job) => parsePage(job.file, job.text, job.linted)) });
});
parentPort?.postMessage('ready');
