import path from 'node:path';
import type { FaqDocument, QaBlock, Span } from '../model/types.js';
import { answerFormHash, textHash } from '../text/answer-form.js';
import { findFiller } from '../text/lorem.js';
import { normalizeQuestion } from '../text/normalize.js';
import { findPlaceholder } from '../text/placeholders.js';
import { quoteExcerpt } from '../text/quote.js';
import { DEFAULT_NEAR_DUPLICATE_THRESHOLD, isTypo, prepareNormalizedQuestion, questionSimilarity, type PreparedQuestion } from '../text/similarity.js';
import { defineSiteRule, type RuleReport, type SiteRuleContext } from './define-rule.js';
import { chunkCount, chunkRange, decoded, encoded } from './memo-arrays.js';
import { repeatedValues } from './number-positions.js';
import { wordingKeys, wordingPairs } from './wording-pairs.js';

export interface NoDuplicateQuestionOptions {
  /** Compare questions within each page, or across the whole site (each language tree apart). */
  scope: 'page' | 'site';
  /** Also report questions that differ only in small ways ("How do I…" / "How can I…"). */
  nearDuplicates: boolean;
  /** Similarity (0–1) from which two questions count as near duplicates. */
  threshold: number;
}

/** Answers shorter than this say too little to show that two questions are one. */
const MIN_ANSWER_WORDS = 12;
/**
 * Two questions with the same answer are one question only if they also share most of their
 * wording: generic answers ("The log lists every job…") do get pasted under different questions.
 */
const SAME_ANSWER_QUESTION_SIMILARITY = 0.5;
/** An answer pasted under this many questions is boilerplate ("Contact support…"), not a sign of one question. */
const BOILERPLATE_COPIES = 3;

/** The memo key of a page's questions, kept flat: per question {@link QUESTION_FIELDS} values. */
const PAGE_QUESTIONS = 'questions';
/**
 * Block index, question, normalised question, span start and end (line, column, offset each),
 * answer hash or null, {@link textHash} of the normalised question.
 */
const QUESTION_FIELDS = 11;

/**
 * A question a finding names, as a view of its page's flat values (worked out from the page's
 * blocks, or recalled for a page unchanged since): a span is made only for a question reported or
 * pointed at. (The text and answer hashes, fields 10 and 9, are read into the group's table.)
 */
class Asked {
  constructor(
    readonly document: FaqDocument,
    private readonly values: readonly unknown[],
    private readonly at: number,
  ) {}

  /** Where its block is in `document.blocks`: read only for its answer, which few questions need. */
  get blockIndex(): number {
    return this.values[this.at] as number;
  }
  get question(): string {
    return this.values[this.at + 1] as string;
  }
  /** {@link normalizeQuestion} of the question. */
  get normalized(): string {
    return this.values[this.at + 2] as string;
  }
  get questionSpan(): Span {
    const number = (field: number): number => this.values[this.at + field] as number;
    return { start: { line: number(3), column: number(4), offset: number(5) }, end: { line: number(6), column: number(7), offset: number(8) } };
  }
}

function isPageQuestions(value: unknown): value is unknown[] {
  if (!Array.isArray(value) || value.length % QUESTION_FIELDS !== 0) return false;
  for (let at = 0; at < value.length; at += QUESTION_FIELDS) {
    if (typeof value[at + 1] !== 'string' || typeof value[at + 2] !== 'string' || (value[at + 9] !== null && typeof value[at + 9] !== 'number') || typeof value[at + 10] !== 'number') return false;
    if (!Number.isInteger(value[at])) return false;
    for (let field = 3; field < 9; field++) if (!Number.isInteger(value[at + field])) return false;
  }
  return true;
}

/**
 * A page's questions (those that are questions and have words), flat ({@link QUESTION_FIELDS}
 * values each). With `--cache` they are kept per page, so a run after an edit reads the blocks of
 * the edited pages only.
 */
function pageValues(context: SiteRuleContext<NoDuplicateQuestionOptions>, document: FaqDocument): unknown[] {
  const recalled = context.memo.recallPage(document, PAGE_QUESTIONS);
  let values: unknown[];
  if (isPageQuestions(recalled)) {
    values = recalled;
  } else {
    const flat: unknown[] = [];
    document.blocks.forEach((block, blockIndex) => {
      const normalized = block.isQuestion ? normalizeQuestion(block.question) : '';
      if (normalized === '') return;
      const { start, end } = block.questionSpan;
      flat.push(blockIndex, block.question, normalized, start.line, start.column, start.offset, end.line, end.column, end.offset, answerFormHash(block.answerText, MIN_ANSWER_WORDS) ?? null, textHash(normalized));
    });
    values = flat;
  }
  // Kept again when recalled: only what a run keeps is there for the next.
  context.memo.keepPage(document, PAGE_QUESTIONS, values);
  return values;
}

