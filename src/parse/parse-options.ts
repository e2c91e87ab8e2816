/** What the parser takes as Q/A blocks and as code; set by the config's `shortcodes`. */
export interface ParseOptions {
  /** Shortcode and directive names that hold a question and its answer. */
  blockNames: readonly string[];
  /** Shortcodes whose inner content is code shown to the reader. */
  codeShortcodes: readonly string[];
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  blockNames: ['details', 'expand', 'faq', 'accordion', 'collapse', 'question', 'qa'],
  codeShortcodes: ['highlight', 'code', 'codeblock', 'code-block', 'snippet', 'prism'],
};
