import type { FaqDocument } from '../model/types.js';
import type { LintMessage } from './results.js';

type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

interface Directive {
  kind: DirectiveKind;
  /** Empty means every rule. */
  rules: string[];
  line: number;
  endLine: number;
  span: { line: number; column: number; endLine: number; endColumn: number };
  /** The comment's text, for messages. */
  text: string;
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
      span: { line: comment.span.start.line, column: comment.span.start.column, endLine: comment.span.end.line, endColumn: comment.span.end.column },
      text: comment.text,
    });
  }
  return directives;
}

function covers(rules: readonly string[], ruleId: string): boolean {
  return rules.length === 0 || rules.includes(ruleId);
}

/** The messages left after inline comments silenced some, and the directives that silenced nothing. */
export interface DirectiveOutcome {
  kept: LintMessage[];
  unused: Array<{ line: number; column: number; endLine: number; endColumn: number; text: string }>;
}

/** Drops the messages that inline comments silence, and notes directives that silenced nothing. */
export function applyInlineDirectives(document: FaqDocument, messages: LintMessage[]): DirectiveOutcome {
  const directives = parseDirectives(document);
  if (directives.length === 0) return { kept: messages, unused: [] };
  const used = new Set<Directive>();
  const kept = messages.filter((message) => {
    const silencer = silencedBy(message, directives);
    if (silencer) used.add(silencer);
    return silencer === undefined;
  });
  const unused = directives
    .filter((directive) => directive.kind !== 'enable' && !used.has(directive))
    .map((directive) => ({ ...directive.span, text: directive.text }));
  return { kept, unused };
}

/** The directive that silences `message`, if any. */
function silencedBy(message: LintMessage, directives: readonly Directive[]): Directive | undefined {
  // Block disables: the state at the message's line is set by the disables and enables before it.
  let allBy: Directive | undefined;
  const byRule = new Map<string, Directive>();
  const enabledAfterAll = new Set<string>();
  for (const directive of directives) {
    const applies = covers(directive.rules, message.ruleId);
    if (directive.kind === 'disable-file' && applies) return directive;
    if (directive.kind === 'disable-line' && directive.line === message.line && applies) return directive;
    if (directive.kind === 'disable-next-line' && directive.endLine + 1 === message.line && applies) return directive;
    if (directive.line > message.line) continue;
    if (directive.kind === 'disable') {
      if (directive.rules.length === 0) {
        allBy = directive;
        enabledAfterAll.clear();
      } else {
        for (const rule of directive.rules) {
          byRule.set(rule, directive);
          enabledAfterAll.delete(rule);
        }
      }
    } else if (directive.kind === 'enable') {
      if (directive.rules.length === 0) {
        allBy = undefined;
        byRule.clear();
      } else {
        for (const rule of directive.rules) {
          byRule.delete(rule);
          if (allBy) enabledAfterAll.add(rule);
        }
      }
    }
  }
  return byRule.get(message.ruleId) ?? (allBy && !enabledAfterAll.has(message.ruleId) ? allBy : undefined);
}