/** The block of a question, for its answer. */
function blockOf(asked: Asked): QaBlock {
  return asked.document.blocks[asked.blockIndex] as QaBlock;
}

/** "content/en/faq/_index.md:17:14", relative to the site root so messages read the same everywhere. */
function where(root: string, asked: Asked): string {
  const relative = path.relative(root, asked.document.path) || asked.document.path;
  return `${relative.split(path.sep).join('/')}:${asked.questionSpan.start.line}:${asked.questionSpan.start.column}`;
}

/**
 * The indices grouped by answer, for answers long enough to identify a question (not NaN) and
 * given more than once; answers are compared by their {@link answerFormHash}.
 */
function sameAnswers(hashes: Float64Array): number[][] {
  // Most answers are given once: a map holds only those given again.
  const repeated = repeatedValues(hashes);
  const byAnswer = new Map<number, number[]>();
  hashes.forEach((hash, index) => {
    if (!repeated.has(hash)) return;
    const indices = byAnswer.get(hash);
    if (indices) indices.push(index);
    else byAnswer.set(hash, [index]);
  });
  return [...byAnswer.values()];
}

/** Filler pasted under several questions is a placeholder problem, not a sign they are one question. */
function isFillerAnswer(block: QaBlock): boolean {
  return findFiller(block.answerText).length > 0 || findPlaceholder(block.answerText) !== undefined;
}

function contentWords(question: PreparedQuestion): string[] {
  return question.tokens.filter((_, index) => !question.functionWord[index]);
}

const QUESTION_WORDS = new Set(['how', 'what', 'why', 'when', 'where', 'who', 'which', 'whom', 'whose']);

/**
 * Near duplicates may differ in function words, plurals and typos, never in what they ask about:
 * "…between a snapshot and a bucket?" and "…and a note?" score high but are different questions.
 */
function sameContentWords(a: PreparedQuestion, b: PreparedQuestion): boolean {
  return differingContentWords(a, b) === 0;
}

/** The same content words in the same order: "mount restore points" and "restore mount points" ask different things. */
function sameContentWordOrder(a: PreparedQuestion, b: PreparedQuestion): boolean {
  const wordsA = contentWords(a);
  const wordsB = contentWords(b);
  return wordsA.length === wordsB.length && wordsA.every((word, index) => word === wordsB[index] || isTypo(word, wordsB[index] as string));
}

/** How many content words of either question have no equal (or typo) in the other. */
function differingContentWords(a: PreparedQuestion, b: PreparedQuestion, ignore: ReadonlySet<string> = new Set()): number {
  const wordsA = contentWords(a).filter((word) => !ignore.has(word));
  const wordsB = contentWords(b).filter((word) => !ignore.has(word));
  // One to one: each word pairs with at most one word of the other question, equal words first,
  // so "remove remote rules" / "remove rules" leaves "remote" unpaired.
  const unpairedB = [...wordsB];
  const unpairedA: string[] = [];
  for (const word of wordsA) {
    const at = unpairedB.indexOf(word);
    if (at === -1) unpairedA.push(word);
    else unpairedB.splice(at, 1);
  }
  let differing = 0;
  for (const word of unpairedA) {
    const at = unpairedB.findIndex((other) => isTypo(word, other));
    if (at === -1) differing++;
    else unpairedB.splice(at, 1);
  }
  return differing + unpairedB.length;
}

/** Groups the pages whose questions may repeat each other, by a key: one group per page or per language tree. */
function groups(context: SiteRuleContext<NoDuplicateQuestionOptions>): Map<string, FaqDocument[]> {
  const byKey = new Map<string, FaqDocument[]>();
  for (const document of context.documents) {
    // Each language tree is its own site: an untranslated copy in content/nl is not a repeat.
    const key = context.options.scope === 'page' ? `page:${document.path}` : `tree:${context.site.treeOf(document.path)?.lang ?? ''}`;
    const list = byKey.get(key);
    if (list) list.push(document);
    else byKey.set(key, [document]);
  }
  return byKey;
}

/**
 * A group's questions in group order (page by page, block by block): per question its text's
 * hash (or, once two texts are known to share one, an id per text) and its answer's
 * ({@link answerFormHash}, NaN for none). Texts and spans stay in each page's values, read only
 * for the questions a finding names.
 */
interface QuestionTable {
  documents: readonly FaqDocument[];
  /** The questions of page p are `[pageStart[p], pageStart[p + 1])`. */
  pageStart: Int32Array;
  pageOf: Int32Array;
  texts: Float64Array;
  answers: Float64Array;
}

