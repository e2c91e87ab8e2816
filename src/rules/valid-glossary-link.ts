import { missingAnchorHint } from '../site/anchor-suggestion.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { defineRule } from './define-rule.js';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'valid-glossary-link',
    description: 'Flags links into the glossary whose #fragment is no term there (suggesting the closest term), and terms defined twice on the glossary.',
    defaultSeverity: 'error',
    scope: 'file',
    reads: 'facts',
    factsRead: (document) => [document.links, document.headings],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    docs: {
      rationale:
        'A glossary link whose #fragment matches no term lands at the top of the glossary instead of the definition. The glossary is the page set by "glossary" in .faqlintrc.json (a URL path resolved in every language tree, or a file), or else a page whose path ends in glossary or terms. Fragments are checked against heading IDs made the way the site makes them (Hugo: autoHeadingIDType), explicit {#id}s and HTML ids. Markdown links, reference definitions, HTML <a href> and {{< ref >}}/{{< relref >}} all count.',
    },
  },
  check({ document, site, report }) {
    // On the glossary itself: a term defined twice gets a suffixed ID (-1) no link expects.
    if (site.isGlossary(document.path)) {
      const seen = new Map<string, { line: number }>();
      for (const heading of document.headings) {
        const key = collapseWhitespace(heading.text.normalize('NFKC').toLowerCase()).trim();
        if (key === '') continue;
        const first = seen.get(key);
        if (first) report({ message: `Term "${heading.text}" is defined twice on the glossary (also at line ${first.line})`, span: heading.span });
        else seen.set(key, { line: heading.span.start.line });
      }
    }
    for (const link of document.links) {
      const target = site.resolveLink(document, link);
      if (!target?.file || target.fragment === undefined || target.fragment === '' || !site.isGlossary(target.file)) continue;
      const hint = missingAnchorHint(site, target.file, target.fragment);
      if (hint !== undefined) report({ message: `Glossary term #${target.fragment} does not exist${hint}`, span: link.span });
    }
  },
  examples: {
    valid: [
      {
        name: 'links to existing terms, in every form',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code:
          '{{< details "What is a pack file?" >}}\nSee [pack files](/docs/reference/terms/#pack-file), [RP](/docs/reference/terms#retention-policy-rp) and [keys]({{< ref "terms/#repository-key" >}}).\n{{< /details >}}\n',
      },
      {
        name: 'a link inside code is not a link',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: 'Write links like `[x](/docs/reference/terms/#nothing-here)`.\n',
      },
    ],
    invalid: [
      {
        name: 'a term that is not there, with a suggestion',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: 'Chunks are cut by [CDC](/docs/reference/terms/#content-chunking).\n',
        errors: [{ message: 'Glossary term #content-chunking does not exist; did you mean #content-defined-chunking-cdc?', line: 1, column: 19 }],
      },
      {
        name: 'a ref shortcode to a missing term',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: 'See [the key]({{< ref "terms/#repository-keys" >}}).\n',
        errors: [{ message: 'did you mean #repository-key?', line: 1, column: 5 }],
      },
      {
        name: 'a term defined twice on the glossary page',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/docs/reference/terms/index.md',
        code: '---\ntitle: "Terms"\n---\n\n## Pack File\n\nOne.\n\n## Pack file\n\nTwo.\n',
        errors: [{ message: 'Term "Pack file" is defined twice on the glossary (also at line 5)', line: 9, column: 1 }],
      },
    ],
  },
});
