import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';
import type { Formatter } from './types.js';

export type { Formatter, FormatterContext } from './types.js';

/** Built-in formatters by name. */
export const formatters: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
};
