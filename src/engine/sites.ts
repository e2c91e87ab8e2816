import path from 'node:path';
import { ConfigError, displayPath } from '../config/config.js';
import { memoizedHugoRoots } from '../site/hugo-root.js';
import { SiteModel } from '../site/site-model.js';
import type { ResolvedConfig } from './config-resolution.js';
import type { PageSource } from './document-store.js';

/**
 * The site model of any file: one per site root (a Hugo site, or the config's folder), shared by
 * every file under it. Problems reading a Hugo config go to `warn`; a glossary set in the config
 * that does not exist is a config error.
 */
export function siteLoader(
  resolved: ResolvedConfig,
  store: PageSource,
  warn: (warning: string) => void,
  hugoRootFor: (dir: string) => string | undefined = memoizedHugoRoots(),
): (file: string) => SiteModel {
  const sites = new Map<string, SiteModel>();
  const { config } = resolved;
  return (file) => {
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
      if (config.glossary !== undefined && site.glossaryFiles.length === 0) {
        throw new ConfigError(site.problems.map((problem) => problem.message).join('; ') || `The glossary "${config.glossary}" was not found`);
      }
      for (const problem of site.problems) {
        const where = problem.line === undefined ? displayPath(problem.file) : `${displayPath(problem.file)}:${problem.line}:${problem.column ?? 1}`;
        warn(`${where}: ${problem.message}`);
      }
      sites.set(key, site);
    }
    return site;
  };
}
