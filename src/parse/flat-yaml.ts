/**
 * Flat YAML front matter, read without the YAML parser.
 *
 * Most pages' front matter is a few `key: value` lines (a title, a date, a weight, `draft`,
 * `images: []`). `yaml` reads such a block in about 60 µs once V8 has optimised it, but each
 * worker thread starts with it unoptimised, and over a thread's first 500 pages it took 0.4 ms
 * a page: about 5% of the CPU of a cold run of a 1,000-page site. This reads exactly that form,
 * line by line: text, boolean and small integer values, plain or quoted without escapes, and
 * one-line lists of them. It gives up on anything else (nesting, block lists, comments, escapes,
 * tabs, anchors, tags, block scalars, other numbers, null), which `yaml` reads. What it reads,
 * it reads as `yaml` does, with the same values and source ranges: test/parse/flat-yaml.test.ts
 * checks that against `yaml` on generated blocks of every form it takes and many it must refuse.
 */

/**
 * A key, or an item of a list, with where it is (offsets into the block), as front-matter.ts
 * records every key: for a list item the key range is the item's own.
 */
export interface FlatField {
  path: string[];
  keyStart: number;
  keyEnd: number;
  /** The value as written, quotes and brackets included. */
  valueStart: number;
  valueEnd: number;
  /** A text value's characters, without quotes; undefined for a list. */
  inner: [number, number] | undefined;
}

export interface FlatYaml {
  data: Record<string, unknown>;
  fields: FlatField[];
}

/**
 * Characters a value may hold: printable ones, without the C0 and C1 controls, DEL, the Unicode
 * line and paragraph separators, the byte order mark, U+FFFE/U+FFFF or a lone surrogate.
 */
const CHAR = String.raw`[\u0020-\u007e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff]`;
/** A plain (unquoted) value: it starts with no indicator and holds no `: ` or ` #`; it ends in neither a space nor `:`. */
const PLAIN = String.raw`(?![-?:,\[\]{}#&*!|>'"%@\x60 ])(?:(?!: | #)(?:${CHAR}))+(?<![ :])`;
const DOUBLE_QUOTED = String.raw`"(?:(?!["\\])(?:${CHAR}))*"`;
const SINGLE_QUOTED = String.raw`'(?:(?!')(?:${CHAR}))*'`;
/** A plain item of a one-line list (`[a, b]`): as a plain value, but without `,[]{}:#`, which end or nest it there. */
const FLOW_PLAIN = String.raw`(?![-?:,\[\]{}#&*!|>'"%@\x60 ])(?:(?![,\[\]{}:#])(?:${CHAR}))+(?<! )`;
const FLOW_ITEM = String.raw`${DOUBLE_QUOTED}|${SINGLE_QUOTED}|${FLOW_PLAIN}`;
/** A one-line list of text values: `[]`, `["/old/"]`, `[a, b c]`. */
const FLOW_SEQUENCE = String.raw`\[ *(?:(?:${FLOW_ITEM}) *(?:, *(?:${FLOW_ITEM}) *)*)?\]`;
/** A line: `key:`, spaces, a value, then the line's end (LF or CRLF; CR-only breaks are LF by now) or the block's. */
const FIELD_LINE = new RegExp(String.raw`([A-Za-z_][A-Za-z0-9_-]{0,127}):( +)(${DOUBLE_QUOTED}|${SINGLE_QUOTED}|${FLOW_SEQUENCE}|${PLAIN})(?:\r?\n|$)`, 'y');
/** The items of a list that {@link FLOW_SEQUENCE} matched (quoted items are whole, plain ones hold no comma). */
const ITEMS = new RegExp(FLOW_ITEM, 'g');
const BLANK_LINE = /\r?\n/y;

/** Keys YAML's core schema reads as null or a boolean, and the one key a plain object cannot hold as written. */
const NOT_A_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** Integers that are exact as numbers. */
const SMALL_INTEGER = /^[0-9]{1,15}$/;
/** Every other plain value YAML's core schema reads as something other than a string: null, integers, floats. */
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;

const NOT_TEXT = Symbol('not read here');

/** A scalar's value as YAML's core schema reads it, `NOT_TEXT` when it is one this does not read. */
function scalarValue(written: string): unknown {
  if (written[0] === '"' || written[0] === "'") return written.slice(1, -1);
  if (BOOLEAN.test(written)) return written[0] === 't' || written[0] === 'T';
  if (SMALL_INTEGER.test(written)) return Number(written);
  return NOT_A_STRING.test(written) ? NOT_TEXT : written;
}

/** Where a scalar's characters are: inside its quotes, if any. */
function innerOf(written: string, start: number): [number, number] {
  const quoted = written[0] === '"' || written[0] === "'";
  return quoted ? [start + 1, start + written.length - 1] : [start, start + written.length];
}

/** The block's keys and values when it is flat front matter as described above; undefined when `yaml` must read it. */
export function readFlatYaml(source: string): FlatYaml | undefined {
  const data: Record<string, unknown> = {};
  const fields: FlatField[] = [];
  let at = 0;
  while (at < source.length) {
    BLANK_LINE.lastIndex = at;
    if (BLANK_LINE.test(source)) {
      at = BLANK_LINE.lastIndex;
      continue;
    }
    FIELD_LINE.lastIndex = at;
    const line = FIELD_LINE.exec(source);
    if (!line) return undefined;
    const key = line[1] as string;
    const written = line[3] as string;
    if (NOT_A_STRING_KEY.test(key) || Object.hasOwn(data, key)) return undefined;
    const keyStart = line.index;
    const valueStart = keyStart + key.length + 1 + (line[2] as string).length;
    const valueEnd = valueStart + written.length;
    if (written[0] === '[') {
      const items: unknown[] = [];
      const itemFields: FlatField[] = [];
      for (const item of written.matchAll(ITEMS)) {
        const value = scalarValue(item[0]);
        if (value === NOT_TEXT) return undefined;
        const start = valueStart + item.index;
        const end = start + item[0].length;
        itemFields.push({ path: [key, String(items.length)], keyStart: start, keyEnd: end, valueStart: start, valueEnd: end, inner: innerOf(item[0], start) });
        items.push(value);
      }
      data[key] = items;
      fields.push({ path: [key], keyStart, keyEnd: keyStart + key.length, valueStart, valueEnd, inner: undefined }, ...itemFields);
    } else {
      const value = scalarValue(written);
      if (value === NOT_TEXT) return undefined;
      data[key] = value;
      fields.push({ path: [key], keyStart, keyEnd: keyStart + key.length, valueStart, valueEnd, inner: innerOf(written, valueStart) });
    }
    at = FIELD_LINE.lastIndex;
  }
  return fields.length > 0 ? { data, fields } : undefined;
}
