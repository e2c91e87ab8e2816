import path from 'node:path';
import { missingAnchorHint } from '../site/anchor-suggestion.js';
import { defineRule } from './define-rule.js';
import { editDistance } from '../text/edit-distance.js';

/** Links to files that are not pages (images, PDFs, downloads) are left alone: themes and mounts serve them. */
const ASSET_EXTENSION = /\.(?!md$|markdown$|html?$)[a-z0-9]{1,5}$/i;

function closestUrl(wanted: string, urls: readonly string[]): string | undefined {
  let best: { url: string; distance: number } | undefined;
  const limit = Math.max(2, Math.floor(wanted.length * 0.3));
  for (const url of urls) {
    // The distance is at least the difference in length: most URLs need no computing.
    if (Math.abs(url.length - wanted.length) > limit) continue;
    const distance = editDistance(wanted, url);
    if (distance <= limit && (!best || distance < best.distance || (distance === best.distance && url < best.url))) best = { url, distance };
  }
  return best?.url;
}

export default defineRule<Record<string, never>>({
  meta: {
    id: 'valid-internal-link',
    description: 'Flags links to pages of the site that do not exist, and to #fragments that are missing on the target page.',
    defaultSeverity: 'error',
    scope: 'file',
    reads: 'facts',
    factsRead: (document) => document.links,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    docs: {
      rationale:
        'A broken link is a dead end for a reader. Links are resolved the way the site generator resolves them: on a Hugo site by page URL (including url, slug and aliases front matter, the language prefix and links relative to the page URL), {{< ref >}} and {{< relref >}} with Hugo\'s lookup, and fragments against the heading IDs Hugo makes; elsewhere relative to the file, with GitHub-style heading IDs. Links into the glossary are left to valid-glossary-link, external links (http, mailto, …) are not checked (faqlint makes no network requests), and links to assets such as images are skipped.',
    },
  },
  check({ document, site, report }) {
    const pageUrls = site.hugo ? site.pageIndex.urls() : [];
    for (const link of document.links) {
      const target = site.resolveLink(document, link);
      if (!target) continue;
      const written = link.destination.trim();
      if (!target.file) {
        if (ASSET_EXTENSION.test(target.resolvedPath.replace(/\/$/, ''))) continue;
        const suggestion = site.hugo ? closestUrl(target.resolvedPath.toLowerCase().replace(/\/?$/, '/'), pageUrls) : undefined;
        const hint = suggestion ? `; did you mean ${suggestion}?` : '';
        const what = link.kind === 'ref' || link.kind === 'relref' ? `{{< ${link.kind} "${written}" >}} finds no page` : `No page of the site is served at ${written.split('#')[0]}`;
        report({ message: `${what}${hint}`, span: link.span });
        continue;
      }
      if (target.fragment === undefined || target.fragment === '' || site.isGlossary(target.file)) continue;
      const hint = missingAnchorHint(site, target.file, target.fragment);
      if (hint === undefined) continue;
      const samePage = path.resolve(target.file) === path.resolve(document.path);
      const where = samePage ? 'on this page' : `on ${path.relative(site.root, target.file).split(path.sep).join('/')}`;
      report({ message: `Anchor #${target.fragment} does not exist ${where}${hint}`, span: link.span });
    }
  },
  examples: {
    valid: [
      {
        name: 'links to pages and headings that exist',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: '## Restoring files\n\nSee [the terms](/docs/reference/terms/), [below](#restoring-files), [a ref]({{< ref "terms" >}}) and [a file](https://example.com/missing).\n',
      },
      {
        name: 'an image is an asset, not a page',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: '![Diagram](/images/diagram.png)\n',
      },
    ],
    invalid: [
      {
        name: 'a page nothing serves',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: 'See the [Ecosystem](/ecosystem) page.\n',
        errors: [{ message: 'No page of the site is served at /ecosystem', line: 1, column: 9 }],
      },
      {
        name: 'a missing anchor on the same page, with a suggestion',
        site: 'fixtures/rule-sites/glossary',
        filePath: 'content/en/faq/_index.md',
        code: '## Restoring files\n\nJump to [restoring](#restoring-file).\n',
        errors: [{ message: 'Anchor #restoring-file does not exist on this page; did you mean #restoring-files?', line: 3, column: 9 }],
      },
    ],
  },
});