/**
 * What the rule keeps of a language tree between runs (`--cache`): its findings, apart from its
 * questions. In chunks of {@link PAGES_PER_CHUNK} pages: the pages with their versions, and every
 * question's text and answer hash. And for the tree: how many pages it had, the verdicts on
 * questions that share an answer and every finding as reported, by a key of their questions'
 * places (page index, then the question's ordinal in its page). After an edit only the edited
 * pages are read, a finding whose key is known again is reported as it was, and only the chunks
 * of edited pages (and the findings, if they changed) are written again.
 */
interface KeptGroup {
  pageCount: number;
  verdicts: Record<string, number>;
  reports: Record<string, KeptReport>;
}

/** A chunk's pages and their versions, their question counts, and their questions' text and answer hashes (base64 typed arrays). */
interface KeptChunk {
  pages: string[];
  versions: string[];
  counts: string;
  texts: string;
  answers: string;
}

/** A report as kept: message, span (6 numbers), related message, related page (index), related span. */
type KeptReport = [string, number, number, number, number, number, number, string, number, number, number, number, number, number, number];

const PAGES_PER_CHUNK = 128;

function spanNumbers(span: Span): [number, number, number, number, number, number] {
  return [span.start.line, span.start.column, span.start.offset, span.end.line, span.end.column, span.end.offset];
}

function spanOf(numbers: readonly unknown[], at: number): Span | undefined {
  const [line, column, offset, endLine, endColumn, endOffset] = numbers.slice(at, at + 6);
  if (![line, column, offset, endLine, endColumn, endOffset].every(Number.isInteger)) return undefined;
  return { start: { line, column, offset }, end: { line: endLine, column: endColumn, offset: endOffset } } as Span;
}

/** {@link KeptGroup} and its chunks, decoded. */
interface RecalledGroup {
  value: KeptGroup;
  pages: string[];
  at: Map<string, number>;
  versions: string[];
  starts: Int32Array;
  texts: Float64Array;
  answers: Float64Array;
  chunks: unknown[];
}

function isStrings(value: unknown, length: number): value is string[] {
  return Array.isArray(value) && value.length === length && value.every((item) => typeof item === 'string');
}

function recalledGroup(value: unknown, chunkAt: (chunk: number) => unknown): RecalledGroup | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { pageCount, verdicts, reports } = value as Partial<KeptGroup>;
  if (!Number.isInteger(pageCount) || (pageCount as number) < 0) return undefined;
  if (typeof verdicts !== 'object' || verdicts === null || typeof reports !== 'object' || reports === null) return undefined;
  const chunks: unknown[] = [];
  const pages: string[] = [];
  const versions: string[] = [];
  const parts: Array<{ counts: Int32Array; texts: Float64Array; answers: Float64Array }> = [];
  for (let chunk = 0; chunk < chunkCount(pageCount as number, PAGES_PER_CHUNK); chunk++) {
    const kept = chunkAt(chunk);
    const stored = (typeof kept === 'object' && kept !== null ? kept : {}) as Partial<KeptChunk>;
    const [from, to] = chunkRange(chunk, PAGES_PER_CHUNK, pageCount as number);
    const part = { counts: decoded(stored.counts, Int32Array), texts: decoded(stored.texts, Float64Array), answers: decoded(stored.answers, Float64Array) };
    if (!part.counts || !part.texts || !part.answers || part.counts.length !== to - from || !isStrings(stored.pages, to - from) || !isStrings(stored.versions, to - from)) return undefined;
    if (part.texts.length !== part.answers.length || part.counts.reduce((sum, count) => sum + count, 0) !== part.texts.length) return undefined;
    chunks.push(kept);
    pages.push(...stored.pages);
    versions.push(...stored.versions);
    parts.push(part as { counts: Int32Array; texts: Float64Array; answers: Float64Array });
  }
  const starts = new Int32Array(pages.length + 1);
  const texts = new Float64Array(parts.reduce((sum, part) => sum + part.texts.length, 0));
  const answers = new Float64Array(texts.length);
  let page = 0;
  for (const part of parts) {
    texts.set(part.texts, starts[page]);
    answers.set(part.answers, starts[page]);
    for (const count of part.counts) {
      if (count < 0) return undefined;
      starts[page + 1] = (starts[page] as number) + count;
      page++;
    }
  }
  return { value: value as KeptGroup, pages, at: new Map(pages.map((file, index) => [file, index])), versions, starts, texts, answers, chunks };
}

