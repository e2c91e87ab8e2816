import { defineRule } from './define-rule.js';

/** Hugo casts `draft` to a boolean, so the string "true" counts too; `published: false` is its inverse. */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function isFalse(value: unknown): boolean {
  return value === false || (typeof value === 'string' && value.trim().toLowerCase() === 'false');
}

export default defineRule<Record<string, never>>({
  meta: {
    id: 'no-draft',
    description: 'Flags pages whose front matter marks them as a draft, so they would not be published.',
    defaultSeverity: 'warn',
    scope: 'file',
    reads: 'file',
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaultOptions: {},
    docs: {
      rationale:
        'Hugo builds a draft only with --buildDrafts, so a page still marked draft: true silently stays off the published site. The rule warns by default (CI can fail on it with --max-warnings 0) because drafts are legitimate while a page is being written.',
    },
  },
  check({ document, report }) {
    for (const entry of document.frontMatter?.entries ?? []) {
      if (entry.path.length !== 1) continue;
      const key = (entry.path[0] as string).toLowerCase();
      const span = document.lineIndex.span(entry.keyStart, entry.valueEnd);
      if (key === 'draft' && isTrue(entry.value)) {
        report({ message: 'The page is a draft (draft: true): Hugo will not publish it', span });
      } else if (key === 'published' && isFalse(entry.value)) {
        report({ message: 'The page is not published (published: false): Hugo treats it as a draft', span });
      }
    }
  },
  examples: {
    valid: [
      { name: 'draft false', code: '---\ntitle: "FAQ"\ndraft: false\n---\n\n## Basics\n' },
      { name: 'no draft key', code: '+++\ntitle = "FAQ"\n+++\n\nText.\n' },
      {
        name: 'draft: true inside a code block is not front matter',
        code: '# Publishing\n\nTo hide a page, set:\n\n```yaml\ndraft: true\n```\n',
      },
      { name: 'a nested draft key is not the page draft', code: '---\nparams:\n  draft: true\n---\n' },
    ],
    invalid: [
      { name: 'YAML', code: '---\ntitle: "FAQ"\ndraft: true\n---\n', errors: [{ message: 'The page is a draft', line: 3, column: 1 }] },
      { name: 'TOML', code: '+++\ntitle = "FAQ"\n  draft = true\n+++\n', errors: [{ message: 'draft: true', line: 3, column: 3 }] },
      { name: 'JSON', code: '{\n  "title": "FAQ",\n  "draft": true\n}\n\nBody.\n', errors: [{ message: 'draft', line: 3, column: 3 }] },
      { name: 'the string "true"', code: '---\ndraft: "true"\n---\n', errors: [{ message: 'draft', line: 2, column: 1 }] },
      { name: 'published: false', code: '---\npublished: false\n---\n', errors: [{ message: 'published: false', line: 2, column: 1 }] },
    ],
  },
});
