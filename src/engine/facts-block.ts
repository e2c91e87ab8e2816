import type { LineIndex, Span } from '../model/line-index.js';
import type { BlockSyntax, QaBlock } from '../model/types.js';

/** The node of every block known by its facts: nothing reads it, and one shared node spares a large site three objects a question. */
const FACTS_BLOCK_NODE: QaBlock['node'] = Object.freeze({ type: 'containerDirective', name: 'details', attributes: Object.freeze({}), children: Object.freeze([]) as never });

/**
 * A question/answer block known by its facts (from the cache or a worker). Its three spans are
 * kept as offsets and made from the document's line index when read: as objects they are nine a
 * block, over a third of a large site's facts. Each read gives new span objects with the same
 * values as the parsed block's.
 */
export class FactsBlock implements QaBlock {
  readonly index: number;
  readonly syntax: BlockSyntax;
  readonly name: string;
  readonly question: string;
  readonly isQuestion: boolean;
  readonly answerText: string;
  readonly sectionIndex: number;
  readonly node = FACTS_BLOCK_NODE;
  private readonly questionStart: number;
  private readonly questionEnd: number;
  private readonly blockStart: number;
  private readonly blockEnd: number;
  private readonly answerStart: number;
  private readonly answerEnd: number;

  constructor(
    block: Omit<QaBlock, 'node'>,
    private readonly lineIndex: LineIndex,
  ) {
    this.index = block.index;
    this.syntax = block.syntax;
    this.name = block.name;
    this.question = block.question;
    this.isQuestion = block.isQuestion;
    this.answerText = block.answerText;
    this.sectionIndex = block.sectionIndex;
    this.questionStart = block.questionSpan.start.offset;
    this.questionEnd = block.questionSpan.end.offset;
    this.blockStart = block.span.start.offset;
    this.blockEnd = block.span.end.offset;
    this.answerStart = block.answerSpan.start.offset;
    this.answerEnd = block.answerSpan.end.offset;
  }

  get questionSpan(): Span {
    return this.lineIndex.span(this.questionStart, this.questionEnd);
  }

  get span(): Span {
    return this.lineIndex.span(this.blockStart, this.blockEnd);
  }

  get answerSpan(): Span {
    return this.lineIndex.span(this.answerStart, this.answerEnd);
  }
}
