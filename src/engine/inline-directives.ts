import type { FaqDocument } from '../model/types.js';
import type { LintMessage } from './results.js';

type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

interface Directive {
  kind: DirectiveKind;
  /** Empty means every rule. */
  rules: string[];
  line: number;
  endLine: number;
}

const DIRECTIVE = /^faqlint-(disable-next-line|disable-line|disable-file|disable|enable)\b\s*([\s\S]*)$/;

/** The `<!-- faqlint-… -->` comments of a document, in order. */
export function parseDirectives(document: FaqDocument): Directive[] {
  const directives: Directive[] = [];
  for (const comment of document.comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    // "-- reason" after the rule list is a justification, as in ESLint.
    const list = (match[2] ?? '').split(/\s--\s/)[0] ?? '';
    directives.push({
      kind: match[1] as DirectiveKind,
      rules: list.split(/[\s,]+/).filter((rule) => rule !== ''),
      line: comment.span.start.line,
      endLine: comment.span.end.line,
    });
  }
  return directives;
}

function covers(rules: readonly string[], ruleId: string): boolean {
  return rules.length === 0 || rules.includes(ruleId);
}

/** Drops the messages that inline comments silence. */
export function applyInlineDirectives(document: FaqDocument, messages: LintMessage[]): LintMessage[] {
  const directives = parseDirectives(document);
  if (directives.length === 0) return messages;
  return messages.filter((message) => !isSilenced(message, directives));
}

function isSilenced(message: LintMessage, directives: readonly Directive[]): boolean {
  // Block disables: the state at the message's line is the last disable/enable before it.
  let disabledAll = false;
  const disabled = new Set<string>();
  const enabledAfterAll = new Set<string>();
  for (const directive of directives) {
    if (directive.kind === 'disable-file' && covers(directive.rules, message.ruleId)) return true;
    if (directive.kind === 'disable-line' && directive.line === message.line && covers(directive.rules, message.ruleId)) return true;
    if (directive.kind === 'disable-next-line' && directive.endLine + 1 === message.line && covers(directive.rules, message.ruleId)) return true;
    if (directive.line > message.line) continue;
    if (directive.kind === 'disable') {
      if (directive.rules.length === 0) {
        disabledAll = true;
        enabledAfterAll.clear();
      } else {
        for (const rule of directive.rules) {
          disabled.add(rule);
          enabledAfterAll.delete(rule);
        }
      }
    } else if (directive.kind === 'enable') {
      if (directive.rules.length === 0) {
        disabledAll = false;
        disabled.clear();
      } else {
        for (const rule of directive.rules) {
          disabled.delete(rule);
          if (disabledAll) enabledAfterAll.add(rule);
        }
      }
    }
  }
  return (disabledAll && !enabledAfterAll.has(message.ruleId)) || disabled.has(message.ruleId);
}
