import type { LineIndex, Span } from '../model/line-index.js';
import type { BlockSyntax, FaqDocument, QaBlock } from '../model/types.js';

/** The node of every block known by its facts: nothing reads it, and one shared node spares a large site three objects a question. */
const FACTS_BLOCK_NODE: QaBlock['node'] = Object.freeze({ type: 'containerDirective', name: 'details', attributes: Object.freeze({}), children: Object.freeze([]) as never });

/**
 * A block as kept between runs and sent by workers: its spans as offsets, `at` = [question start,
 * question end, block start, block end, answer start, answer end]. A third the JSON of spans as
 * objects, and a tenth the objects to parse.
 */
export type PackedBlock = BlockScalars & { at: [number, number, number, number, number, number] };

/** A block's facts other than its spans and node. */
export type BlockScalars = Omit<QaBlock, 'node' | 'questionSpan' | 'span' | 'answerSpan'>;

/** A block's facts other than its spans and node, field by field: so that neither a parsed block's node and spans nor a {@link FactsBlock}'s offsets come along. */
export function blockScalars(block: QaBlock): BlockScalars {
  return {
    index: block.index,
    syntax: block.syntax,
    name: block.name,
    question: block.question,
    isQuestion: block.isQuestion,
    answerText: block.answerText,
    sectionIndex: block.sectionIndex,
  };
}

export function packBlock(block: QaBlock): PackedBlock {
  return {
    ...blockScalars(block),
    at: [block.questionSpan.start.offset, block.questionSpan.end.offset, block.span.start.offset, block.span.end.offset, block.answerSpan.start.offset, block.answerSpan.end.offset],
  };
}

/**
 * A question/answer block known by its facts (from the cache or a worker). Its three spans are
 * kept as offsets and made from the document's line index when read: as objects they are nine a
 * block, over a third of a large site's facts. Each read gives new span objects with the same
 * values as the parsed block's (made by the same line index from the same offsets).
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
    block: PackedBlock,
    private readonly lineIndex: LineIndex,
  ) {
    this.index = block.index;
    this.syntax = block.syntax;
    this.name = block.name;
    this.question = block.question;
    this.isQuestion = block.isQuestion;
    this.answerText = block.answerText;
    this.sectionIndex = block.sectionIndex;
    [this.questionStart, this.questionEnd, this.blockStart, this.blockEnd, this.answerStart, this.answerEnd] = block.at;
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

/** A document's fields other than its tree, without building a tree that is made only when first read. */
export function withoutTree(document: FaqDocument): Omit<FaqDocument, 'tree'> {
  const copy: Partial<FaqDocument> = { ...document };
  delete copy.tree;
  return copy as Omit<FaqDocument, 'tree'>;
}
