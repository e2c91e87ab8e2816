import { suggestAnchor } from '../site/anchor-suggestion.js';
import { defineRule } from './define-rule.js';

export default defineRule<Record<string, never>>({
  meta: {
    id: 'valid-glossary-link',
    description: 'Flags links into the glossary whose #fragment is no term there, and suggests the closest term.',
    defaultSeverity: 'error',
    scope: 'file',
    reads: 'facts',
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    docs: {
      rationale:
        'A glossary link whose #fragment matches no term lands at the top of the glossary instead of the definition. The glossary is the page set by "glossary" in .faqlintrc.json (a URL path resolved in every language tree, or a file), or else a page whose path ends in glossary or terms. Fragments are checked against heading IDs made the way the site makes them (Hugo: autoHeadingIDType), explicit {#id}s and HTML ids. Markdown links, reference definitions, HTML <a href> and {{< ref >}}/{{< relref >}} all count.',
    },
  },
  check({ document, site, report }) {
    for (const link of document.links) {
      const target = site.resolveLink(document, link);
      if (!target?.file || target.fragment === undefined || target.fragment === '' || !site.isGlossary(target.file)) continue;
      const anchors = site.anchorsOf(target.file);
      if (!anchors || anchors.ids.has(target.fragment)) continue;
      const suggestion = suggestAnchor(target.fragment, anchors, site.headingIdStyle);
      const hint = suggestion ? `; did you mean #${suggestion}?` : '';
      report({ message: `Glossary term #${target.fragment} does not exist${hint}`, span: link.span });
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
    ],
  },
});