/** Whether two groups' findings are the same: then the kept ones stay where they are. */
function sameFindings(a: KeptGroup, b: KeptGroup): boolean {
  const sameRecords = <T>(x: Record<string, T>, y: Record<string, T>, same: (p: T, q: T) => boolean): boolean => {
    const keys = Object.keys(x);
    return keys.length === Object.keys(y).length && keys.every((key) => Object.hasOwn(y, key) && same(x[key] as T, y[key] as T));
  };
  const sameReport = (p: KeptReport, q: KeptReport): boolean => Array.isArray(q) && p.length === q.length && p.every((item, at) => item === q[at]);
  return a.pageCount === b.pageCount && sameRecords(a.verdicts, b.verdicts, (p, q) => p === q) && sameRecords(a.reports, b.reports, sameReport);
}

/** A finding: `subject` repeats `other` (indices into the table). */
interface Finding {
  kind: 'exact' | 'wording' | 'answer';
  subject: number;
  other: number;
  score: number;
}

/** Two different texts with one hash: then texts are compared as texts. */
class HashCollision extends Error {}

/** A group's pages' values, read (or worked out) once each, when a question of the page is needed. */
class GroupPages {
  private readonly values = new Map<number, unknown[]>();

  constructor(
    private readonly context: SiteRuleContext<NoDuplicateQuestionOptions>,
    readonly documents: readonly FaqDocument[],
  ) {}

  valuesOf(page: number): unknown[] {
    let values = this.values.get(page);
    if (!values) this.values.set(page, (values = pageValues(this.context, this.documents[page] as FaqDocument)));
    return values;
  }

  /** Pages not read keep what they kept, unread. */
  keepTheRest(): void {
    this.documents.forEach((document, page) => {
      if (!this.values.has(page)) this.context.memo.keepPageAsBefore(document);
    });
  }
}

/**
 * The group's table: each page's hashes from `recalled` where it is as it was (`keptPage` gives
 * its index there, or -1), else from its values. With `byText`, texts get ids by comparing them
 * (every page is read).
 */
function questionTable(pages: GroupPages, keptPage: readonly number[], recalled: RecalledGroup | undefined, byText: boolean): QuestionTable {
  const { documents } = pages;
  const fromKept = (page: number): boolean => recalled !== undefined && !byText && keptPage[page] !== -1;
  // Counts first, so that the hashes go straight into typed arrays (a kept page's in one copy).
  const pageStart = new Int32Array(documents.length + 1);
  const keptStarts = recalled?.starts ?? new Int32Array(1);
  documents.forEach((_, page) => {
    const kept = keptPage[page] as number;
    const count = fromKept(page) ? (keptStarts[kept + 1] as number) - (keptStarts[kept] as number) : pages.valuesOf(page).length / QUESTION_FIELDS;
    pageStart[page + 1] = (pageStart[page] as number) + count;
  });
  const total = pageStart[documents.length] as number;
  const texts = new Float64Array(total);
  const answers = new Float64Array(total);
  const pageOf = new Int32Array(total);
  const textIds = new Map<string, number>();
  documents.forEach((_, page) => {
    const start = pageStart[page] as number;
    pageOf.fill(page, start, pageStart[page + 1]);
    if (recalled && fromKept(page)) {
      const kept = keptPage[page] as number;
      texts.set(recalled.texts.subarray(keptStarts[kept], keptStarts[kept + 1]), start);
      answers.set(recalled.answers.subarray(keptStarts[kept], keptStarts[kept + 1]), start);
      return;
    }
    const values = pages.valuesOf(page);
    for (let at = 0, index = start; at < values.length; at += QUESTION_FIELDS, index++) {
      const normalized = values[at + 2] as string;
      let text = values[at + 10] as number;
      if (byText) {
        text = textIds.get(normalized) ?? textIds.size;
        textIds.set(normalized, text);
      }
      texts[index] = text;
      answers[index] = (values[at + 9] as number | null) ?? Number.NaN;
    }
  });
  return { documents, pageStart, pageOf, texts, answers };
}

/**
 * The findings of a group: every repeat of a text asked before, pointing at its first asking;
 * then, among the distinct texts (each where first asked), near duplicates by wording and
 * questions that share a substantial answer, one per later question, pointing at the earliest.
 */
