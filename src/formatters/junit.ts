import path from 'node:path';
import { displayPath } from './paths.js';
import type { Formatter } from './types.js';

/**
 * Drops what XML 1.0 cannot carry at all, even as a character reference: C0 controls other than
 * tab, LF and CR, U+FFFE/U+FFFF, and lone surrogates.
 */
function xmlText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
}

/** Escapes an attribute value; tab and line breaks become references so parsers keep them. */
function attribute(text: string): string {
  return xmlText(text).replace(/[&<>"'\t\n\r]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${ch.charCodeAt(0)};`;
    }
  });
}

/** A CDATA section holding `text` verbatim: a `]]>` inside is split across two sections. */
function cdata(text: string): string {
  return `<![CDATA[${xmlText(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}


/**
 * JUnit XML in the shape of ESLint's junit formatter, for CI test reports: a testsuite per file
 * and a failing testcase per message (warnings included, marked "Warning"). A file without
 * messages gets one passing testcase, so the report still shows it was checked.
 */
export const formatJunit: Formatter = (results, context) => {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  for (const result of results) {
    const file = displayPath(result.filePath, context.cwd);
    const name = attribute(file);
    const classname = attribute(file.slice(0, file.length - path.posix.extname(file).length));
    const count = result.messages.length;
    if (count === 0) {
      lines.push(`<testsuite package="org.faqlint" time="0" tests="1" errors="0" name="${name}">`);
      lines.push(`<testcase time="0" name="org.faqlint" classname="${classname}" />`);
      lines.push('</testsuite>');
      continue;
    }
    lines.push(`<testsuite package="org.faqlint" time="0" tests="${count}" errors="${count}" name="${name}">`);
    for (const message of result.messages) {
      const kind = message.severity === 2 ? 'Error' : 'Warning';
      const details = `line ${message.line}, col ${message.column}, ${kind} - ${message.message} (${message.ruleId})`;
      lines.push(
        `<testcase time="0" name="org.faqlint.${attribute(message.ruleId)}" classname="${classname}">` +
          `<failure message="${attribute(message.message)}">${cdata(details)}</failure></testcase>`,
      );
    }
    lines.push('</testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
};
