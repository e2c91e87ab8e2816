import { describe, expect, it } from 'vitest';
import { headingId, HeadingIdRegistry, type HeadingIdStyle } from '../../src/site/heading-ids.js';

/** Registers headings in order; `[text, explicitId]` for a heading with `{#id}`. */
function assign(style: HeadingIdStyle, headings: (string | [string, string])[]): string[] {
  const registry = new HeadingIdRegistry(style);
  return headings.map((heading) => (typeof heading === 'string' ? registry.add(heading) : registry.add(...heading)));
}

describe('headingId', () => {
  // Every single-heading row of the HUGO.md §2 table. Headings with inline markup
  // are given as the plain text Hugo ≥0.144 derives from them.
  it.each<[string, HeadingIdStyle, string]>([
    ['1+2=3', 'github', '123'],
    ['Special !"#$%&(parens)=?´* chars', 'github', 'special-parens-chars'],
    ['Many   spaces  here', 'github', 'many---spaces--here'],
    ['Trailing hyphen-', 'github', 'trailing-hyphen-'],
    ['Resumé', 'github', 'resumé'],
    ['Resumé', 'github-ascii', 'resume'],
    ['God is Good: 神真美好', 'github-ascii', 'god-is-good-'],
    ["Let's try this, shall we?", 'blackfriday', 'let-s-try-this-shall-we'],
    ['Section 1.1', 'github', 'section-11'],
    ['Something to escape A < B && C > B', 'github', 'something-to-escape-a--b--c--b'],
    // `An image ![kitten](a.jpg)`: the image contributes its alt text.
    ['An image kitten', 'github', 'an-image-kitten'],
    // `Shortcode {{% t %}} in header` with `t` → `T-SHORT`: the output is pasted in first.
    ['Shortcode T-SHORT in header', 'github', 'shortcode-t-short-in-header'],
  ])('%j (%s) → %j', (text, style, expected) => {
    expect(headingId(text, style)).toBe(expected);
  });

  it.each([
    ['Relying Party (RP)', 'relying-party-rp'],
    ['User Verification (UV)', 'user-verification-uv'],
    ['CDA Client', 'cda-client'],
    ['Single-device passkey', 'single-device-passkey'],
  ])('gives the glossary heading %j the ID %j', (text, expected) => {
    expect(headingId(text, 'github')).toBe(expected);
  });

  // Further cases from Hugo's TestSanitizeAnchorName (autoid_test.go).
  it.each([
    ['God is good: 神真美好', 'god-is-good-神真美好'],
    ['Question?', 'question'],
    ['Multiple--Hyphens', 'multiple--hyphens'],
    ['Forward/slash', 'forwardslash'],
    ['Under_score', 'under_score'],
    ['Nonbreaking\u00a0Space', 'nonbreakingspace'],
    ['Tab\tSpace', 'tabspace'],
    ['Trailing Space ', 'trailing-space'],
    ['  Leading space', 'leading-space'],
    ['3 ways', '3-ways'],
  ])('github: %j → %j', (text, expected) => {
    expect(headingId(text, 'github')).toBe(expected);
  });

  it('github-ascii trims before dropping non-ASCII, as Hugo does', () => {
    expect(headingId('god is神真美好 good', 'github-ascii')).toBe('god-is-good');
    expect(headingId('神 a', 'github-ascii')).toBe('-a');
    expect(headingId('Ça va', 'github-ascii')).toBe('ca-va');
  });

  it('blackfriday puts one hyphen between kept characters only', () => {
    expect(headingId('  --Hello,   World!--  ', 'blackfriday')).toBe('hello-world');
    expect(headingId('snake_case', 'blackfriday')).toBe('snake-case');
    expect(headingId('Résumé ½', 'blackfriday')).toBe('résumé-½');
  });

  it('lower-cases one rune to one rune, like Go', () => {
    expect(headingId('İstanbul', 'github')).toBe('istanbul');
    expect(headingId('ΣΊΣΥΦΟΣ', 'github')).toBe('σίσυφοσ');
  });

  it.each<HeadingIdStyle>(['github', 'github-ascii', 'blackfriday'])('falls back to "heading" (%s)', (style) => {
    expect(headingId('!!!', style)).toBe('heading');
    expect(headingId('', style)).toBe('heading');
  });

  it('falls back to "heading" when github-ascii drops everything', () => {
    expect(headingId('神真美好', 'github-ascii')).toBe('heading');
  });
});

describe('HeadingIdRegistry', () => {
  it('suffixes repeated auto IDs -1, -2 (神真美好 ×3)', () => {
    expect(assign('github', ['神真美好', '神真美好', '神真美好'])).toEqual(['神真美好', '神真美好-1', '神真美好-2']);
  });

  it('never suffixes explicit IDs (T {#title-with-id} ×2)', () => {
    expect(
      assign('github', [
        ['T', 'title-with-id'],
        ['T', 'title-with-id'],
      ]),
    ).toEqual(['title-with-id', 'title-with-id']);
  });

  it('suffixes an auto ID that collides with an earlier explicit one', () => {
    expect(assign('github', [['Intro', 'faq'], 'FAQ'])).toEqual(['faq', 'faq-1']);
  });

  it('lets a later explicit ID reuse an earlier auto ID unchanged', () => {
    expect(assign('github', ['FAQ', ['Other', 'faq'], 'FAQ'])).toEqual(['faq', 'faq', 'faq-1']);
  });

  it('takes the first free suffix', () => {
    expect(assign('github', ['A-1', 'A', 'A', 'A'])).toEqual(['a-1', 'a', 'a-2', 'a-3']);
    expect(assign('github', ['A', 'A', 'A-1'])).toEqual(['a', 'a-1', 'a-1-1']);
  });

  it('suffixes the "heading" fallback too', () => {
    expect(assign('github', ['???', '!!!'])).toEqual(['heading', 'heading-1']);
  });

  it('answers has() and lists distinct IDs in order', () => {
    const registry = new HeadingIdRegistry('github');
    registry.add('Relying Party (RP)');
    registry.add('CDA Client');
    registry.add('CDA Client');
    registry.add('X', 'custom');
    registry.add('Y', 'custom');
    expect(registry.has('relying-party-rp')).toBe(true);
    expect(registry.has('cda-client-1')).toBe(true);
    expect(registry.has('Relying-Party-RP')).toBe(false);
    expect(registry.has('single-device-passkey')).toBe(false);
    expect(registry.ids()).toEqual(['relying-party-rp', 'cda-client', 'cda-client-1', 'custom']);
  });

  it('keeps one ID set per registry', () => {
    expect(assign('github', ['FAQ'])).toEqual(['faq']);
    expect(assign('github', ['FAQ'])).toEqual(['faq']);
  });
});
