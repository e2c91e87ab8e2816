import { formatCompact } from './compact.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { Formatter, FormatterContext, FormatterRuleInfo } from './types.js';

/** Built-in formatters by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  compact: formatCompact,
  github: formatGithub,
  sarif: formatSarif,
  junit: formatJunit,
};
