import type { LineIndex, Span } from '../model/line-index.js';
import type { BlockSyntax, FaqDocument, Heading, Link, LinkKind, QaBlock, Section } from '../model/types.js';

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

/*
 * Headings, sections and links as kept between runs and sent by workers: spans as offsets, and a
 * section's heading as its index among the page's headings. As objects their spans were half the
 * objects of a large site's facts and a fifth of their JSON; the main thread parsed them, held
 * them through the run and collected them, and read few (a finding's span, an anchor's text).
 * Each kind comes back as a class that makes its spans from the page's line index when read,
 * with the values the parsed page's spans have (made by the same index from the same offsets),
 * and whose JSON is the parsed page's, fields in the same order (page-parts.ts digests it).
 */

export type PackedHeading = Omit<Heading, 'span'> & { start: number; end: number };
export type PackedSection = Omit<Section, 'span' | 'heading'> & { heading: number; start: number; end: number };
export type PackedLink = Omit<Link, 'span' | 'destinationSpan'> & { start: number; end: number; destinationStart: number; destinationEnd: number };

export function packHeading(heading: Heading): PackedHeading {
  return { depth: heading.depth, text: heading.text, explicitId: heading.explicitId, isQuestion: heading.isQuestion, start: heading.span.start.offset, end: heading.span.end.offset };
}

/** `headings` are the page's: the section's heading is one of them. */
export function packSection(section: Section, headings: readonly Heading[]): PackedSection {
  const heading = section.heading === undefined ? -1 : headings.indexOf(section.heading);
  return { index: section.index, heading, depth: section.depth, blockIndices: section.blockIndices, start: section.span.start.offset, end: section.span.end.offset };
}

export function packLink(link: Link): PackedLink {
  return {
    kind: link.kind,
    destination: link.destination,
    blockIndex: link.blockIndex,
    start: link.span.start.offset,
    end: link.span.end.offset,
    destinationStart: link.destinationSpan.start.offset,
    destinationEnd: link.destinationSpan.end.offset,
  };
}

export class FactsHeading implements Heading {
  readonly depth: number;
  readonly text: string;
  readonly explicitId: string | undefined;
  readonly isQuestion: boolean;
  private readonly start: number;
  private readonly end: number;

  constructor(
    heading: PackedHeading,
    private readonly lineIndex: LineIndex,
  ) {
    this.depth = heading.depth;
    this.text = heading.text;
    this.explicitId = heading.explicitId;
    this.isQuestion = heading.isQuestion;
    this.start = heading.start;
    this.end = heading.end;
  }

  get span(): Span {
    return this.lineIndex.span(this.start, this.end);
  }

  toJSON(): Heading {
    return { depth: this.depth, text: this.text, explicitId: this.explicitId, span: this.span, isQuestion: this.isQuestion };
  }
}

export class FactsSection implements Section {
  readonly index: number;
  readonly heading: Heading | undefined;
  readonly depth: number;
  readonly blockIndices: number[];
  private readonly start: number;
  private readonly end: number;

  /** `headings` are the page's, as {@link FactsHeading}s. */
  constructor(
    section: PackedSection,
    headings: readonly Heading[],
    private readonly lineIndex: LineIndex,
  ) {
    this.index = section.index;
    this.heading = headings[section.heading];
    this.depth = section.depth;
    this.blockIndices = section.blockIndices;
    this.start = section.start;
    this.end = section.end;
  }

  get span(): Span {
    return this.lineIndex.span(this.start, this.end);
  }

  toJSON(): Section {
    return { index: this.index, heading: this.heading, depth: this.depth, span: this.span, blockIndices: this.blockIndices };
  }
}

export class FactsLink implements Link {
  readonly kind: LinkKind;
  readonly destination: string;
  readonly blockIndex: number;
  private readonly start: number;
  private readonly end: number;
  private readonly destinationStart: number;
  private readonly destinationEnd: number;

  constructor(
    link: PackedLink,
    private readonly lineIndex: LineIndex,
  ) {
    this.kind = link.kind;
    this.destination = link.destination;
    this.blockIndex = link.blockIndex;
    this.start = link.start;
    this.end = link.end;
    this.destinationStart = link.destinationStart;
    this.destinationEnd = link.destinationEnd;
  }

  get span(): Span {
    return this.lineIndex.span(this.start, this.end);
  }

  get destinationSpan(): Span {
    return this.lineIndex.span(this.destinationStart, this.destinationEnd);
  }

  toJSON(): Link {
    return { kind: this.kind, destination: this.destination, span: this.span, destinationSpan: this.destinationSpan, blockIndex: this.blockIndex };
  }
}
