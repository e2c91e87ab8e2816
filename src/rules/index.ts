import type { RuleDefinition } from './define-rule.js';
import noDraft from './no-draft.js';
import noDuplicateQuestion from './no-duplicate-question.js';
import noEmptyAnswer from './no-empty-answer.js';
import noPlaceholder from './no-placeholder.js';
import questionFormat from './question-format.js';
import validGlossaryLink from './valid-glossary-link.js';
import validInternalLink from './valid-internal-link.js';

/** Every built-in rule, in id order. */
export const builtinRules: readonly RuleDefinition<never>[] = [
  noDraft,
  noDuplicateQuestion,
  noEmptyAnswer,
  noPlaceholder,
  questionFormat,
  validGlossaryLink,
  validInternalLink,
] as unknown as readonly RuleDefinition<never>[];
