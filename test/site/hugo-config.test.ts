import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findHugoSiteRoot, loadHugoConfig } from '../../src/site/hugo-config.js';
import { memoizedHugoRoots } from '../../src/site/hugo-root.js';

const created: string[] = [];

/** Writes `files` (relative path → text) into a fresh temporary folder and returns its absolute path. */
function makeSite(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-hugo-'));
  created.push(root);
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

afterAll(() => {
  for (const root of created) fs.rmSync(root, { recursive: true, force: true });
});

describe('loadHugoConfig', () => {
  it('reads a single-language site split over config/_default/ (the seed site shape)', () => {
    const root = makeSite({
      'config/_default/config.toml': 'baseurl = "https://example.org/"\ncanonifyURLs = true\n',
      'config/_default/languages.toml': '[en]\n  languageName = "English"\n  contentDir = "content/en"\n  weight = 1\n',
      'config/_default/markup.toml':
        '[goldmark.parser]\n  autoHeadingIDType = "github"\n[goldmark.parser.attribute]\n  block = true\n',
      'config/_default/menus/menus.en.toml': '[[main]]\n  name = "FAQ"\n  url = "/faq/"\n',
      'config/_default/module.toml': '[hugoVersion]\n  min = "0.101.0"\n',
      'config/_default/params.toml': 'description = "x"\n',
      'config/_default/notes.txt': 'not config',
      'content/en/faq/_index.md': '# FAQ\n',
    });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([]);
    expect(config.root).toBe(root);
    const dir = path.join(root, 'config', '_default');
    expect(config.configFiles).toEqual(
      ['config.toml', 'languages.toml', 'markup.toml', 'menus/menus.en.toml', 'module.toml', 'params.toml'].map(
        (name) => path.join(dir, name),
      ),
    );
    expect(config.defaultContentLanguage).toBe('en');
    expect(config.defaultContentLanguageInSubdir).toBe(false);
    expect(config.languages).toEqual([{ code: 'en', contentDir: path.join(root, 'content', 'en'), weight: 1 }]);
    expect(config.autoHeadingID).toBe(true);
    expect(config.headingIdStyle).toBe('github');
    expect(config.raw).toMatchObject({
      baseurl: 'https://example.org/',
      canonifyurls: true,
      markup: { goldmark: { parser: { autoheadingidtype: 'github', attribute: { block: true } } } },
      languages: { en: { languagename: 'English', menus: { main: [{ name: 'FAQ', url: '/faq/' }] } } },
      params: { description: 'x' },
    });
  });

  it('reads a two-language site with per-language content folders', () => {
    const root = makeSite({
      'hugo.toml': [
        'defaultContentLanguage = "en"',
        'defaultContentLanguageInSubdir = true',
        '[languages.en]',
        '  weight = 1',
        '[languages.nl]',
        '  weight = 2',
        '  contentDir = "content/nl"',
      ].join('\n'),
    });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([]);
    expect(config.configFiles).toEqual([path.join(root, 'hugo.toml')]);
    expect(config.defaultContentLanguageInSubdir).toBe(true);
    expect(config.languages).toEqual([
      { code: 'en', contentDir: path.join(root, 'content'), weight: 1 },
      { code: 'nl', contentDir: path.join(root, 'content', 'nl'), weight: 2 },
    ]);
  });

  it('sorts languages by weight then code, lower-cases codes and drops disabled ones', () => {
    const root = makeSite({
      'hugo.yaml': [
        'defaultContentLanguage: NL',
        'contentDir: src',
        'disableLanguages: [fr]',
        'languages:',
        '  NL: {weight: 2}',
        '  de: {weight: 1}',
        '  at: {weight: 1}',
        '  fr: {weight: 0}',
        '  it: {weight: 3, disabled: true}',
      ].join('\n'),
    });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([]);
    expect(config.defaultContentLanguage).toBe('nl');
    expect(config.languages.map((language) => language.code)).toEqual(['at', 'de', 'nl']);
    expect(config.languages.every((language) => language.contentDir === path.join(root, 'src'))).toBe(true);
  });

  it('reads a hugo.yaml root file', () => {
    const root = makeSite({
      'hugo.yaml': [
        'title: Passkeys',
        'contentDir: docs',
        'markup:',
        '  goldmark:',
        '    parser:',
        '      autoIDType: github-ascii',
        '      autoHeadingID: true',
      ].join('\n'),
    });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([]);
    expect(config.configFiles).toEqual([path.join(root, 'hugo.yaml')]);
    expect(config.headingIdStyle).toBe('github-ascii');
    expect(config.languages).toEqual([{ code: 'en', contentDir: path.join(root, 'docs'), weight: 0 }]);
    expect(config.raw.title).toBe('Passkeys');
  });

  it('loads only the first root file: hugo.json beats config.toml', () => {
    const root = makeSite({
      'config.toml': 'title = "from toml"\n',
      'hugo.json': '{ "title": "from json" }\n',
    });
    const { config } = loadHugoConfig(root);
    expect(config.configFiles).toEqual([path.join(root, 'hugo.json')]);
    expect(config.raw.title).toBe('from json');
  });

  it('unwraps a markup.toml whose sole top-level key is markup', () => {
    const root = makeSite({
      'config/_default/markup.toml': '[markup.goldmark.parser]\n  autoIDType = "blackfriday"\n',
    });
    const { config } = loadHugoConfig(root);
    expect(config.headingIdStyle).toBe('blackfriday');
    expect(config.raw).toEqual({ markup: { goldmark: { parser: { autoidtype: 'blackfriday' } } } });
  });

  it('prefers the legacy autoHeadingIDType over autoIDType', () => {
    const both = makeSite({
      'config/_default/markup.toml':
        '[goldmark.parser]\n  autoIDType = "blackfriday"\n  autoHeadingIDType = "github-ascii"\n',
    });
    expect(loadHugoConfig(both).config.headingIdStyle).toBe('github-ascii');
    const modern = makeSite({ 'hugo.toml': '[markup.goldmark.parser]\n  autoIDType = "blackfriday"\n' });
    expect(loadHugoConfig(modern).config.headingIdStyle).toBe('blackfriday');
  });

  it('treats an unknown ID type as github, and reads autoHeadingID = false', () => {
    const root = makeSite({
      'hugo.toml': '[markup.goldmark.parser]\n  autoIDType = "GitHub-ASCII"\n  autoHeadingID = false\n',
    });
    const { config } = loadHugoConfig(root);
    expect(config.headingIdStyle).toBe('github');
    expect(config.autoHeadingID).toBe(false);
  });

  it('merges the config folder over the root file: maps deep, scalars and arrays replaced, keys case-insensitive', () => {
    const root = makeSite({
      'hugo.toml': '[Params]\n  Author = "A"\n  Tags = ["a", "b"]\n  [Params.Social]\n    X = "x"\n',
      'config/_default/params.toml': 'author = "B"\ntags = ["c"]\n[social]\n  mastodon = "m"\n',
    });
    const { config } = loadHugoConfig(root);
    expect(config.raw.params).toEqual({ author: 'B', tags: ['c'], social: { x: 'x', mastodon: 'm' } });
  });

  it('places language-suffixed files under languages.<lang>', () => {
    const root = makeSite({
      'config/_default/languages.toml': '[en]\n  weight = 1\n[nl]\n  weight = 2\n',
      'config/_default/params.nl.toml': 'greeting = "hallo"\n',
      'config/_default/menus.nl.toml': '[[main]]\n  name = "Vragen"\n',
      'config/_default/hugo.nl.toml': 'title = "Wachtwoordsleutels"\n',
    });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([]);
    expect(config.raw.languages).toEqual({
      en: { weight: 1 },
      nl: { weight: 2, params: { greeting: 'hallo' }, menus: { main: [{ name: 'Vragen' }] }, title: 'Wachtwoordsleutels' },
    });
  });

  it('reports invalid TOML with its position and keeps the other files', () => {
    const root = makeSite({
      'config/_default/hugo.toml': 'title = "ok"\n',
      'config/_default/markup.toml': '[goldmark.parser]\nautoIDType = = "github"\n',
    });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([
      {
        file: path.join(root, 'config', '_default', 'markup.toml'),
        message: expect.any(String),
        line: 2,
        column: 14,
      },
    ]);
    expect(config.configFiles).toEqual([path.join(root, 'config', '_default', 'hugo.toml')]);
    expect(config.raw.title).toBe('ok');
    expect(config.headingIdStyle).toBe('github');
  });

  it('reports invalid YAML and JSON with their positions', () => {
    const yamlSite = makeSite({ 'hugo.yaml': 'title: ok\nmarkup: a: b\n' });
    expect(loadHugoConfig(yamlSite).problems).toEqual([
      { file: path.join(yamlSite, 'hugo.yaml'), message: expect.any(String), line: 2, column: 9 },
    ]);
    const jsonSite = makeSite({ 'hugo.json': '{\n  "title": "ok",\n}\n' });
    expect(loadHugoConfig(jsonSite).problems).toEqual([
      { file: path.join(jsonSite, 'hugo.json'), message: expect.any(String), line: 3, column: 1 },
    ]);
  });

  it('reports a default language that no language defines', () => {
    const root = makeSite({ 'config/_default/languages.toml': '[nl]\n  weight = 1\n' });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([
      { file: path.join(root, 'config', '_default', 'languages.toml'), message: expect.stringContaining('"en"') },
    ]);
    expect(config.languages.map((language) => language.code)).toEqual(['nl']);
  });

  it('reports a config file whose top level is not a map', () => {
    const root = makeSite({ 'hugo.yaml': '- a\n- b\n' });
    const { problems } = loadHugoConfig(root);
    expect(problems).toEqual([{ file: path.join(root, 'hugo.yaml'), message: expect.stringContaining('map') }]);
  });

  it('falls back to Hugo defaults without any config', () => {
    const root = makeSite({ 'content/_index.md': '' });
    const { config, problems } = loadHugoConfig(root);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      root,
      configFiles: [],
      defaultContentLanguage: 'en',
      defaultContentLanguageInSubdir: false,
      languages: [{ code: 'en', contentDir: path.join(root, 'content'), weight: 0 }],
      autoHeadingID: true,
      headingIdStyle: 'github',
      raw: {},
    });
  });
});

