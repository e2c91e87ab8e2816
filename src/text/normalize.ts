/**
 * Normalises a question for comparison: Unicode compatibility forms, case, curly and straight
 * quotes, dashes, whitespace and trailing punctuation must not hide a repeat.
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/[\s?？؟!.…:;,]+$/u, '')
    .trim();
}
