import type { FaqDocument } from '../model/types.js';
import { isSiteRule, type RuleReport } from '../rules/define-rule.js';
import type { SiteModel } from '../site/site-model.js';
import type { ActiveRule } from './config-resolution.js';
import { spanFields, type LintMessage } from './results.js';

/** Where a file rule's findings and crashes go. */
export interface FileRuleSink {
  report(ruleId: string, report: RuleReport): void;
  crashed(ruleId: string, error: unknown): void;
}

/**
 * Runs the file rules among `rules` that `include` accepts on one document. The site model is
 * built only if a rule reads it: a worker thread checking rules that read the file alone never
 * needs one.
 */
export function runFileRules(document: FaqDocument, rules: readonly ActiveRule[], include: (active: ActiveRule) => boolean, siteOf: () => SiteModel, sink: FileRuleSink): void {
  for (const active of rules) {
    const rule = active.rule;
    if (isSiteRule(rule) || !include(active)) continue;
    try {
      rule.check({
        document,
        options: active.options as never,
        get site() {
          return siteOf();
        },
        report: (report) => sink.report(rule.meta.id, report),
      });
    } catch (error) {
      sink.crashed(rule.meta.id, error);
    }
  }
}

/**
 * Runs the rules that read only the file (`reads: 'file'`) on one document and collects what
 * they find, a crash as a `rule-error` finding plus a line for the run's internal errors: what a
 * worker thread sends back, and what a page rechecked after an edit gets.
 */
export function fileOnlyFindings(document: FaqDocument, rules: readonly ActiveRule[], siteOf: () => SiteModel): { messages: LintMessage[]; internalErrors: string[] } {
  const messages: LintMessage[] = [];
  const internalErrors: string[] = [];
  const severityOf = (ruleId: string): ActiveRule['severity'] => rules.find((candidate) => candidate.rule.meta.id === ruleId)?.severity ?? 2;
  runFileRules(document, rules, ({ rule }) => rule.meta.reads === 'file', siteOf, {
    report: (ruleId, report) => messages.push(messageFor(ruleId, severityOf(ruleId), report)),
    crashed: (ruleId, error) => {
      const crash = crashReport(ruleId, document.path, error);
      messages.push(crash.message);
      internalErrors.push(crash.internalError);
    },
  });
  return { messages, internalErrors };
}

/** A finding in the shape results carry, with the severity the file's config gives the rule. */
export function messageFor(ruleId: string, severity: ActiveRule['severity'], report: RuleReport): LintMessage {
  return {
    ruleId,
    severity,
    message: report.message,
    ...spanFields(report.span),
    ...(report.related ? { related: report.related.map((related) => ({ message: related.message, filePath: related.path, ...spanFields(related.span) })) } : {}),
  };
}

/** A rule that threw: one error finding at the top of the file, and a line for the run's internal errors. */
export function crashReport(ruleId: string, file: string, error: unknown): { message: LintMessage; internalError: string } {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    message: { ruleId: 'rule-error', severity: 2, message: `Rule "${ruleId}" crashed: ${reason}`, line: 1, column: 1, endLine: 1, endColumn: 1 },
    internalError: `Rule ${ruleId} failed on ${file}: ${reason}`,
  };
}
