import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintMessage } from '../engine/results.js';
import type { Formatter, FormatterRuleInfo } from './types.js';

/** The base id that relative artifact URIs are resolved against: the folder faqlint ran in. */
const SRCROOT = '%SRCROOT%';

interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: SarifArtifactLocation; region: SarifRegion };
  message?: { text: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: 'error' | 'warning';
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
}

interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' };
}

/** `no-placeholder` → `NoPlaceholder`: SARIF's `name` is meant to be an identifier-like label. */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function level(severity: number): 'error' | 'warning' {
  return severity === 2 ? 'error' : 'warning';
}

function ruleDescriptor(rule: FormatterRuleInfo): SarifReportingDescriptor {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    ...(rule.docsUrl ? { helpUri: rule.docsUrl } : {}),
    defaultConfiguration: { level: rule.defaultSeverity === 'error' ? 'error' : 'warning' },
  };
}

/** The file URL of a folder, with the trailing slash SARIF requires of a base URI. */
function folderUrl(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** Percent-encodes one path segment; a lone surrogate (which `encodeURIComponent` rejects) becomes U+FFFD. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

/**
 * A file inside `cwd` becomes a relative URI reference against %SRCROOT%, each segment
 * percent-encoded (so `my faq.md` is `my%20faq.md`, non-ASCII letters are UTF-8 escapes, and a
 * `:` in the first segment cannot be read as a scheme). Anything else gets an absolute file URL.
 */
function artifactLocation(filePath: string, cwd: string): SarifArtifactLocation {
  const relative = path.relative(cwd, filePath);
  const inside = relative !== '' && !path.isAbsolute(relative) && relative !== '..' && !relative.startsWith(`..${path.sep}`);
  if (!inside) return { uri: pathToFileURL(filePath).href };
  return { uri: relative.split(path.sep).map(encodeSegment).join('/'), uriBaseId: SRCROOT };
}

/** SARIF wants positive, ordered positions; the engine's are, but a bad one must not void the log. */
function region(position: Pick<LintMessage, 'line' | 'column' | 'endLine' | 'endColumn'>): SarifRegion {
  const startLine = Math.max(1, position.line);
  const startColumn = Math.max(1, position.column);
  const endLine = Math.max(startLine, position.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, position.endColumn) : Math.max(1, position.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the full rule table,
 * paths relative to %SRCROOT% (the folder faqlint ran in). Columns are UTF-16 code units and
 * `endColumn` is exclusive, which is both faqlint's and SARIF's convention.
 */
export const formatSarif: Formatter = (results, context) => {
  const ruleIndexes = new Map<string, number>();
  context.rules.forEach((rule, index) => {
    if (!ruleIndexes.has(rule.id)) ruleIndexes.set(rule.id, index);
  });

  const sarifResults: SarifResult[] = [];
  for (const result of results) {
    const location = artifactLocation(result.filePath, context.cwd);
    for (const message of result.messages) {
      const ruleIndex = ruleIndexes.get(message.ruleId);
      const sarifResult: SarifResult = {
        ruleId: message.ruleId,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: level(message.severity),
        message: { text: message.message },
        locations: [{ physicalLocation: { artifactLocation: location, region: region(message) } }],
      };
      if (message.related && message.related.length > 0) {
        sarifResult.relatedLocations = message.related.map((related, index) => ({
          id: index + 1,
          physicalLocation: { artifactLocation: artifactLocation(related.filePath, context.cwd), region: region(related) },
          message: { text: related.message },
        }));
      }
      sarifResults.push(sarifResult);
    }
  }

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'faqlint',
            version: context.version,
            informationUri: 'https://github.com/faqlint/faqlint',
            rules: context.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: folderUrl(context.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
};