function groupFindings(
  context: SiteRuleContext<NoDuplicateQuestionOptions>,
  group: string,
  table: QuestionTable,
  asked: (index: number) => Asked,
  verdictOf: (first: number, second: number, decide: () => number) => number,
  hashesUnique: boolean,
): Finding[] {
  const { texts, answers } = table;
  // Most questions are asked once: only those whose text repeats need a map.
  const mayRepeat = repeatedValues(texts);
  const firstAsked = new Map<number, number>();
  const distinct: number[] = [];
  const findings: Finding[] = [];
  for (let index = 0; index < texts.length; index++) {
    const text = texts[index] as number;
    if (!mayRepeat.has(text)) {
      distinct.push(index);
      continue;
    }
    const first = firstAsked.get(text);
    if (first === undefined) {
      firstAsked.set(text, index);
      distinct.push(index);
    } else {
      findings.push({ kind: 'exact', subject: index, other: first, score: 1 });
    }
  }
  if (!context.options.nearDuplicates) return findings;

  // One string per distinct word: a site's 100,000 questions use a few thousand words. Prepared
  // when needed: with the pairs recalled, only the questions in them are.
  const vocabulary = new Map<string, string>();
  const prepared: PreparedQuestion[] = [];
  const preparedAt = (at: number): PreparedQuestion => (prepared[at] ??= prepareNormalizedQuestion(asked(distinct[at] as number).normalized, vocabulary));
  const best = new Map<number, { other: number; score: number; reason: 'wording' | 'answer' }>();
  // Like an exact repeat, a near one points at the earliest question it repeats.
  const consider = (a: number, b: number, score: number, reason: 'wording' | 'answer'): void => {
    const known = best.get(b);
    if (!known || a < known.other) best.set(b, { other: a, score, reason });
  };
  const accept = (a: PreparedQuestion, b: PreparedQuestion): boolean => sameContentWords(a, b) && sameContentWordOrder(a, b);
  const { threshold } = context.options;
  // Filled in a loop: Float64Array.from with a map function takes about 20 ms for 100,000 questions.
  const distinctTexts = new Float64Array(distinct.length);
  const distinctAnswers = new Float64Array(distinct.length);
  for (let at = 0; at < distinct.length; at++) {
    distinctTexts[at] = texts[distinct[at] as number] as number;
    distinctAnswers[at] = answers[distinct[at] as number] as number;
  }
  const pairs = wordingPairs(context.memo, wordingKeys(threshold, group), threshold, distinctTexts, hashesUnique, preparedAt, accept);
  for (let at = 0; at < pairs.length; at += 3) consider(pairs[at] as number, pairs[at + 1] as number, pairs[at + 2] as number, 'wording');

  for (const indices of sameAnswers(distinctAnswers)) {
    if (indices.length >= BOILERPLATE_COPIES) continue;
    const [first, second] = indices as [number, number];
    if (best.has(second)) continue;
    const score = verdictOf(distinct[first] as number, distinct[second] as number, () => {
      const similarity = questionSimilarity(preparedAt(first), preparedAt(second));
      // A shared answer makes a rewording ("How do I move…" / "Can I move…") one question, but
      // not a question about something else, even one word else ("…a remote rule" / "…a rule").
      const sameThings = differingContentWords(preparedAt(first), preparedAt(second), QUESTION_WORDS) === 0;
      // The answer is read last: its page may have to be loaded for it.
      return similarity >= SAME_ANSWER_QUESTION_SIMILARITY && sameThings && !isFillerAnswer(blockOf(asked(distinct[first] as number))) ? similarity : -1;
    });
    if (score >= 0) consider(first, second, score, 'answer');
  }
  for (const [at, match] of [...best].sort((x, y) => x[0] - y[0])) {
    findings.push({ kind: match.reason, subject: distinct[at] as number, other: distinct[match.other] as number, score: match.score });
  }
  return findings;
}

/** A finding as reported. */
function findingReport(root: string, finding: Finding, current: Asked, other: Asked): RuleReport {
  if (finding.kind === 'exact') {
    if (current.normalized !== other.normalized) throw new HashCollision();
    return {
      message: `Duplicate question "${quoteExcerpt(current.question)}": also asked at ${where(root, other)}`,
      span: current.questionSpan,
      related: [{ message: 'first asked here', path: other.document.path, span: other.questionSpan }],
    };
  }
  const why = finding.kind === 'answer' ? 'and has the same answer' : `(similarity ${finding.score.toFixed(2)})`;
  return {
    message: `Question "${quoteExcerpt(current.question)}" is nearly the same as "${quoteExcerpt(other.question)}" at ${where(root, other)} ${why}`,
    span: current.questionSpan,
    related: [{ message: 'similar question', path: other.document.path, span: other.questionSpan }],
  };
}

/**
 * Checks one group. Texts are told apart by their hashes; a finding reported for the first time
 * checks that its two texts are equal, so two texts that share a hash (about one chance in 10⁷ on
 * a site of 100,000 questions) are found, and then the group is checked again comparing texts.
 */
