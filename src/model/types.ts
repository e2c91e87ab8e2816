import type { ContainerDirective } from 'mdast-util-directive';
import type { Root } from 'mdast';
import type { FrontMatter } from '../parse/front-matter.js';
import type { LineIndex, Span } from './line-index.js';

export type { Point, Span } from './line-index.js';

/** Which source syntax a question/answer block was written in. */
export type BlockSyntax = 'shortcode' | 'html' | 'directive' | 'vitepress' | 'heading';

/**
 * What faqlint records on every question/answer node (`node.data.faq`), whatever its syntax.
 * The node itself is an mdast `containerDirective` named `details`: its label paragraph holds
 * the question and its other children the answer.
 */
export interface QaBlock {
  /** Index in document order. */
  index: number;
  syntax: BlockSyntax;
  /** Shortcode or directive name (`details`, `faq`, …), or `details`/`heading` for HTML and headings. */
  name: string;
  /** The question as plain text, whitespace collapsed. */
  question: string;
  questionSpan: Span;
  /** False for a disclosure whose title is not a question (`<summary>Advanced settings</summary>`). */
  isQuestion: boolean;
  /** Whole block, from its opening to its closing syntax. */
  span: Span;
  /** The answer's source range (between the opening and closing syntax), possibly empty. */
  answerSpan: Span;
  /** The answer as plain text (code left out), whitespace collapsed. */
  answerText: string;
  /** Index into `FaqDocument.sections`, or -1 before the first heading. */
  sectionIndex: number;
  node: ContainerDirective;
}

export interface Heading {
  depth: number;
  /** Plain text as Hugo renders it for IDs (link text, code text; no custom-ID attribute). */
  text: string;
  /** `{#custom-id}` written on the heading, if any. */
  explicitId: string | undefined;
  span: Span;
  /** True when the heading is a question heading and so opens a block rather than a section. */
  isQuestion: boolean;
}

export interface Section {
  index: number;
  /** The heading that opens the section; undefined for the part of the page before any heading. */
  heading: Heading | undefined;
  depth: number;
  span: Span;
  /** Indices into `FaqDocument.blocks`. */
  blockIndices: number[];
}

/** Where a run of prose sits; text rules decide what each place deserves. */
export type TextRunKind = 'paragraph' | 'heading' | 'question' | 'table-cell' | 'front-matter';

/**
 * One leaf block's visible prose (a paragraph, heading, question, table cell or front-matter
 * string), with code, HTML, shortcodes and URLs left out so text rules never see them.
 */
export interface TextRun {
  kind: TextRunKind;
  text: string;
  /** Source offset of every character of `text` (gaps left by removed parts appear as one space). */
  offsets: Int32Array;
  /** End offset (exclusive) of the run's last character in the source. */
  endOffset: number;
  /** Innermost block this run belongs to, or -1. */
  blockIndex: number;
  /** True when the run is the block's question rather than its answer. */
  inQuestion: boolean;
  /** Front-matter key path for `front-matter` runs. */
  frontMatterKey: string | undefined;
}

export type LinkKind = 'markdown' | 'definition' | 'html' | 'ref' | 'relref';

export interface Link {
  kind: LinkKind;
  /** The destination as written (for ref/relref: the shortcode's path argument). */
  destination: string;
  /** Span of the whole link (`[text](url)`, the shortcode, or the `<a>` tag). */
  span: Span;
  /** Span of the destination's characters. */
  destinationSpan: Span;
  /** Block the link sits in, or -1. */
  blockIndex: number;
}

export interface ShortcodeUse {
  name: string;
  kind: 'inline' | 'block' | 'code' | 'container';
  params: Array<{ name: string | undefined; value: string; span: Span }>;
  span: Span;
}

export interface HtmlComment {
  /** Text between `<!--` and `-->`, trimmed. */
  text: string;
  span: Span;
}

export interface ParseProblem {
  message: string;
  span: Span;
}

/** Everything rules know about one Markdown file. */
export interface FaqDocument {
  /** Absolute path of the file (formatters show it relative to the working folder). */
  path: string;
  /** Source text without a BOM. */
  text: string;
  lineIndex: LineIndex;
  frontMatter: FrontMatter | undefined;
  /** mdast tree in which every question/answer block is a `containerDirective` named `details`. */
  tree: Root;
  headings: Heading[];
  sections: Section[];
  blocks: QaBlock[];
  textRuns: TextRun[];
  links: Link[];
  shortcodes: ShortcodeUse[];
  comments: HtmlComment[];
  /** `id="…"` and `<a name="…">` anchors written in HTML. */
  htmlAnchors: Array<{ id: string; span: Span }>;
  parseProblems: ParseProblem[];
}
