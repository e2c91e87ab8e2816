/**
 * faqlint's programmatic API.
 *
 * ```ts
 * import { formatters, lint, ruleInfo, VERSION } from 'faqlint';
 * const run = await lint({ patterns: ['content'] });
 * console.log(formatters.stylish(run.results, { cwd: process.cwd(), color: false, rules: ruleInfo(run.config), version: VERSION }));
 * ```
 */
export * from './api.js';
export { parseFaqDocument } from './parse/document.js';
