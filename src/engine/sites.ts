import path from 'node:path';
import { ConfigError, displayPath } from '../config/config.js';
import { memoizedHugoRoots } from '../site/hugo-root.js';
import { SiteModel } from '../site/site-model.js';
import type { ResolvedConfig } from './config-resolution.js';
import type { PageSource } from './document-store.js';

/**
 * The site model of any file: one per site root (a Hugo site, or the config's folder), shared by
 * every file under it. Called, it gives the site checked: its glossary looked up (a glossary set
 * in the config that does not exist is a config error) and problems reading its Hugo config sent
 * to `warn`, once. `layoutOf` gives the same model unchecked, for what needs only where the
 * site's pages are (which pages to parse), so that nothing is read before the parsing starts.
 */
export interface SiteLoader {
  (file: string): SiteModel;
  layoutOf(file: string): SiteModel;
}

export function siteLoader(
  resolved: ResolvedConfig,
  store: PageSource,
  warn: (warning: string) => void,
  hugoRootFor: (dir: string) => string | undefined = memoizedHugoRoots(),
): SiteLoader {
  const sites = new Map<string, SiteModel>();
  const checked = new Set<SiteModel>();
  const { config } = resolved;
  const layoutOf = (file: string): SiteModel => {
    const key = hugoRootFor(path.dirname(file)) ?? resolved.dir;
    let site = sites.get(key);
    if (!site) {
      site = SiteModel.load({
        startDir: path.dirname(file),
        configDir: resolved.file ? resolved.dir : undefined,
        glossary: config.glossary,
        loadDocument: (page) => store.load(page),
        frontMatterOf: (page) => store.frontMatterOf(page),
      });
      sites.set(key, site);
    }
    return site;
  };
  const siteFor = (file: string): SiteModel => {
    const site = layoutOf(file);
    if (checked.has(site)) return site;
    if (config.glossary !== undefined && site.glossaryFiles.length === 0) {
      throw new ConfigError(site.problems.map((problem) => problem.message).join('; ') || `The glossary "${config.glossary}" was not found`);
    }
    for (const problem of site.problems) {
      const where = problem.line === undefined ? displayPath(problem.file) : `${displayPath(problem.file)}:${problem.line}:${problem.column ?? 1}`;
      warn(`${where}: ${problem.message}`);
    }
    checked.add(site);
    return site;
  };
  return Object.assign(siteFor, { layoutOf });
}
