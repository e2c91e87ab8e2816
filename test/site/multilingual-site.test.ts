import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import { defaultPageUrl, indexPage, normalizeUrlPath } from '../../src/site/page-index.js';
import { repoRoot } from '../helpers/lint-text.js';

const site = path.join(repoRoot, 'fixtures/hugo-multilingual');

describe('a two-language Hugo site with every link form', () => {
  it('reports each broken link once, on its own line, with a suggestion; valid forms pass', async () => {
    const run = await lint({ cwd: site, patterns: ['.'] });
    const findings = run.results.flatMap((result) =>
      result.messages.map((message) => `${path.relative(site, result.filePath)}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`),
    );
    expect(findings).toEqual([
      // The glossary's second "Example" heading (anchor #example-1) is itself worth a finding.
      'content/en/docs/reference/terms/index.md:22:1 valid-glossary-link: Term "Example" is defined twice on the glossary (also at line 18)',
      'content/en/faq/_index.md:23:19 valid-internal-link: No page of the site is served at /docs/user-gide/; did you mean /docs/user-guide/?',
      'content/en/faq/_index.md:23:55 valid-internal-link: Anchor #sharing-vaults does not exist on content/en/docs/guide.md; did you mean #sharing-a-vault?',
      'content/en/faq/_index.md:23:109 valid-glossary-link: Glossary term #passkey-provider does not exist; did you mean #provider?',
      'content/en/faq/_index.md:23:168 valid-internal-link: {{< ref "no-such-page" >}} finds no page',
      'content/en/faq/_index.md:23:216 valid-internal-link: No page of the site is served at /company/abuot/; did you mean /company/about/?',
      'content/en/faq/_index.md:23:263 valid-internal-link: Anchor #vault does not exist on this page; did you mean #vaults?',
      'content/en/faq/_index.md:26:1 valid-glossary-link: Glossary term #relyingparty does not exist; did you mean #relying-party-rp?',
      // The Dutch glossary is the one a Dutch page's /docs/reference/terms/ link reaches.
      'content/nl/faq/_index.md:17:5 valid-glossary-link: Glossary term #provider does not exist',
    ]);
  });

  it('does not lint templates, archetypes or themes when given the site root', async () => {
    const run = await lint({ cwd: site, patterns: ['.'] });
    const files = run.results.map((result) => path.relative(site, result.filePath));
    expect(files.some((file) => /^(archetypes|layouts|themes)\//.test(file))).toBe(false);
    expect(files).toContain('content/nl/faq/_index.md');
  });

  it('treats an untranslated copy in another language as no duplicate', async () => {
    const run = await lint({ cwd: site, patterns: ['content'] });
    expect(run.results.flatMap((result) => result.messages).filter((message) => message.ruleId === 'no-duplicate-question')).toEqual([]);
  });
});

describe('page URLs as Hugo builds them', () => {
  const en = { lang: 'en', dir: '/site/content/en', urlPrefix: '' };
  const nl = { lang: 'nl', dir: '/site/content/nl', urlPrefix: '/nl' };

  it('maps files to URLs: regular pages, bundles, sections, the home page', () => {
    expect(defaultPageUrl('/site/content/en/docs/guide.md', en)).toBe('/docs/guide/');
    expect(defaultPageUrl('/site/content/en/docs/reference/terms/index.md', en)).toBe('/docs/reference/terms/');
    expect(defaultPageUrl('/site/content/en/faq/_index.md', en)).toBe('/faq/');
    expect(defaultPageUrl('/site/content/en/_index.md', en)).toBe('/');
    expect(defaultPageUrl('/site/content/nl/faq/_index.md', nl)).toBe('/nl/faq/');
    expect(defaultPageUrl('/site/content/en/Docs/My Page.md', en)).toBe('/docs/my-page/');
  });

  it('applies url, slug and aliases', () => {
    expect(indexPage('/site/content/en/docs/guide.md', en, { slug: 'user-guide' }).url).toBe('/docs/user-guide/');
    expect(indexPage('/site/content/en/docs/_index.md', en, { slug: 'ignored' }).url).toBe('/docs/');
    expect(indexPage('/site/content/en/about.md', en, { url: '/company/about/' }).url).toBe('/company/about/');
    expect(indexPage('/site/content/nl/about.md', nl, { url: 'bedrijf/over' }).url).toBe('/nl/bedrijf/over/');
    expect(indexPage('/site/content/nl/about.md', nl, { url: '/over/' }).url).toBe('/over/');
    expect(indexPage('/site/content/en/docs/guide.md', en, { aliases: ['/old-guide', 'older'] }).aliases).toEqual(['/old-guide/', '/docs/older/']);
    expect(normalizeUrlPath('/Ugly.HTML')).toBe('/ugly.html');
  });
});