function checkGroup(context: SiteRuleContext<NoDuplicateQuestionOptions>, group: string, documents: readonly FaqDocument[]): void {
  const versions = documents.map((document) => context.memo.pageVersion(document));
  // A language tree is kept whole when every page has a version (with a cache); a page-scope group is not kept.
  const keeps = context.options.scope === 'site' && versions.every((version) => version !== undefined);
  const key = `findings ${context.options.threshold} ${context.options.nearDuplicates} ${group}`;
  const chunkKey = (chunk: number): string => `question-hashes ${group} ${chunk}`;
  const recalled = keeps ? recalledGroup(context.memo.recall(key), (chunk) => context.memo.recall(chunkKey(chunk))) : undefined;
  // Where each page was in the kept group, if it is as it was then.
  const keptPage = documents.map((document, page) => {
    const at = recalled?.at.get(document.path);
    return at !== undefined && recalled?.versions[at] === versions[page] ? at : -1;
  });
  for (const byText of [false, true]) {
    const pages = new GroupPages(context, documents);
    const table = questionTable(pages, keptPage, recalled, byText);
    const asked = (index: number): Asked => {
      const page = table.pageOf[index] as number;
      return new Asked(documents[page] as FaqDocument, pages.valuesOf(page), (index - (table.pageStart[page] as number)) * QUESTION_FIELDS);
    };
    // A question's place now, and in the kept group (undefined when its page changed).
    const place = (index: number): string => `${table.pageOf[index]}.${index - (table.pageStart[table.pageOf[index] as number] as number)}`;
    const keptPlace = (index: number): string | undefined => {
      const page = table.pageOf[index] as number;
      return keptPage[page] === -1 ? undefined : `${keptPage[page]}.${index - (table.pageStart[page] as number)}`;
    };
    const keptKey = (...places: Array<string | undefined>): string | undefined => (places.every((each) => each !== undefined) ? places.join(' ') : undefined);
    const verdicts: Record<string, number> = {};
    const verdictOf = (first: number, second: number, decide: () => number): number => {
      if (byText || !keeps) return decide();
      const before = keptKey(keptPlace(first), keptPlace(second));
      const known = before === undefined ? undefined : recalled?.value.verdicts[before];
      return (verdicts[`${place(first)} ${place(second)}`] = typeof known === 'number' ? known : decide());
    };
    const reports: Record<string, KeptReport> = {};
    const found: Array<{ document: FaqDocument; report: RuleReport }> = [];
    try {
      for (const finding of groupFindings(context, group, table, asked, verdictOf, !byText)) {
        const document = documents[table.pageOf[finding.subject] as number] as FaqDocument;
        const before = keeps && !byText ? keptKey(finding.kind, keptPlace(finding.subject), keptPlace(finding.other), String(finding.score)) : undefined;
        const report = (before === undefined ? undefined : keptReport(recalled?.value.reports[before], recalled?.pages ?? [])) ?? findingReport(context.site.root, finding, asked(finding.subject), asked(finding.other));
        if (keeps && !byText) reports[`${finding.kind} ${place(finding.subject)} ${place(finding.other)} ${finding.score}`] = reportKept(report, table.pageOf[finding.other] as number);
        found.push({ document, report });
      }
    } catch (error) {
      if (error instanceof HashCollision && !byText) continue;
      throw error;
    }
    for (const { document, report } of found) context.report(document, report);
    pages.keepTheRest();
    if (keeps && !byText) {
      const findings: KeptGroup = { pageCount: documents.length, verdicts, reports };
      if (recalled && sameFindings(findings, recalled.value)) context.memo.keep(key, recalled.value);
      else context.memo.keep(key, findings);
      for (let chunk = 0; chunk < chunkCount(documents.length, PAGES_PER_CHUNK); chunk++) {
        const [from, to] = chunkRange(chunk, PAGES_PER_CHUNK, documents.length);
        // A chunk of the same pages, each as it was, at the same places: kept as it was.
        const asBefore = recalled !== undefined && Math.min(recalled.pages.length, from + PAGES_PER_CHUNK) === to && keptPage.slice(from, to).every((at, offset) => at === from + offset);
        if (asBefore) {
          context.memo.keep(chunkKey(chunk), recalled.chunks[chunk]);
          continue;
        }
        const first = table.pageStart[from] as number;
        const last = table.pageStart[to] as number;
        context.memo.keep(chunkKey(chunk), {
          pages: documents.slice(from, to).map((document) => document.path),
          versions: versions.slice(from, to) as string[],
          counts: encoded(Int32Array.from({ length: to - from }, (_, offset) => (table.pageStart[from + offset + 1] as number) - (table.pageStart[from + offset] as number))),
          texts: encoded(table.texts.slice(first, last)),
          answers: encoded(table.answers.slice(first, last)),
        } satisfies KeptChunk);
      }
    }
    return;
  }
}

