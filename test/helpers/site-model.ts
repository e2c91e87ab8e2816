import fs from 'node:fs';
import type { FaqDocument } from '../../src/model/types.js';
import { parseFaqDocument } from '../../src/parse/document.js';
import { SiteModel } from '../../src/site/site-model.js';

/**
 * The site model of the Markdown under `dir` (also its config folder, with no Hugo config there),
 * each page parsed from disk when the model asks for it; `load` parses a page the same way.
 */
export function siteModelOver(dir: string): { site: SiteModel; load: (file: string) => FaqDocument } {
  const load = (file: string): FaqDocument => parseFaqDocument(file, fs.readFileSync(file, 'utf8'));
  return { site: SiteModel.load({ startDir: dir, configDir: dir, glossary: undefined, loadDocument: load, frontMatterOf: () => undefined }), load };
}
