// The questions of a generated site (generated into the temporary folder first if it is not
// there), as faqlint's parser reads them: what the near-duplicate scripts search.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { generateSite } from './generate-site.mjs';

const root = path.resolve(import.meta.dirname, '..');

/** Every question's text, page by page in path order; needs `npm run build` (it reads dist/). */
export async function siteQuestions(size, seed) {
  const { parseFaqDocument } = await import(path.join(root, 'dist/parse/document.js'));
  const site = path.join(os.tmpdir(), `faqlint-bench-${size}-${seed}`);
  if (!fs.existsSync(path.join(site, 'manifest.json'))) generateSite({ size, seed, out: site, force: true });
  const files = (await glob(['content/**/*.md'], { cwd: site, absolute: true })).sort();
  const texts = [];
  for (const file of files) {
    for (const block of parseFaqDocument(file, fs.readFileSync(file, 'utf8')).blocks) if (block.isQuestion) texts.push(block.question);
  }
  return texts;
}