/** A report as kept: its related question's page by index. */
function reportKept(report: RuleReport, otherPage: number): KeptReport {
  const related = report.related?.[0] as NonNullable<RuleReport['related']>[number];
  return [report.message, ...spanNumbers(report.span), related.message, otherPage, ...spanNumbers(related.span)];
}

/** A kept report as reported, when it is one. */
function keptReport(kept: unknown, pages: readonly string[]): RuleReport | undefined {
  if (!Array.isArray(kept) || kept.length !== 15 || typeof kept[0] !== 'string' || typeof kept[7] !== 'string') return undefined;
  const span = spanOf(kept, 1);
  const relatedSpan = spanOf(kept, 9);
  const relatedPath = pages[kept[8] as number];
  if (!span || !relatedSpan || relatedPath === undefined) return undefined;
  return { message: kept[0], span, related: [{ message: kept[7], path: relatedPath, span: relatedSpan }] };
}

export default defineSiteRule<NoDuplicateQuestionOptions>({
  meta: {
    id: 'no-duplicate-question',
    description: 'Flags a question asked again, exactly or nearly, on the same page or elsewhere on the site, at every repeat.',
    defaultSeverity: 'error',
    scope: 'site',
    // Questions, where they are, and answers (a shared answer can make two questions one).
    factsRead: (document) => document.blocks.map((block) => [block.isQuestion, block.question, block.questionSpan, block.answerText]),
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        scope: { enum: ['page', 'site'] },
        nearDuplicates: { type: 'boolean' },
        threshold: { type: 'number', minimum: 0.5, maximum: 1 },
      },
    },
    defaultOptions: { scope: 'site', nearDuplicates: true, threshold: DEFAULT_NEAR_DUPLICATE_THRESHOLD },
    docs: {
      rationale:
        'A question answered twice drifts: one copy gets fixed, the other goes stale, and readers find contradicting answers. Exact repeats are compared after normalising case, Unicode forms, quotes, dashes, spacing and trailing punctuation, and reported at every repeat. Near duplicates are found with a word-level edit distance built on Levenshtein: changing a function word ("do" / "can", "a" / "the") costs little, a typo a bit more, a different content word ("add" / "remove", "Android" / "iOS") a whole word; and near duplicates must ask about the same things (the same content words, up to plurals and typos), so questions that share a frame but ask different things stay apart. Two questions with the same substantial answer (not filler) are reported too. Each language tree of a Hugo site is compared on its own, so an untranslated copy is not a repeat; blocks whose title is not a question are not compared. The site-wide search is not all-pairs: it indexes words and typo variants and provably finds every pair an all-pairs scan would.',
      options: {
        scope: '`"site"` (default) compares every page of a language tree; `"page"` compares questions within each page only.',
        nearDuplicates: 'Report near duplicates as well as exact repeats.',
        threshold: 'Similarity from which two questions are near duplicates (0.5–1). Higher reports fewer.',
      },
    },
  },
  check(context) {
    for (const [group, documents] of groups(context)) checkGroup(context, group, documents);
  },
  examples: {
    valid: [
      {
        name: 'look-alike questions that ask different things',
        code:
          '{{< details "What is the difference between a snapshot and a backup set?" >}}\nA.\n{{< /details >}}\n\n{{< details "What is the difference between a partial snapshot and a snapshot?" >}}\nB.\n{{< /details >}}\n\n{{< details "How do I add a repository key?" >}}\nC.\n{{< /details >}}\n\n{{< details "How do I remove a repository key?" >}}\nD.\n{{< /details >}}\n\n{{< details "Can I run backups on Android?" >}}\nE.\n{{< /details >}}\n\n{{< details "Can I run backups on iOS?" >}}\nF.\n{{< /details >}}\n',
      },
      {
        name: 'the same words in another order, and two real words a typo apart',
        code: '## Which settings matter when I mount restore points while a backup is running?\n\nA.\n\n## Which settings matter when I restore mount points while a backup is running?\n\nB.\n\n## How does Stashbox handle deduplication when renaming backup schedules?\n\nC.\n\n## How does Stashbox handle deduplication when resuming backup schedules?\n\nD.\n',
      },
      {
        name: 'long questions that differ in one noun',
        code:
          '## How often should I remove notification rules?\n\nA.\n\n## How often should I remove remote notification rules?\n\nB.\n\n## What is the difference between a snapshot and a bucket?\n\nA.\n\n## What is the difference between a snapshot and a note?\n\nB.\n\n## How long does it take to export a task?\n\nC.\n\n## How long does it take to export a contact?\n\nD.\n',
      },
      {
        name: 'a disclosure that is not a question',
        code: '<details><summary>Full configuration</summary>\n\nA table.\n\n</details>\n\n<details><summary>Full configuration</summary>\n\nAnother table.\n\n</details>\n',
      },
      {
        name: 'a generic answer under two questions about different things',
        code:
          '## How do I schedule a rule stored on a REST server?\n\nThe log lists every rule it touched, with the time it took and the bytes it sent over the network.\n\n## How do I reset a rule stored on an SFTP server?\n\nThe log lists every rule it touched, with the time it took and the bytes it sent over the network.\n',
      },
      {
        name: 'a generic answer under two different questions',
        code:
          '## How do I back up a schedule in a CI pipeline?\n\nThe log lists every schedule it touched, with the time it took and the bytes it sent.\n\n## How can I tell whether the recent schedule is incomplete?\n\nThe log lists every schedule it touched, with the time it took and the bytes it sent.\n',
      },
      {
        name: 'a shared answer of eleven words is too short to make two questions one',
        code: '## How do I move a repository?\n\nCopy the repository folder to the new disk and point there.\n\n## Can I move my repository?\n\nCopy the repository folder to the new disk and point there.\n',
      },
      {
        name: 'boilerplate pasted under many questions',
        code:
          '## How do I delete my account?\n\nWrite to support from the address on your account and we will take care of it within two days.\n\n## How do I change my email?\n\nWrite to support from the address on your account and we will take care of it within two days.\n\n## How do I get an invoice?\n\nWrite to support from the address on your account and we will take care of it within two days.\n',
      },
      {
        name: 'the same filler under two questions is a placeholder problem, not a duplicate',
        code:
          '{{< details "Which platforms are supported?" >}}\nCommodo pariatur laboris excepteur ut nostrud voluptate aliquip.\n{{< /details >}}\n\n{{< details "How is data encrypted?" >}}\nCommodo pariatur laboris excepteur ut nostrud voluptate aliquip.\n{{< /details >}}\n',
      },
    ],
    invalid: [
      {
        name: 'an exact repeat in one section',
        code:
          '## Basics\n\n{{< details "What is a snapshot?" >}}\nA.\n{{< /details >}}\n\n{{< details "What is a snapshot?" >}}\nB.\n{{< /details >}}\n',
        errors: [{ message: 'Duplicate question "What is a snapshot?": also asked at faq.md:3:14', line: 7, column: 14 }],
      },
      {
        name: 'repeats differ only in case, quotes and spacing',
        code: '## What’s a  pack file?\n\nA.\n\n## what\'s a pack file ?\n\nB.\n\n## WHAT’S A PACK FILE?\n\nC.\n',
        errors: [
          { message: 'Duplicate question "what\'s a pack file ?": also asked at faq.md:1:4', line: 5, column: 4 },
          { message: 'Duplicate question "WHAT’S A PACK FILE?": also asked at faq.md:1:4', line: 9, column: 4 },
        ],
      },
      {
        name: 'near duplicates: a function word changed',
        code: '## How do I delete my account?\n\nA.\n\n## How can I delete my account?\n\nB.\n',
        errors: [{ message: 'Question "How can I delete my account?" is nearly the same as "How do I delete my account?" at faq.md:1:4 (similarity', line: 5, column: 4 }],
      },
      {
        name: 'near duplicates: articles and a contraction',
        code: '{{< details "What about a PRO version?" >}}\nA.\n{{< /details >}}\n\n{{< details "What\'s about the PRO version?" >}}\nB.\n{{< /details >}}\n',
        errors: [{ message: 'Question "What\'s about the PRO version?" is nearly the same as "What about a PRO version?" at faq.md:1:14 (similarity', line: 5, column: 14 }],
      },
      {
        name: 'two questions with the same answer',
        code:
          '## How do I move a repository?\n\nCopy the whole repository folder to the new disk, then point every backup set that uses it at the new path.\n\n## Can I move my repository?\n\nCopy the whole repository folder to the new disk, then point every backup set that uses it at the new path.\n',
        errors: [{ message: 'Question "Can I move my repository?" is nearly the same as "How do I move a repository?" at faq.md:1:4 and has the same answer', line: 5, column: 4 }],
      },
      {
        name: 'the same answer, once with typographic quotes and in other case',
        code:
          '## How do I move a repository?\n\nCopy the whole repository folder to the new disk, then point every backup set at the "new" path.\n\n## Can I move my repository?\n\nCopy the whole Repository folder to the new disk — then point every backup set at the “new” path!\n',
        errors: [{ message: 'Question "Can I move my repository?" is nearly the same as "How do I move a repository?" at faq.md:1:4 and has the same answer', line: 5, column: 4 }],
      },
    ],
  },
});