describe('findHugoSiteRoot', () => {
  it('returns undefined outside any Hugo site', () => {
    const root = makeSite({ 'content/faq/_index.md': '# FAQ\n', 'package.json': '{}' });
    expect(findHugoSiteRoot(path.join(root, 'content', 'faq'))).toBeUndefined();
  });

  it('finds the root from a deep content folder (config/_default/ only)', () => {
    const root = makeSite({
      'config/_default/languages.toml': '[en]\ncontentDir = "content/en"\n',
      'content/en/docs/reference/terms/index.md': '## Relying Party (RP)\n',
    });
    expect(findHugoSiteRoot(path.join(root, 'content', 'en', 'docs', 'reference', 'terms'))).toBe(root);
  });

  it('finds the root by any root file name, including from the root itself', () => {
    for (const name of ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yml']) {
      const root = makeSite({ [name]: '', 'content/a/b.md': '' });
      expect(findHugoSiteRoot(path.join(root, 'content', 'a'))).toBe(root);
      expect(findHugoSiteRoot(root)).toBe(root);
    }
  });

  it('takes only files by those names for root files: a file named config or a folder named hugo.toml is no root', () => {
    const root = makeSite({ config: 'not a folder', 'hugo.toml/readme.md': '', 'content/x.md': '' });
    expect(findHugoSiteRoot(path.join(root, 'content'))).toBeUndefined();
    expect(findHugoSiteRoot(root)).toBeUndefined();
  });

  it('does not take a bare config/ folder without _default/ for a site', () => {
    const root = makeSite({ 'config/production/params.toml': '', 'content/x.md': '' });
    expect(findHugoSiteRoot(path.join(root, 'content'))).toBeUndefined();
  });

  it('remembered per folder, answers as it does, and a nested site is its own', () => {
    const root = makeSite({ 'hugo.toml': '', 'content/a/b/c.md': '', 'content/a/d.md': '', 'themes/x/hugo.toml': '', 'themes/x/content/e.md': '' });
    const rootFor = memoizedHugoRoots();
    for (const dir of ['content/a/b', 'content/a', 'content', '.', 'themes/x/content', 'themes/x', 'themes']) {
      expect(rootFor(path.join(root, dir))).toBe(findHugoSiteRoot(path.join(root, dir)));
    }
    expect(rootFor(path.join(root, 'themes/x/content'))).toBe(path.join(root, 'themes/x'));
    expect(memoizedHugoRoots()(path.join(root, 'content', 'a'))).toBe(root);
  });
});
