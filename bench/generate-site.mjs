#!/usr/bin/env node
// Generates a deterministic, Hugo-like documentation site full of FAQ pages for benchmarking
// faqlint, with planted problems (duplicates, near duplicates, filler, placeholders, drafts,
// broken glossary links) recorded with exact positions in manifest.json.
//
//   node bench/generate-site.mjs --size S|M|L --seed 42 --out DIR [--verify] [--force]
//   node bench/generate-site.mjs --self-check [--size S] [--seed 42]
//
// Plain ESM, Node 20, no dependencies. Same size + seed => byte-identical output.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATOR = 'faqlint-bench-site';
export const GENERATOR_VERSION = 1;

/** Per size: generated pages, site sections, mean questions per page, and how much to plant. */
export const SIZES = {
  S: { pages: 50, sections: 5, questionsPerPage: 20, exactGroups: 12, nearGroups: 10, lookAlikes: 10, filler: 16, placeholders: 16, frontMatterPlaceholders: 3, brokenLinks: 14, drafts: 3 },
  M: { pages: 1000, sections: 30, questionsPerPage: 20, exactGroups: 200, nearGroups: 150, lookAlikes: 150, filler: 220, placeholders: 220, frontMatterPlaceholders: 30, brokenLinks: 250, drafts: 40 },
  L: { pages: 3000, sections: 60, questionsPerPage: 33.4, exactGroups: 600, nearGroups: 450, lookAlikes: 400, filler: 650, placeholders: 650, frontMatterPlaceholders: 80, brokenLinks: 700, drafts: 120 },
};

const GLOSSARY_URL = '/docs/reference/glossary/';
const GLOSSARY_FILE = 'content/en/docs/reference/glossary/index.md';

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (xmur3 for the seed string, mulberry32 for the stream)

function xmur3(str) {
  let h = 1779033703 ^ str.length;
  for (let i = 0; i < str.length; i++) {
    h = Math.imul(h ^ str.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

class Rng {
  constructor(seed) {
    this.a = seed >>> 0;
  }
  next() {
    let t = (this.a = (this.a + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  /** Picks an index by weight. */
  weighted(weights) {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
  shuffle(list) {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }
  sample(list, k) {
    return this.shuffle(list.slice()).slice(0, k);
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: "Stashbox", a fictional encrypted, deduplicating backup tool.

const VERBS = [
  ['add', 'adds', 'adding'], ['remove', 'removes', 'removing'], ['rename', 'renames', 'renaming'],
  ['restore', 'restores', 'restoring'], ['verify', 'verifies', 'verifying'], ['list', 'lists', 'listing'],
  ['tag', 'tags', 'tagging'], ['export', 'exports', 'exporting'], ['import', 'imports', 'importing'],
  ['encrypt', 'encrypts', 'encrypting'], ['mount', 'mounts', 'mounting'], ['unmount', 'unmounts', 'unmounting'],
  ['prune', 'prunes', 'pruning'], ['forget', 'forgets', 'forgetting'], ['copy', 'copies', 'copying'],
  ['move', 'moves', 'moving'], ['compare', 'compares', 'comparing'], ['schedule', 'schedules', 'scheduling'],
  ['pause', 'pauses', 'pausing'], ['resume', 'resumes', 'resuming'], ['lock', 'locks', 'locking'],
  ['unlock', 'unlocks', 'unlocking'], ['migrate', 'migrates', 'migrating'], ['rotate', 'rotates', 'rotating'],
  ['back up', 'backs up', 'backing up'], ['delete', 'deletes', 'deleting'], ['recover', 'recovers', 'recovering'],
  ['inspect', 'inspects', 'inspecting'], ['search', 'searches', 'searching'], ['exclude', 'excludes', 'excluding'],
  ['include', 'includes', 'including'], ['rebuild', 'rebuilds', 'rebuilding'], ['repair', 'repairs', 'repairing'],
  ['share', 'shares', 'sharing'], ['sync', 'syncs', 'syncing'], ['split', 'splits', 'splitting'],
  ['merge', 'merges', 'merging'], ['clone', 'clones', 'cloning'], ['archive', 'archives', 'archiving'],
  ['download', 'downloads', 'downloading'], ['upload', 'uploads', 'uploading'], ['replace', 'replaces', 'replacing'],
  ['reset', 'resets', 'resetting'], ['protect', 'protects', 'protecting'], ['monitor', 'monitors', 'monitoring'],
  ['enable', 'enables', 'enabling'], ['disable', 'disables', 'disabling'], ['check', 'checks', 'checking'],
  ['limit', 'limits', 'limiting'], ['preview', 'previews', 'previewing'], ['label', 'labels', 'labelling'],
].map(([base, s, ing]) => ({ base, s, ing }));

const NOUNS = [
  ['snapshot'], ['backup set'], ['repository', 'repositories'], ['repository key'], ['pack file'], ['index file'],
  ['restore point'], ['retention policy', 'retention policies'], ['passphrase', 'passphrases'], ['exclusion rule'],
  ['include pattern'], ['tag'], ['host name'], ['mount point'], ['storage backend'], ['lock file'],
  ['cache directory', 'cache directories'], ['parent snapshot'], ['check run'], ['hook script'], ['recovery sheet'],
  ['read-only key'], ['chunk'], ['prune job'], ['backup schedule'], ['bandwidth limit'], ['compression level'],
  ['partial snapshot'], ['key file'], ['config file'], ['log file'], ['restore target'], ['source folder'],
  ['file filter'], ['upload window'], ['notification rule'], ['backup profile'], ['repository mirror'],
  ['snapshot diff'], ['symlink'], ['sparse file'], ['hard link'], ['extended attribute'], ['access control list'],
  ['metadata blob'], ['snapshot tree'], ['data blob'], ['object lock policy', 'object lock policies'],
  ['encryption key'], ['service account'], ['API token'], ['backup agent'], ['status report'], ['device token'],
  ['maintenance window'], ['restore job'], ['database dump'], ['virtual machine image'], ['mail archive'],
].map(([sing, plural]) => ({ sing, plural: plural ?? `${sing}s` }));

const ADJECTIVES = [
  'old', 'large', 'encrypted', 'damaged', 'shared', 'remote', 'local', 'nightly', 'weekly', 'archived',
  'compressed', 'temporary', 'default', 'unused', 'orphaned', 'stale', 'recent', 'secondary', 'offsite', 'imported',
];

const PLATFORMS = [
  'Windows', 'Windows Server', 'macOS', 'Linux', 'Ubuntu', 'Debian', 'Fedora', 'FreeBSD', 'Android', 'iOS',
  'a Synology NAS', 'a QNAP NAS', 'a Raspberry Pi', 'Docker', 'Kubernetes', 'ChromeOS', 'Alpine Linux', 'Arch Linux',
  'TrueNAS', 'WSL', 'OpenBSD', 'a Mac mini', 'an ARM server', 'a headless server', 'a work laptop',
];

const BACKENDS = [
  'an S3 bucket', 'an SFTP server', 'a WebDAV share', 'a USB drive', 'Backblaze B2', 'Azure Blob Storage',
  'Google Cloud Storage', 'a local disk', 'a MinIO server', 'an NFS share', 'a Samba share', 'Wasabi',
  'a second internal disk', 'an external SSD', 'a tape library', 'Cloudflare R2', 'an rclone remote', 'a REST server',
  'OneDrive', 'Dropbox', 'Glacier Deep Archive', 'a Ceph cluster', 'an FTP server', 'a network drive',
];

const CONDITIONS = [
  'while a backup is running', 'after a power failure', 'without the passphrase', 'from the command line',
  'on a metered connection', 'behind a corporate proxy', 'with a read-only key', 'during a prune', 'from a cron job',
  'on battery power', 'over a VPN', 'inside a container', 'as a non-root user', 'with little free disk space',
  'from a different machine', 'in a shell script', 'from the web UI', 'after upgrading Stashbox',
  'with two repositories open', 'on a slow network', 'during office hours', 'from a systemd timer',
  'with the cache disabled', 'after changing the passphrase', 'on a shared machine', 'in a CI pipeline',
  'at the same time on two hosts', 'with verbose logging', 'over a satellite link', 'with object lock enabled',
];

const STATES = [
  'corrupted', 'locked', 'missing', 'out of date', 'larger than expected', 'stuck', 'unreadable', 'empty',
  'incomplete', 'marked as partial', 'reported as damaged', 'listed twice', 'much slower than usual',
  'rejected by the server', 'not shown in the list', 'read-only', 'older than the schedule says',
  'flagged by the check command',
];

const EVENTS = [
  'a crash', 'a failed upload', 'an upgrade', 'a restore', 'a prune', 'a disk replacement', 'a passphrase change',
  'a clock change', 'a migration', 'a network outage', 'moving the repository', 'renaming the host', 'a reboot',
  'a power cut', 'a failed check', 'restoring from an old backup', 'switching to a new laptop',
  'changing the compression level', 'deleting a backup set', 'a daylight saving time change',
];

const FEATURES = [
  'compression', 'deduplication', 'append-only mode', 'object lock', 'bandwidth limits', 'multiple passphrases',
  'partial restores', 'hook scripts', 'extended attributes', 'ACLs', 'sparse files', 'case-insensitive file names',
  'Unicode file names', 'long paths', 'scheduled checks', 'email notifications', 'parallel uploads',
  'resumable uploads', 'hardware security keys', 'SELinux labels', 'file system snapshots', 'Volume Shadow Copy',
  'APFS snapshots', 'Btrfs subvolumes', 'ZFS datasets',
];

const WITHOUT = [
  'the passphrase', 'root access', 'a network connection', 'stopping the schedule', 'a second disk',
  'downloading everything', 'the original host', 'the cache directory', 'an internet connection', 'admin rights',
  'the web UI', 'losing the old snapshots',
];

const ERRORS = [
  'repository is locked', 'chunk not found', 'pack file truncated', 'wrong passphrase', 'index out of date',
  'permission denied', 'no space left on device', 'connection reset by peer', 'snapshot has no parent',
  'lock held by another process', 'invalid MAC', 'unexpected end of file', 'bucket does not exist',
  'too many open files', 'certificate has expired',
];

/** Question templates. {N} "a snapshot", {Nthe} "the snapshot", {Npl} "snapshots", {V} verb, …; all end in "?". */
const TEMPLATES = [
  'How do I {V} {N} on {P}?',
  'How do I {V} {N} {C}?',
  'How do I {V} {N} stored on {B}?',
  'How do I {V} {N} on {B} {C}?',
  'Can I {V} {N} {C}?',
  'Can I {V} {N} on {P}?',
  'Can I {V} {Npl} from {P} to {B}?',
  'Is it safe to {V} {N} {C}?',
  "Why can't I {V} {N} on {P}?",
  "Why doesn't Stashbox {V} {N} {C}?",
  'What happens to {Nthe} when I {V} {N2}?',
  'What happens if {Nthe} is {S} {C}?',
  'What is the difference between {N} and {N2}?',
  "What's the best way to {V} {N} on {B}?",
  'Why is {Nthe} {S} after {E}?',
  'How long does it take to {V} {N} on {B}?',
  'Does Stashbox support {F} on {P}?',
  'Does Stashbox support {F} with {B}?',
  'Where does Stashbox keep {Npl} on {P}?',
  'How can I tell whether {Nthe} is {S}?',
  'How do I fix “{ERR}” when I {V} {N}?',
  'What does {Nthe} do after {E}?',
  'Should I {V} {N} before {E}?',
  'How often should I {V} {Npl} on {B}?',
  'How do I {V} {N} without {W}?',
  "What's the fastest way to {V} {N} {C}?",
  'Is there a limit on how many {Npl} I can {V} on {B}?',
  'How much space does {N} use on {B}?',
  'Why does {Nthe} take so long to {V} on {P}?',
  'Can {N} be shared between {P} and {P2}?',
  'Why do I get “{ERR}” after {E}?',
  'Which settings matter when I {V} {Npl} {C}?',
  'How does Stashbox handle {F} when {Ving} {Npl}?',
  "Why doesn't {Nthe} show up after {E}?",
].map((text) => ({ text, slots: [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))] }));

/** Sibling words for look-alike questions: same template, one content word swapped. */
const LOOKALIKE_SWAPS = {
  V: [['add', 'remove'], ['lock', 'unlock'], ['mount', 'unmount'], ['import', 'export'], ['pause', 'resume'],
    ['upload', 'download'], ['include', 'exclude'], ['enable', 'disable'], ['back up', 'restore'], ['merge', 'split']],
  P: [['Android', 'iOS'], ['Windows', 'macOS'], ['Debian', 'Ubuntu'], ['Docker', 'Kubernetes'],
    ['a Synology NAS', 'a QNAP NAS'], ['FreeBSD', 'OpenBSD']],
  B: [['an S3 bucket', 'an SFTP server'], ['OneDrive', 'Dropbox'], ['a USB drive', 'an external SSD'], ['Backblaze B2', 'Wasabi']],
  N: [['snapshot', 'backup set'], ['pack file', 'index file'], ['repository key', 'read-only key'],
    ['partial snapshot', 'parent snapshot'], ['hard link', 'symlink'], ['config file', 'log file'],
    ['exclusion rule', 'include pattern']],
};

const COMMANDS = ['backup', 'restore', 'snapshots', 'forget', 'prune', 'check', 'mount', 'init', 'key list', 'tag',
  'copy', 'diff', 'find', 'ls', 'stats', 'unlock', 'repair index', 'migrate', 'cat config', 'cache clean'];
const FLAGS = ['--repo /srv/stashbox', '--dry-run', '--json', '--verbose', '--keep-last 7', '--keep-daily 14',
  '--limit-upload 2048', '--read-data-subset 10%', '--compression max', '--no-lock', '--password-file ~/.stashbox-pass',
  '--one-file-system', '--exclude-caches', '--host laptop', '--tag nightly', '--pack-size 32', '--numeric-owner',
  '--max-repack-size 2G', '--cache-dir /var/cache/stashbox', '--retry-lock 5m'];
const FREQUENCIES = ['every night', 'once a week', 'every hour', 'at the end of each working day', 'twice a day',
  'at the start of each month'];
const MENUS = ['Snapshots', 'Repository health', 'Schedules', 'Activity log', 'Storage', 'Keys and passphrases'];
const PATHS = ['~/.cache/stashbox', '%LOCALAPPDATA%\\Stashbox', '~/Library/Caches/stashbox', '/var/lib/stashbox',
  '/volume1/@stashbox', '/data/stashbox'];
const UNITS = ['seconds', 'minutes', 'megabytes', 'requests'];
const SECTION_HEADINGS = [
  'Basics', 'Getting started', 'Repositories and encryption', 'Retention and pruning', 'Restore', 'Performance',
  'Troubleshooting', 'Platforms', 'Security', 'Scheduling', 'Storage backends', 'Networking', 'Upgrades', 'Limits',
  'Keys and passphrases', 'Checks and repairs', 'Automation', 'Monitoring', 'Costs', 'Migration', 'Containers',
  'Mobile devices', 'Teams and sharing', 'Compliance', 'Advanced topics', 'Error messages', 'Working offline',
  'Large repositories', 'Servers', 'Laptops',
];
const SECTION_AREAS = ['docs', 'guides', 'platforms', 'troubleshooting', 'integrations', 'support', 'how-to', 'admin'];
const SECTION_TOPICS = [
  'backups', 'restores', 'repositories', 'encryption', 'scheduling', 'retention', 'storage-backends', 'performance',
  'security', 'networking', 'installation', 'upgrades', 'monitoring', 'hooks', 'containers', 'servers', 'laptops',
  'mobile', 'cloud-storage', 'nas', 'compliance', 'migration', 'licensing', 'teams', 'automation', 'command-line',
  'web-ui', 'api', 'logging', 'notifications',
];

// ---------------------------------------------------------------------------------------------
// Filler ("lorem ipsum") generators, several styles

const LIPSUM = ('consectetur adipiscing elit eiusmod tempor incididunt labore dolore aliqua veniam quis nostrud ' +
  'exercitation ullamco laboris nisi aliquip commodo consequat duis aute irure reprehenderit voluptate velit esse ' +
  'cillum fugiat nulla pariatur excepteur sint occaecat cupidatat proident sunt officia deserunt mollit anim laborum')
  .split(' ');
const CICERO = ('perspiciatis unde omnis iste natus voluptatem accusantium doloremque laudantium totam aperiam eaque ' +
  'ipsa quae illo inventore veritatis quasi architecto beatae vitae dicta explicabo nemo ipsam quia voluptas ' +
  'aspernatur odit fugit consequuntur magni dolores ratione sequi nesciunt neque porro quisquam').split(' ');
const FAKER = ('voluptatem quia voluptas aspernatur odit fugit consequuntur dolorem adipisci numquam eius modi tempora ' +
  'incidunt magnam quaerat exercitationem corporis suscipit laboriosam aliquid commodi consequatur molestiae accusamus ' +
  'iusto dignissimos ducimus blanditiis praesentium deleniti atque corrupti quos molestias excepturi occaecati ' +
  'cupiditate provident similique mollitia animi dolorum harum quidem rerum facilis expedita distinctio tempore soluta ' +
  'nobis eligendi cumque impedit quod maxime facere possimus assumenda repellendus temporibus quibusdam officiis ' +
  'debitis necessitatibus saepe eveniet voluptates repudiandae recusandae itaque earum tenetur sapiente delectus ' +
  'reiciendis voluptatibus maiores perferendis doloribus asperiores repellat').split(' ');
const LATIN_SHORT = ['pariatur', 'aliquip', 'commodo', 'cillum', 'deserunt', 'laboris', 'excepteur', 'occaecat',
  'proident', 'veniam', 'irure', 'mollit'];
const LATIN_SHORT_FILL = ['ea', 'ut', 'ut', 'ea', 'enim', 'esse'];
const MEATS = ['brisket', 'pancetta', 'tenderloin', 'jowl', 'kielbasa', 'bresaola', 'andouille', 'capicola', 'meatball',
  'shankle', 'biltong', 'frankfurter'];
const CLASSIC_TAIL = ('sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim ad minim veniam quis ' +
  'nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat').split(' ');

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const words = (rng, list, n) => Array.from({ length: n }, () => rng.pick(list));

function latinSentence(rng, list, lo, hi) {
  return `${cap(words(rng, list, rng.range(lo, hi)).join(' '))}.`;
}

export const FILLER_STYLES = ['classic', 'lipsum', 'short-latin', 'cicero', 'faker', 'bacon', 'lipsum-paragraphs', 'mixed', 'lorem-word'];

/** Returns { paragraphs: string[], hasLorem, leadingRealParagraph } for one filler answer. */
function fillerText(rng, style) {
  switch (style) {
    case 'classic': {
      const tail = CLASSIC_TAIL.slice(0, rng.range(6, CLASSIC_TAIL.length)).join(' ');
      const more = rng.chance(0.5) ? ` ${latinSentence(rng, LIPSUM, 6, 12)}` : '';
      return { paragraphs: [`Lorem ipsum dolor sit amet, consectetur adipiscing elit, ${tail}.${more}`], hasLorem: true };
    }
    case 'lipsum': // JSON-generator style, no "lorem": "Commodo pariatur laboris excepteur ut nostrud voluptate."
      return { paragraphs: [Array.from({ length: rng.range(1, 3) }, () => latinSentence(rng, LIPSUM, 6, 13)).join(' ')], hasLorem: false };
    case 'short-latin': { // "Pariatur aliquip ea ea ea."
      const a = rng.pick(LATIN_SHORT);
      let b = rng.pick(LATIN_SHORT);
      if (b === a) b = LATIN_SHORT[(LATIN_SHORT.indexOf(a) + 1) % LATIN_SHORT.length];
      const fill = rng.pick(LATIN_SHORT_FILL);
      return { paragraphs: [`${cap(a)} ${b} ${Array(rng.range(1, 3)).fill(fill).join(' ')}.`], hasLorem: false };
    }
    case 'cicero':
      return { paragraphs: [`Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium. ${latinSentence(rng, CICERO, 7, 14)}`], hasLorem: false };
    case 'faker':
      return { paragraphs: [Array.from({ length: rng.range(2, 4) }, () => latinSentence(rng, FAKER, 4, 9)).join(' ')], hasLorem: false };
    case 'bacon': {
      const parts = [];
      for (let i = 0; i < rng.range(3, 5); i++) parts.push(rng.pick(MEATS), rng.pick(LIPSUM));
      return { paragraphs: [`Bacon ipsum dolor amet ${parts.join(' ')}.`], hasLorem: false };
    }
    case 'lipsum-paragraphs':
      return {
        paragraphs: Array.from({ length: rng.range(2, 3) }, () => `${latinSentence(rng, LIPSUM, 8, 14)} ${latinSentence(rng, LIPSUM, 5, 10)}`),
        hasLorem: false,
      };
    case 'lorem-word': // "Lorem aute quis laborum non adipisicing sit anim minim laborum reprehenderit."
      return { paragraphs: [`Lorem ${words(rng, LIPSUM, rng.range(7, 13)).join(' ')}.`], hasLorem: true };
    case 'mixed': // a real paragraph first, then filler
    default:
      return { paragraphs: [latinSentence(rng, LIPSUM, 7, 12) + ' ' + latinSentence(rng, LIPSUM, 5, 9)], hasLorem: false, leadingRealParagraph: true };
  }
}

// ---------------------------------------------------------------------------------------------
// Question text normalisation (same idea as faqlint's normalizeQuestion) and a stricter
// "near" key used to keep every unplanted question clear of near duplicates.

export function normalizeQuestion(q) {
  return q
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/[\s?？؟!.…:;,]+$/u, '')
    .trim();
}

const STOPWORDS = new Set(('a an the do does did can could should would will shall may might must i we you my our your ' +
  'me us is are be am s it its to of in on for with and or that this there what how').split(' '));
const PLURAL_TO_SINGULAR = new Map();
for (const noun of NOUNS) {
  const s = noun.sing.split(' ').pop().toLowerCase();
  const p = noun.plural.split(' ').pop().toLowerCase();
  PLURAL_TO_SINGULAR.set(p, s);
}
function stem(word) {
  const known = PLURAL_TO_SINGULAR.get(word);
  if (known) return known;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
export function nearKey(q) {
  return nearKeyOfNormalized(normalizeQuestion(q));
}
function nearKeyOfNormalized(norm) {
  return norm
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .map(stem)
    .join(' ');
}

// ---------------------------------------------------------------------------------------------
// Question generation

function indefinite(phrase) {
  if (/^(?:[aeiou]|[AEIOU]|S3|SFTP|NFS|API|FTP|ARM)/.test(phrase) && !/^(?:us|uni|USB)/i.test(phrase)) return `an ${phrase}`;
  return `a ${phrase}`;
}

function pickNounPhrase(rng, noun = rng.pick(NOUNS)) {
  const adj = rng.chance(0.35) ? rng.pick(ADJECTIVES) : '';
  return { noun, adj };
}
function npSing(np) {
  return np.adj ? `${np.adj} ${np.noun.sing}` : np.noun.sing;
}
function npPlural(np) {
  return np.adj ? `${np.adj} ${np.noun.plural}` : np.noun.plural;
}

/** Slot values for a template. */
function pickValues(rng, template) {
  const v = {};
  for (const slot of template.slots) {
    switch (slot) {
      case 'V': case 'Ving': v.V = v.V ?? rng.pick(VERBS); break;
      case 'N': case 'Nthe': case 'Npl': v.N = v.N ?? pickNounPhrase(rng); break;
      case 'N2': do v.N2 = pickNounPhrase(rng); while (v.N && v.N2.noun === v.N.noun); break;
      case 'P': v.P = rng.pick(PLATFORMS); break;
      case 'P2': break;
      case 'B': v.B = rng.pick(BACKENDS); break;
      case 'C': v.C = rng.pick(CONDITIONS); break;
      case 'S': v.S = rng.pick(STATES); break;
      case 'E': v.E = rng.pick(EVENTS); break;
      case 'F': v.F = rng.pick(FEATURES); break;
      case 'W': v.W = rng.pick(WITHOUT); break;
      case 'ERR': v.ERR = rng.pick(ERRORS); break;
      default: throw new Error(`unknown slot ${slot}`);
    }
  }
  if (template.slots.includes('P2')) {
    do v.P2 = rng.pick(PLATFORMS); while (v.P2 === v.P);
  }
  return v;
}

/** Renders a template; `mode` changes the {N} slot: 'indefinite' (default), 'the', 'plural'. */
function renderQuestion(template, v, mode = 'indefinite') {
  return template.text.replace(/\{(\w+)\}/g, (_, slot) => {
    switch (slot) {
      case 'V': return v.V.base;
      case 'Ving': return v.V.ing;
      case 'N':
        if (mode === 'the') return `the ${npSing(v.N)}`;
        if (mode === 'plural') return npPlural(v.N);
        return indefinite(npSing(v.N));
      case 'Nthe': return `the ${npSing(v.N)}`;
      case 'Npl': return npPlural(v.N);
      case 'N2': return indefinite(npSing(v.N2));
      default: return v[slot];
    }
  });
}

/** Keeps every question on the site distinct (exact and near), except the planted ones. */
class QuestionRegistry {
  constructor() {
    this.exact = new Set();
    this.near = new Set();
  }
  has(text) {
    const norm = normalizeQuestion(text);
    return this.exact.has(norm) || this.near.has(nearKeyOfNormalized(norm));
  }
  add(text) {
    const norm = normalizeQuestion(text);
    this.exact.add(norm);
    this.near.add(nearKeyOfNormalized(norm));
  }
  /** Adds `text` unless it (or a near duplicate) is already there; returns whether it was added. */
  tryAdd(text) {
    const norm = normalizeQuestion(text);
    if (this.exact.has(norm)) return false;
    const near = nearKeyOfNormalized(norm);
    if (this.near.has(near)) return false;
    this.exact.add(norm);
    this.near.add(near);
    return true;
  }
}

function newQuestion(rng, registry, filter = () => true) {
  for (let attempt = 0; attempt < 10000; attempt++) {
    const template = rng.pick(TEMPLATES);
    if (!filter(template)) continue;
    const values = pickValues(rng, template);
    const text = renderQuestion(template, values);
    if (!registry.tryAdd(text)) continue;
    return { text, template, values };
  }
  throw new Error('could not find a new distinct question; vocabulary exhausted');
}

/** Near-duplicate variants: differ only in function words, an article, a plural, or a contraction. */
const NEAR_OPS = {
  aux: (q) => (/^How do I /.test(q.text) ? [q.text.replace(/^How do I /, 'How can I '), q.text.replace(/^How do I /, 'How should I ')] : /^Can I /.test(q.text) ? [q.text.replace(/^Can I /, 'Can we ')] : []),
  article: (q) => (q.template.slots.includes('N') ? [renderQuestion(q.template, q.values, 'the')] : []),
  plural: (q) => (q.template.slots.includes('N') ? [renderQuestion(q.template, q.values, 'plural')] : []),
  contraction: (q) => (/^What's /.test(q.text) ? [q.text.replace(/^What's /, 'What is ')] : /^What is /.test(q.text) ? [q.text.replace(/^What is /, "What's ")] : []),
};

// Exact-duplicate variants: the linter must see through these.
const EXACT_VARIANTS = ['identical', 'case', 'curly-quotes', 'trailing-space', 'double-space'];
function exactVariant(rng, text, variant) {
  switch (variant) {
    case 'case': {
      const k = rng.int(3);
      if (k === 0) return text.toLowerCase();
      if (k === 1) return text.toUpperCase();
      return text.charAt(0).toLowerCase() + text.slice(1);
    }
    case 'curly-quotes':
      return text.includes("'") ? text.replace(/'/g, '\u2019') : text.replace(/\u2019/g, "'");
    case 'trailing-space':
      return `${text}${rng.pick([' ', '  ', '   '])}`;
    case 'double-space': {
      const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
      const at = spaces.length > 0 ? rng.pick(spaces) : -1;
      return at < 0 ? `${text} ` : `${text.slice(0, at)}  ${text.slice(at + 1)}`;
    }
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------------------------
// Glossary: ~40 terms; IDs are GitHub-style heading IDs.

const GLOSSARY_TERMS = [
  ['Backup Set', 'A named group of source folders, exclusion rules and a schedule that together describe one recurring backup job.'],
  ['Content-Defined Chunking (CDC)', 'The way Stashbox cuts files into chunks: boundaries come from a rolling hash over the bytes, so an edit only changes the chunks around it.'],
  ['Deduplication', 'Storing each distinct chunk once, however many files and snapshots contain it.'],
  ['Partial Snapshot', 'A snapshot that stopped before every source path was read. It is kept so the next run can reuse its chunks, but it is never offered as a restore point.'],
  ['Repository', 'The storage location that holds the snapshots, chunks and metadata of one or more backup sets.'],
  ['Pack File', 'A file inside the repository that bundles many encrypted chunks, so the backend stores a few large objects instead of millions of small ones.', 3],
  ['Index File', 'A file inside the repository that records which chunk lives in which pack file and at which offset.', 3],
  ['Repository Key', 'The random 256-bit master key that encrypts everything in a repository, wrapped by one or more passphrases.'],
  ['Restore Point', 'Any complete snapshot that can be restored from.'],
  ['Retention Policy (RP)', 'The rules that decide which snapshots to keep, such as the last seven daily ones and one per month for a year.'],
  ['Snapshot', 'A read-only record of a set of files and folders as they were at one moment.'],
  ['Passphrase', 'A secret that unwraps the repository key. A repository can have several, one per person or machine.'],
  ['Chunk', 'A piece of a file, between 512 KiB and 8 MiB, identified by the SHA-256 digest of its contents.'],
  ['Prune', 'The step that deletes data no snapshot refers to any more and repacks pack files that are mostly garbage.'],
  ['Forget', 'Removing a snapshot from the list without deleting its data; the space comes back at the next prune.'],
  ['Lock File', 'A small file in the repository that tells other Stashbox processes that a backup, check or prune is running.'],
  ['Exclusion Rule', 'A pattern that keeps matching files and folders out of a backup set.'],
  ['Include Pattern', 'A pattern that adds files to a backup set even inside an excluded folder.'],
  ['Tag', 'A free-form label attached to a snapshot, used by retention policies and restore filters.'],
  ['Host Name', 'The machine name recorded in each snapshot; it groups snapshots in listings.'],
  ['Mount Point', 'The folder where `stashbox mount` shows every snapshot as a read-only file system.'],
  ['Storage Backend', 'The driver that talks to the place where a repository lives: a local folder, SFTP, S3 and others.'],
  ['S3-Compatible Storage', 'Any object store that speaks the Amazon S3 API, such as MinIO, Wasabi or Cloudflare R2.'],
  ['SFTP Backend', 'The storage backend that keeps a repository on a server reached over SSH.'],
  ['Object Lock', 'A storage feature that stops objects from being deleted or overwritten for a set time.'],
  ['Append-Only Mode', 'A repository mode in which clients can add data but never delete it; pruning happens from a trusted machine.'],
  ['Read-Only Key', 'A key that can list and restore snapshots but cannot write to the repository.'],
  ['Key Derivation Function (KDF)', 'The slow function, scrypt by default, that turns a passphrase into the key that unwraps the repository key.'],
  ['Message Authentication Code (MAC)', 'A checksum made with a secret key; every blob carries one, so tampering is detected.'],
  ['Cache Directory', 'A local folder with copies of index files and tree blobs, so listings do not have to download them.'],
  ['Parent Snapshot', 'The earlier snapshot a new run compares against to skip unchanged files.'],
  ['Check Run', 'A run of `stashbox check` that verifies the repository structure and, optionally, reads back the data.'],
  ['Hook Script', 'A program Stashbox runs before or after a backup, for example to dump a database.'],
  ['Bandwidth Limit', 'A cap on upload or download speed, set per backup set or per run.'],
  ['Hot & Cold Storage', 'Keeping recent snapshots on fast storage and older ones on cheaper, slower storage.'],
  ['Forget/Prune Cycle', 'The usual maintenance loop: forget snapshots the retention policy does not keep, then prune the data they used.'],
  ['SHA-256 Digest', 'The 32-byte hash that names every chunk and blob in a repository.'],
  ['STASHBOX_REPOSITORY Variable', 'The environment variable that sets the default repository, so `--repo` can be left out.'],
  ['Version 2 Repository Format (v2)', 'The current on-disk format, with compression and larger pack files.'],
  ['Recovery Sheet', 'The printout `stashbox init` produces with an exported copy of the repository key.'],
  ['Exit Code 3', 'What Stashbox returns when a backup finished but some files could not be read.'],
  ['Zstandard (zstd)', 'The compression algorithm Stashbox uses for chunks and metadata.'],
];

/** GitHub-style heading ID as Hugo computes it: lowercase; space and '-' -> '-'; letters, digits, '_' kept. */
export function githubId(text) {
  let out = '';
  for (const ch of text.trim()) {
    if (ch === ' ' || ch === '-') out += '-';
    else if (ch === '_' || /^[\p{L}\p{Nd}]$/u.test(ch)) out += ch.toLowerCase();
  }
  return out;
}

const GLOSSARY = GLOSSARY_TERMS.map(([name, definition, level = 2]) => ({
  name,
  definition,
  level,
  id: githubId(name),
  // link text as a writer would type it
  linkText: /\(([^)]+)\)$/.test(name) && !/^Version/.test(name) ? name.match(/\(([^)]+)\)$/)[1] : name.replace(/ \(.*\)$/, '').toLowerCase(),
}));
const GLOSSARY_IDS = GLOSSARY.map((t) => t.id);
const GLOSSARY_ID_SET = new Set(GLOSSARY_IDS);

function levenshtein(a, b) {
  if (a === b) return 0;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest anchor, as faqlint's valid-glossary-link suggests it. */
export function closestAnchor(wanted, anchors) {
  const wantedWords = wanted.toLowerCase().split('-').filter((w) => w !== '');
  let best;
  for (const id of anchors) {
    const distance = levenshtein(wanted.toLowerCase(), id.toLowerCase());
    const ws = new Set(id.toLowerCase().split('-'));
    const shared = wantedWords.filter((w) => ws.has(w)).length;
    const closeSpelling = distance <= Math.max(2, Math.floor(Math.max(wanted.length, id.length) * 0.34));
    const containsWords = wantedWords.length > 0 && shared === wantedWords.length;
    if (!closeSpelling && !containsWords) continue;
    const score = closeSpelling ? distance : 100 + distance;
    if (!best || score < best.score) best = { id, score };
  }
  return best?.id;
}

const MUTATIONS = ['drop-word', 'plural', 'swap-letters', 'drop-letter', 'underscore', 'drop-suffix', 'old-spelling', 'capitalized'];
function mutateId(rng, id, mutation) {
  const parts = id.split('-');
  switch (mutation) {
    case 'drop-word': {
      if (parts.filter(Boolean).length < 3) return undefined;
      const i = rng.int(parts.length);
      return parts.filter((_, k) => k !== i).join('-');
    }
    case 'plural':
      return /[a-rt-z]$/.test(id) ? `${id}s` : undefined;
    case 'swap-letters': {
      const positions = [];
      for (let i = 1; i < id.length - 2; i++) if (/[a-z]/.test(id[i]) && /[a-z]/.test(id[i + 1]) && id[i] !== id[i + 1]) positions.push(i);
      if (positions.length === 0) return undefined;
      const i = rng.pick(positions);
      return id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
    }
    case 'drop-letter': {
      if (id.length < 6) return undefined;
      const i = rng.range(1, id.length - 2);
      return /[a-z]/.test(id[i]) ? id.slice(0, i) + id.slice(i + 1) : undefined;
    }
    case 'underscore':
      return id.includes('-') ? id.replace('-', '_') : undefined;
    case 'drop-suffix':
      return parts.length > 2 && parts[parts.length - 1].length <= 4 && /\(/.test(GLOSSARY.find((t) => t.id === id)?.name ?? '') ? parts.slice(0, -1).join('-') : undefined;
    case 'old-spelling': // the writer kept the old, collapsed form of "a--b"
      return id.includes('--') ? id.replace('--', '-') : undefined;
    case 'capitalized':
      return id.charAt(0).toUpperCase() + id.slice(1);
    default:
      return undefined;
  }
}

/** A broken fragment whose closest valid term (as faqlint computes it) is the intended one. */
function brokenFragment(rng) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const term = rng.pick(GLOSSARY);
    const mutation = rng.pick(MUTATIONS);
    const fragment = mutateId(rng, term.id, mutation);
    if (!fragment || GLOSSARY_ID_SET.has(fragment) || fragment === term.id) continue;
    if (closestAnchor(fragment, GLOSSARY_IDS) !== term.id) continue;
    return { term, fragment, mutation };
  }
  throw new Error('could not mutate a glossary id');
}

const LINK_FORMS = ['path', 'path', 'path', 'path', 'path', 'path', 'path-no-slash', 'ref', 'ref', 'ref-absolute'];
function glossaryHref(form, fragment) {
  switch (form) {
    case 'path-no-slash': return `${GLOSSARY_URL.replace(/\/$/, '')}#${fragment}`;
    case 'ref': return `{{< ref "glossary/#${fragment}" >}}`;
    case 'ref-absolute': return `{{< ref "${GLOSSARY_URL.replace(/\/$/, '')}#${fragment}" >}}`;
    default: return `${GLOSSARY_URL}#${fragment}`;
  }
}

function renderGlossary() {
  const lines = [
    '---',
    'title: "Glossary"',
    'description: "The words Stashbox uses, and what they mean."',
    'date: 2023-01-02T08:00:00Z',
    'weight: 900',
    'toc: true',
    '---',
    '',
    'Terms you will meet in the Stashbox documentation, in command output and in error messages.',
    '',
  ];
  const terms = [];
  for (const term of GLOSSARY) {
    terms.push({ term: term.name, id: term.id, line: lines.length + 1 });
    lines.push(`${'#'.repeat(term.level)} ${term.name}`, '', term.definition, '');
  }
  return { text: lines.join('\n'), terms };
}

// ---------------------------------------------------------------------------------------------
// Answers: paragraphs (single source lines), lists and fenced code, with marks for positions.

function ctxFor(rng, values) {
  const np = values?.N ?? pickNounPhrase(rng);
  let np2 = values?.N2 ?? pickNounPhrase(rng);
  if (np2.noun === np.noun) np2 = pickNounPhrase(rng, NOUNS[(NOUNS.indexOf(np.noun) + 1) % NOUNS.length]);
  const P = values?.P ?? rng.pick(PLATFORMS);
  let P2 = rng.pick(PLATFORMS);
  if (P2 === P) P2 = PLATFORMS[(PLATFORMS.indexOf(P) + 1) % PLATFORMS.length];
  return { V: values?.V ?? rng.pick(VERBS), np, np2, P, P2, B: values?.B ?? rng.pick(BACKENDS), C: values?.C ?? rng.pick(CONDITIONS), E: values?.E ?? rng.pick(EVENTS) };
}

const SENTENCES = [
  (r, c) => `Run \`stashbox ${r.pick(COMMANDS)} ${r.pick(FLAGS)}\` to ${c.V.base} ${indefinite(npSing(c.np))} ${r.pick(CONDITIONS)}.`,
  (r, c) => `Stashbox ${c.V.s} ${npPlural(c.np)} in the background, so you can keep working while it runs.`,
  (r, c) => `If the ${npSing(c.np)} is ${r.pick(STATES)}, Stashbox stops and prints the name of the affected ${c.np2.noun.sing} instead of guessing.`,
  (r, c) => `This works the same way on ${c.P} and on ${c.P2}; only the default paths differ.`,
  (r, c) => `On ${c.B}, each ${c.np.noun.sing} is stored as a small number of objects, which keeps request costs low.`,
  (r, c) => `The ${c.np.noun.sing} never leaves your machine unencrypted, and ${c.B} only ever sees opaque blobs.`,
  (r, c) => `Most people ${c.V.base} their ${npPlural(c.np)} ${r.pick(FREQUENCIES)}, and a few do it by hand before ${c.E}.`,
  (r, c) => `You can check the result with \`stashbox ${r.pick(COMMANDS)} --json\`, which prints one object per ${c.np.noun.sing}.`,
  (r, c) => `Expect about ${r.range(2, 90)} ${r.pick(UNITS)} per ${c.np.noun.sing} on a typical laptop, and less when the data compresses well.`,
  (r, c) => `Nothing is deleted until the next prune, so a mistake made while ${c.V.ing} ${npPlural(c.np)} can still be undone.`,
  (r, c) => `A ${c.np.noun.sing} created by an older release is read without changes; it is only rewritten when you run \`stashbox migrate\`.`,
  (r) => `Set \`${r.pick(FLAGS)}\` in the backup profile if you want this to happen on every run.`,
  (r, c) => `The limit is ${r.range(2, 64) * 16} ${c.np.noun.plural} per ${c.np2.noun.sing} by default, and you can raise it in the config file.`,
  (r, c) => `When ${c.E} interrupts the run, the next run picks up from the last ${c.np.noun.sing} it finished.`,
  (r, c) => `Stashbox keeps a lock in the repository while it works, so two runs never ${c.V.base} the same ${c.np.noun.sing} at once.`,
  (r, c) => `The log lists every ${c.np.noun.sing} it touched, with the time it took and the number of bytes it sent.`,
  (r, c) => `Use a read-only key on machines that only need to ${c.V.base} ${c.np.noun.plural}, because such a key cannot delete anything.`,
  (r, c) => `On ${c.P} the files live under \`${r.pick(PATHS)}\` unless you pass \`--cache-dir\`.`,
  (r, c) => `Keep in mind that ${c.B} may charge per request, so ${c.V.ing} many small ${c.np.noun.plural} can cost more than the storage itself.`,
  (r, c) => `The web UI shows the same information under **${r.pick(MENUS)}**, next to the list of ${c.np.noun.plural}.`,
  (r, c) => `A scheduled check reads a random ${r.range(1, 20)}% of the data every night and reports any ${c.np.noun.sing} that does not match its checksum.`,
  () => 'If you are unsure, try it first with `--dry-run`: Stashbox prints what it would do and changes nothing.',
  (r) => `Older versions needed a manual step for this; since version 2.${r.range(1, 14)} it happens automatically.`,
  (r, c) => `Hook scripts run before and after each ${c.np.noun.sing}, which makes them a good place to pause a database or send a notification.`,
  (r, c) => `There is no hard limit, but more than ${r.range(2, 50)}0,000 ${c.np.noun.plural} in one repository make listing noticeably slower.`,
  () => 'Restores never overwrite newer files unless you pass `--overwrite always`.',
  (r, c) => `Because data is deduplicated, a second copy of the same ${c.np.noun.sing} costs almost nothing.`,
  (r, c) => `Ask your administrator before you ${c.V.base} a shared ${c.np.noun.sing}, since other machines may depend on it.`,
  (r, c) => `Support for ${r.pick(FEATURES)} on ${c.P} arrived in version 2.${r.range(1, 14)}.`,
  (r, c) => `The command exits with code ${r.range(1, 3)} when a ${c.np.noun.sing} could not be read, so scripts can tell a partial run from a failed one.`,
  (r, c) => `Tag test runs with \`--tag TODO\` or \`--tag lorem\` so the retention policy drops them before any real ${c.np.noun.sing}.`,
];
const OPENERS = ['Yes.', 'No.', 'Usually, yes.', 'Not directly.', 'It depends on the backend.', 'Yes, with one caveat.', 'Short answer: yes.'];
/** Real English with Latin phrases used on purpose: must not be flagged as filler. */
const LATIN_DECOYS = [
  (r, c) => `You can also run it ad hoc, e.g. right before ${c.E}.`,
  () => 'Files are verified in situ, i.e. without copying them to a temporary folder first.',
  (r, c) => `Moving a ${c.np.noun.sing} from ${c.P} to ${c.P2} works, and vice versa.`,
  () => 'The schedule is, per se, only a default.',
  () => 'The chunking scheme follows the design notes by Dolores Park et al. from the first release.',
  () => 'Status codes are documented, so a wrapper script can act on them de facto without parsing the log.',
];
const BOLD_LEADS = ['The short version', 'On servers', 'On laptops', 'For object storage', 'If something goes wrong', 'Why it matters', 'Performance'];
const VALID_LINK_SENTENCES = [
  (link) => `See ${link} if the term is new to you.`,
  (link) => `This is explained in the glossary under ${link}.`,
  (link, c) => `The ${link} decides what happens to each ${c.np.noun.sing}.`,
  (link) => `In short, it depends on the ${link} you configured.`,
  (link, c) => `Every ${c.np.noun.sing} is tied to one ${link}, which is why the order matters.`,
];

function sentence(rng, c) {
  if (rng.chance(0.03)) return rng.pick(LATIN_DECOYS)(rng, c);
  return rng.pick(SENTENCES)(rng, c);
}

/** A paragraph builder that keeps offsets of marks (links, filler, placeholders). */
class Para {
  constructor() {
    this.text = '';
    this.marks = [];
  }
  add(s, marks = []) {
    if (this.text !== '') this.text += ' ';
    const base = this.text.length;
    for (const m of marks) this.marks.push({ ...m, offset: base + m.offset });
    this.text += s;
    return this;
  }
}

function realParagraph(rng, c, sentences = rng.range(1, 3)) {
  const p = new Para();
  for (let i = 0; i < sentences; i++) p.add(sentence(rng, c));
  return p;
}

function linkSentence(rng, c, term, fragment, form) {
  const text = rng.chance(0.7) ? term.linkText : term.name.replace(/ \(.*\)$/, '');
  const link = `[${text}](${glossaryHref(form, fragment)})`;
  const s = rng.pick(VALID_LINK_SENTENCES)(link, c);
  return { s, offset: s.indexOf('[') };
}

const CODE_BLOCKS = [
  (r) => ['```toml', '# TODO: tune these numbers for each machine', '[retention]', `keep-daily = ${r.range(3, 14)}`, `keep-weekly = ${r.range(2, 8)}`, `keep-monthly = ${r.range(6, 24)}`, '# lorem ipsum test data is never worth keeping', 'exclude-tags = ["lorem", "scratch"]', '```'],
  (r) => ['```sh', `stashbox backup --tag TODO --exclude '*.lorem' ~/Documents`, `stashbox forget --keep-last ${r.range(2, 9)} --dry-run`, '```'],
  () => ['```yaml', '# front matter of a page that is not ready yet', 'title: "Lorem ipsum dolor sit amet"', 'draft: true', 'description: "TODO"', '```'],
  () => ['```markdown', 'See the [snapshot entry](/docs/reference/glossary/#snapshots-and-more) for details.', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.', '[Add answer]', '```'],
  (r) => ['```json', '{', '  "tag": "TODO",', '  "note": "lorem ipsum dolor sit amet",', `  "keep": ${r.range(1, 30)}`, '}', '```'],
  (r) => ['```text', `$ stashbox snapshots --tag lorem`, `ID        Time                 Host    Tags`, `${(r.int(0xffffffff) >>> 0).toString(16).padStart(8, '0')}  2024-02-0${r.range(1, 9)} 02:00:01  laptop  lorem,TODO`, '```'],
  (r) => ['```sh', `stashbox ${r.pick(COMMANDS)} ${r.pick(FLAGS)}`, `stashbox check --read-data-subset ${r.range(1, 20)}%`, '```'],
  (r) => ['~~~ini', '[hooks]', 'pre-backup = /usr/local/bin/dump-db.sh   ; TBD: move to systemd', `timeout = ${r.range(30, 600)}s`, '~~~'],
];

function listElement(rng, c) {
  const ordered = rng.chance(0.35);
  const n = rng.range(2, 5);
  const items = [];
  for (let i = 0; i < n; i++) {
    const k = rng.int(4);
    if (k === 0) items.push(`${rng.pick(BACKENDS)};`);
    else if (k === 1) items.push(`run \`stashbox ${rng.pick(COMMANDS)}\` ${rng.pick(CONDITIONS)};`);
    else if (k === 2) items.push(`${cap(c.V.ing)} ${npPlural(pickNounPhrase(rng))} ${rng.pick(CONDITIONS)}.`);
    else items.push(`check the ${pickNounPhrase(rng).noun.sing} on ${rng.pick(PLATFORMS)}.`);
  }
  return { kind: 'list', ordered, items: items.map((text) => ({ text, marks: [] })) };
}

/**
 * Builds an answer. `plant` is undefined or one of { type: 'filler', style } /
 * { type: 'placeholder', kind } / { type: 'broken' }. Returns elements and stats.
 */
function buildAnswer(rng, values, plant, stats) {
  const c = ctxFor(rng, values);
  const elements = [];
  const para = (p) => elements.push({ kind: 'p', text: p.text, marks: p.marks });

  if (plant?.type === 'filler') {
    const f = fillerText(rng, plant.style);
    if (f.leadingRealParagraph) para(realParagraph(rng, c, rng.range(1, 2)));
    f.paragraphs.forEach((text, i) => {
      const marks = i === 0 ? [{ type: 'filler', offset: 0, style: plant.style, hasLorem: f.hasLorem, text }] : [];
      elements.push({ kind: 'p', text, marks });
    });
    return elements;
  }
  if (plant?.type === 'placeholder') {
    const ph = placeholderText(rng, plant.kind, c);
    if (ph.whole) {
      elements.push({ kind: 'p', text: ph.text, marks: [{ type: 'placeholder', offset: 0, kind: plant.kind, text: ph.marker, wholeAnswer: true }] });
    } else {
      const p = realParagraph(rng, c, rng.range(1, 2));
      p.add(ph.text, [{ type: 'placeholder', offset: ph.markerOffset, kind: plant.kind, text: ph.marker, wholeAnswer: false }]);
      para(p);
      if (rng.chance(0.3)) para(realParagraph(rng, c));
    }
    return elements;
  }

  const paragraphs = 1 + rng.weighted([62, 25, 9, 4]);
  const brokenAt = plant?.type === 'broken' ? rng.int(paragraphs) : -1;
  for (let i = 0; i < paragraphs; i++) {
    const p = new Para();
    if (i === 0 && rng.chance(0.25)) p.add(rng.pick(OPENERS));
    if (i > 0 && rng.chance(0.12)) p.add(`**${rng.pick(BOLD_LEADS)}:**`);
    const n = 1 + rng.weighted([40, 40, 20]);
    const linkAt = rng.chance(0.14) ? rng.int(n + 1) : -1;
    for (let k = 0; k <= n; k++) {
      if (k === linkAt) {
        const term = rng.pick(GLOSSARY);
        const form = rng.pick(LINK_FORMS);
        const { s, offset } = linkSentence(rng, c, term, term.id, form);
        p.add(s, [{ type: 'valid-link', offset, form }]);
      }
      if (i === brokenAt && k === (n >> 1)) {
        const b = brokenFragment(rng);
        const form = rng.pick(LINK_FORMS);
        const { s, offset } = linkSentence(rng, c, b.term, b.fragment, form);
        p.add(s, [{ type: 'broken-link', offset, fragment: b.fragment, href: glossaryHref(form, b.fragment), form, intended: b.term.id, mutation: b.mutation }]);
      }
      if (k < n) p.add(sentence(rng, c));
    }
    if (rng.chance(0.03)) p.text += '<br>';
    para(p);
    if (i === 0 && paragraphs > 1 && rng.chance(0.15)) elements.push(listElement(rng, c));
    if (i === paragraphs - 1 && rng.chance(0.07)) {
      elements.push({ kind: 'code', lines: rng.pick(CODE_BLOCKS)(rng, c) });
      stats.codeBlocks++;
    }
  }
  if (paragraphs === 1 && rng.chance(0.12)) elements.push(listElement(rng, c));
  return elements;
}

export const PLACEHOLDER_KINDS = ['todo', 'todo-inline', 'fixme-inline', 'tbd', 'tbd-inline', 'coming-soon', 'add-answer', 'add-answer-inline', 'put-here'];
const FRONT_MATTER_PLACEHOLDER_KINDS = ['front-matter-empty-description', 'front-matter-lead'];

function placeholderText(rng, kind, c) {
  switch (kind) {
    case 'todo': {
      const t = rng.pick(['TODO: write this answer', 'TODO: explain the retry limit', `TODO: add the steps for ${c.P}`, 'TODO: ask the storage team', 'TODO']);
      return { whole: true, text: t, marker: t };
    }
    case 'todo-inline': {
      const t = `TODO: confirm this for ${c.P}.`;
      return { whole: false, text: t, markerOffset: 0, marker: t.replace(/\.$/, '') };
    }
    case 'fixme-inline': {
      const t = 'FIXME: the numbers are from an old release.';
      return { whole: false, text: t, markerOffset: 0, marker: t.replace(/\.$/, '') };
    }
    case 'tbd': {
      const t = rng.pick(['TBD', 'TBD.', 'TBD, ask the storage team.']);
      return { whole: true, text: t, marker: t };
    }
    case 'tbd-inline': {
      const t = `The exact limit for ${c.B} is TBD.`;
      return { whole: false, text: t, markerOffset: t.indexOf('TBD'), marker: 'TBD' };
    }
    case 'coming-soon': {
      const t = rng.pick(['Coming soon.', 'More details coming soon.', 'Coming soon!']);
      return { whole: true, text: t, marker: t };
    }
    case 'add-answer': {
      const t = rng.pick(['[Add answer]', '[Add answer here]', '[Insert answer]', '[TBD]']);
      return { whole: true, text: t, marker: t };
    }
    case 'add-answer-inline':
      return { whole: false, text: '[Add answer]', markerOffset: 0, marker: '[Add answer]' };
    case 'put-here':
    default: {
      const t = rng.pick(['Put the answer here.', 'Answer goes here.', 'Write your answer here.']);
      return { whole: true, text: t, marker: t };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Page writer with line tracking

class PageWriter {
  constructor(file) {
    this.file = file;
    this.lines = [];
  }
  /** Appends a line and returns its 1-based number. */
  push(line) {
    this.lines.push(line);
    return this.lines.length;
  }
  text() {
    return `${this.lines.join('\n')}\n`;
  }
}

function wrap(text, width = 80) {
  const out = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line !== '' && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') out.push(line);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The generator

function parseSeed(seed) {
  return String(seed ?? 42);
}

function dateFor(rng) {
  const day = rng.int(900);
  const d = new Date(Date.UTC(2022, 0, 1) + day * 86400000 + rng.int(86400) * 1000);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function comparePos(a, b) {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/**
 * Writes the site into `out` and returns the manifest (also written to out/manifest.json).
 * @param {{ size: 'S'|'M'|'L', seed?: number|string, out: string, force?: boolean }} options
 */
export function generateSite({ size, seed = 42, out, force = false }) {
  const spec = SIZES[size];
  if (!spec) throw new Error(`unknown size ${size}; use S, M or L`);
  if (!out) throw new Error('out directory is required');
  prepareOut(out, force);
  const seedText = parseSeed(seed);
  const rng = new Rng(xmur3(`${GENERATOR}:${GENERATOR_VERSION}:${size}:${seedText}`));
  const registry = new QuestionRegistry();

  let totalBytes = 0;
  let markdownBytes = 0;
  const writeFile = (rel, text) => {
    const abs = path.join(out, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    const n = Buffer.byteLength(text);
    totalBytes += n;
    if (rel.endsWith('.md')) markdownBytes += n;
  };

  // Site skeleton -------------------------------------------------------------------------
  writeFile('config/_default/hugo.toml', 'title = "Stashbox"\nbaseURL = "https://stashbox.example/"\ndefaultContentLanguage = "en"\n');
  writeFile('config/_default/languages.toml', '[en]\n  languageName = "English"\n  contentDir = "content/en"\n  weight = 1\n');
  writeFile('config/_default/markup.toml', '[goldmark.parser]\n  autoHeadingIDType = "github"\n\n[goldmark.renderer]\n  unsafe = true\n');
  writeFile('.faqlintrc.json', `${JSON.stringify({ glossary: GLOSSARY_URL })}\n`);
  writeFile('content/en/_index.md', [
    '---', 'title: "Stashbox"', 'description: "Encrypted, deduplicated backups for laptops and servers."', 'date: 2022-01-01T08:00:00Z', '---', '',
    'Stashbox takes snapshots of your files and stores them, encrypted and deduplicated, in a',
    'repository you control. Look up unfamiliar words in the [glossary](/docs/reference/glossary/).', '',
  ].join('\n'));
  const glossary = renderGlossary();
  writeFile(GLOSSARY_FILE, `${glossary.text}\n`);

  // Plan pages ----------------------------------------------------------------------------
  const sectionNames = ['faq'];
  const combos = [];
  for (const area of SECTION_AREAS) for (const topic of SECTION_TOPICS) combos.push(`${area}/${topic}`);
  rng.shuffle(combos);
  for (const combo of combos) {
    if (sectionNames.length >= spec.sections) break;
    sectionNames.push(combo);
  }
  const pages = [];
  for (let s = 0; s < sectionNames.length; s++) {
    const count = Math.floor(spec.pages / sectionNames.length) + (s < spec.pages % sectionNames.length ? 1 : 0);
    const usedSlugs = new Set();
    for (let i = 0; i < count; i++) {
      let file;
      let title;
      if (i === 0) {
        file = `content/en/${sectionNames[s]}/_index.md`;
        const last = sectionNames[s].split('/').pop();
        title = s === 0 ? 'Frequently Asked Questions' : `${cap(last.replace(/-/g, ' '))}: questions and answers`;
      } else {
        const verb = rng.pick(VERBS);
        const noun = rng.pick(NOUNS);
        let slug = `${verb.ing}-${noun.plural}`.replace(/ /g, '-').toLowerCase();
        title = `${cap(verb.ing)} ${noun.plural}`;
        if (usedSlugs.has(slug)) {
          let k = 2;
          while (usedSlugs.has(`${slug}-${k}`)) k++;
          slug = `${slug}-${k}`;
          title = `${title} (part ${k})`;
        }
        usedSlugs.add(slug);
        file = rng.chance(0.15) ? `content/en/${sectionNames[s]}/${slug}/index.md` : `content/en/${sectionNames[s]}/${slug}.md`;
      }
      const n = Math.max(3, Math.round(spec.questionsPerPage * (0.35 + 1.3 * rng.next())));
      pages.push({ file, title, section: sectionNames[s], n, plants: [], answerPlants: [], introPlants: [], draft: false, frontMatterPlant: undefined, weight: (i + 1) * 10 });
    }
  }

  // Plan planted questions -----------------------------------------------------------------
  let unitId = 0;
  const pickPages = (k) => rng.sample(pages.map((_, i) => i), k);
  const placeUnit = (texts, scope, tagFor) => {
    const unit = unitId++;
    if (scope === 'cross-page') {
      const targets = pickPages(texts.length);
      texts.forEach((text, i) => pages[targets[i]].plants.push({ text, unit: -1, tag: tagFor(i) }));
    } else {
      const page = pages[rng.int(pages.length)];
      texts.forEach((text, i) => page.plants.push({ text, unit: scope === 'same-section' ? unit : -1, tag: tagFor(i) }));
    }
  };

  const exactGroups = [];
  for (let g = 0; g < spec.exactGroups; g++) {
    const q = newQuestion(rng, registry, (t) => g % 3 !== 0 || /'/.test(t.text));
    const k = 2 + rng.weighted([60, 30, 10]);
    const scope = ['same-section', 'same-page', 'cross-page'][rng.weighted([35, 25, 40])];
    const texts = [q.text];
    const variants = ['original'];
    for (let i = 1; i < k; i++) {
      let variant = rng.pick(EXACT_VARIANTS);
      if (variant === 'curly-quotes' && !/['\u2019]/.test(q.text)) variant = 'case';
      texts.push(exactVariant(rng, q.text, variant));
      variants.push(variant);
    }
    exactGroups.push({ question: q.text, scope, occurrences: [] });
    placeUnit(texts, scope, (i) => ({ kind: 'exact', group: g, variant: variants[i] }));
  }

  const nearGroups = [];
  for (let g = 0; g < spec.nearGroups; g++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 1000) throw new Error('could not plant a near duplicate');
      const q = newQuestion(rng, registry);
      const options = [];
      for (const [op, fn] of Object.entries(NEAR_OPS)) {
        for (const text of fn(q)) {
          if (normalizeQuestion(text) !== normalizeQuestion(q.text) && nearKey(text) === nearKey(q.text)) options.push({ op, text });
        }
      }
      if (options.length === 0) continue; // q stays as an ordinary registered question elsewhere
      const chosen = rng.sample(options, rng.chance(0.2) && options.length > 1 ? 2 : 1);
      const seen = new Set([normalizeQuestion(q.text)]);
      const variants = chosen.filter((o) => !seen.has(normalizeQuestion(o.text)) && seen.add(normalizeQuestion(o.text)));
      for (const v of variants) registry.exact.add(normalizeQuestion(v.text));
      const scope = ['same-section', 'same-page', 'cross-page'][rng.weighted([20, 25, 55])];
      nearGroups.push({ question: q.text, scope, occurrences: [] });
      const texts = [q.text, ...variants.map((v) => v.text)];
      const ops = ['original', ...variants.map((v) => v.op)];
      placeUnit(texts, scope, (i) => ({ kind: 'near', group: g, variant: ops[i] }));
      break;
    }
  }

  const lookAlikes = [];
  const swapSlots = Object.keys(LOOKALIKE_SWAPS);
  for (let g = 0; g < spec.lookAlikes; g++) {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 5000) throw new Error('could not plant a look-alike pair');
      const slot = swapSlots[g % swapSlots.length];
      const template = rng.pick(TEMPLATES);
      if (!template.slots.includes(slot) && !(slot === 'N' && (template.slots.includes('Nthe') || template.slots.includes('Npl')))) continue;
      if (slot === 'V' && template.slots.includes('Ving')) continue;
      const [a, b] = rng.pick(LOOKALIKE_SWAPS[slot]);
      const v1 = pickValues(rng, template);
      const v2 = { ...v1 };
      if (slot === 'V') { v1.V = VERBS.find((x) => x.base === a); v2.V = VERBS.find((x) => x.base === b); }
      else if (slot === 'N') {
        const adj = v1.N.adj;
        v1.N = { noun: NOUNS.find((x) => x.sing === a), adj };
        v2.N = { noun: NOUNS.find((x) => x.sing === b), adj };
        if (v1.N2 && (v1.N2.noun === v1.N.noun || v1.N2.noun === v2.N.noun)) continue;
      } else {
        v1[slot] = a; v2[slot] = b;
        if (slot === 'P' && (v1.P2 === a || v1.P2 === b)) continue;
      }
      const q1 = renderQuestion(template, v1);
      const q2 = renderQuestion(template, v2);
      if (registry.has(q1) || registry.has(q2) || nearKey(q1) === nearKey(q2)) continue;
      registry.add(q1);
      registry.add(q2);
      lookAlikes.push([q1, q2]);
      const scope = ['same-section', 'same-page', 'cross-page'][rng.weighted([40, 20, 40])];
      placeUnit([q1, q2], scope, () => ({ kind: 'lookalike', group: g }));
      break;
    }
  }

  // Plan answer-level plants -----------------------------------------------------------------
  for (let i = 0; i < spec.filler; i++) {
    const page = pages[rng.int(pages.length)];
    const style = FILLER_STYLES[i % FILLER_STYLES.length];
    (rng.chance(0.1) && style !== 'mixed' ? page.introPlants : page.answerPlants).push({ type: 'filler', style });
  }
  for (let i = 0; i < spec.placeholders; i++) {
    pages[rng.int(pages.length)].answerPlants.push({ type: 'placeholder', kind: PLACEHOLDER_KINDS[i % PLACEHOLDER_KINDS.length] });
  }
  for (let i = 0; i < spec.brokenLinks; i++) {
    const page = pages[rng.int(pages.length)];
    (rng.chance(0.1) ? page.introPlants : page.answerPlants).push({ type: 'broken' });
  }
  for (const i of pickPages(spec.drafts)) pages[i].draft = true;
  pickPages(spec.frontMatterPlaceholders).forEach((i, k) => {
    pages[i].frontMatterPlant = FRONT_MATTER_PLACEHOLDER_KINDS[k % FRONT_MATTER_PLACEHOLDER_KINDS.length];
  });

  // Write pages ------------------------------------------------------------------------------
  const manifestLists = { drafts: [], filler: [], placeholders: [], broken: [] };
  const stats = {
    questions: 0, blocksByForm: { shortcode: 0, 'shortcode-percent': 0, html: 0, 'html-split': 0, heading: 0 },
    validGlossaryLinks: 0, validGlossaryLinksByForm: {}, codeBlocks: 0, nonQuestionDetails: 0,
  };

  for (const page of pages) {
    writeFile(page.file, renderPage(rng, registry, page, stats, manifestLists, exactGroups, nearGroups));
  }

  // Manifest ---------------------------------------------------------------------------------
  const groupOut = (groups) =>
    groups
      .map((g) => {
        const occ = g.occurrences.sort(comparePos);
        const sections = new Set(occ.map((o) => o.sectionKey));
        const files = new Set(occ.map((o) => o.file));
        const scope = files.size > 1 ? 'cross-page' : sections.size > 1 ? 'same-page' : 'same-section';
        for (const o of occ) delete o.sectionKey;
        return { question: g.question, scope, first: occ[0], repeats: occ.slice(1) };
      })
      .sort((a, b) => comparePos(a.first, b.first));
  const plantedExactDuplicates = groupOut(exactGroups);
  const plantedNearDuplicates = groupOut(nearGroups);
  const exactRepeats = plantedExactDuplicates.reduce((n, g) => n + g.repeats.length, 0);
  const markdownFiles = pages.length + 2;

  const manifest = {
    generator: GENERATOR,
    version: GENERATOR_VERSION,
    size,
    seed: seedText,
    glossary: { url: GLOSSARY_URL, file: GLOSSARY_FILE, terms: glossary.terms },
    counts: {
      pages: pages.length,
      markdownFiles,
      files: markdownFiles + 4,
      questions: stats.questions,
      distinctQuestions: stats.questions - exactRepeats,
      qaBlocksByForm: stats.blocksByForm,
      nonQuestionDetails: stats.nonQuestionDetails,
      bytes: totalBytes, // every file written except manifest.json
      markdownBytes,
      fencedCodeBlocks: stats.codeBlocks,
      exactDuplicateGroups: plantedExactDuplicates.length,
      exactDuplicateRepeats: exactRepeats,
      nearDuplicateGroups: plantedNearDuplicates.length,
      nearDuplicateRepeats: plantedNearDuplicates.reduce((n, g) => n + g.repeats.length, 0),
      lookAlikes: lookAlikes.length,
      filler: manifestLists.filler.length,
      placeholders: manifestLists.placeholders.length,
      drafts: manifestLists.drafts.length,
      brokenGlossaryLinks: manifestLists.broken.length,
    },
    plantedExactDuplicates,
    plantedNearDuplicates,
    lookAlikes,
    plantedFiller: manifestLists.filler.sort(comparePos),
    plantedPlaceholders: manifestLists.placeholders.sort(comparePos),
    plantedDrafts: manifestLists.drafts.sort(comparePos),
    plantedBrokenGlossaryLinks: manifestLists.broken.sort(comparePos),
    validGlossaryLinks: stats.validGlossaryLinks,
    validGlossaryLinksByForm: stats.validGlossaryLinksByForm,
  };
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}

function prepareOut(out, force) {
  if (fs.existsSync(out)) {
    const entries = fs.readdirSync(out);
    if (entries.length > 0) {
      let ours = false;
      try {
        ours = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).generator === GENERATOR;
      } catch {
        ours = false;
      }
      if (!ours && !force) throw new Error(`${out} is not empty and holds no ${GENERATOR} manifest; pass --force to replace it`);
      fs.rmSync(out, { recursive: true, force: true });
    }
  }
  fs.mkdirSync(out, { recursive: true });
}

function renderPage(rng, registry, page, stats, lists, exactGroups, nearGroups) {
  const w = new PageWriter(page.file);
  const file = page.file;

  // Front matter
  w.push('---');
  w.push(`title: "${page.title}"`);
  const topic = page.title.replace(/: questions and answers$/, '').toLowerCase();
  if (page.frontMatterPlant === 'front-matter-empty-description') {
    const line = w.push('description: ""');
    lists.placeholders.push({ file, line, column: 1, kind: page.frontMatterPlant, text: 'description: ""' });
  } else {
    w.push(`description: "Answers to common questions about ${topic}."`);
  }
  if (page.frontMatterPlant === 'front-matter-lead') {
    const t = rng.pick(['put some intro text here', 'add a short intro here']);
    const line = w.push(`lead: "${t}"`);
    lists.placeholders.push({ file, line, column: 8, kind: page.frontMatterPlant, text: t });
  } else if (rng.chance(0.4)) {
    w.push(`lead: "What people ask most often about ${topic}, answered by the Stashbox team."`);
  }
  w.push(`date: ${dateFor(rng)}`);
  w.push(`weight: ${page.weight}`);
  if (page.draft) {
    const line = w.push('draft: true');
    lists.drafts.push({ file, line, column: 1 });
  } else if (rng.chance(0.25)) {
    w.push('draft: false');
  }
  if (rng.chance(0.5)) w.push('toc: true');
  if (rng.chance(0.2)) w.push('images: []');
  w.push('---');
  w.push('');

  // Intro
  const introCtx = ctxFor(rng);
  for (const line of wrap(`This page collects questions about ${topic}. ${realParagraph(rng, introCtx, 2).text}`)) w.push(line);
  w.push('');
  for (const plant of page.introPlants) {
    if (plant.type === 'filler') {
      const f = fillerText(rng, plant.style);
      const line = w.push(f.paragraphs[0]);
      lists.filler.push({ file, line, column: 1, style: plant.style, hasLorem: f.hasLorem, inQaBlock: false, text: excerpt(f.paragraphs[0]) });
      w.push('');
    } else if (plant.type === 'broken') {
      const b = brokenFragment(rng);
      const form = rng.pick(LINK_FORMS);
      const { s, offset } = linkSentence(rng, introCtx, b.term, b.fragment, form);
      const line = w.push(`Before you start, read the glossary. ${s}`);
      lists.broken.push({ file, line, column: 'Before you start, read the glossary. '.length + offset + 1, fragment: b.fragment, href: glossaryHref(form, b.fragment), form, intended: b.term.id, mutation: b.mutation, inQaBlock: false });
      w.push('');
    }
  }

  // Layout: sections and slots
  const n = Math.max(page.n, page.plants.length + page.answerPlants.length);
  const k = Math.max(1, Math.min(8, Math.round(n / 6)));
  const sizes = Array(k).fill(1);
  for (let i = k; i < n; i++) sizes[rng.int(k)]++;
  const sectionOf = [];
  sizes.forEach((size, s) => { for (let i = 0; i < size; i++) sectionOf.push(s); });
  const slots = Array(n).fill(null);
  const free = (s) => slots.map((v, i) => (v === null && (s === undefined || sectionOf[i] === s) ? i : -1)).filter((i) => i >= 0);

  const units = new Map();
  for (const plant of page.plants) {
    if (plant.unit >= 0) {
      if (!units.has(plant.unit)) units.set(plant.unit, []);
      units.get(plant.unit).push(plant);
    } else {
      const f = free();
      slots[rng.pick(f)] = plant;
    }
  }
  for (const group of units.values()) {
    const candidates = sizes.map((size, s) => s).filter((s) => free(s).length >= group.length);
    const target = candidates.length ? rng.pick(candidates) : undefined;
    const f = rng.shuffle(free(target));
    group.forEach((plant, i) => { slots[f[i]] = plant; });
  }
  const answerPlantAt = new Map();
  rng.sample([...Array(n).keys()], page.answerPlants.length).forEach((slot, i) => answerPlantAt.set(slot, page.answerPlants[i]));

  const headings = rng.sample(SECTION_HEADINGS, k);
  let slot = 0;
  for (let s = 0; s < k; s++) {
    w.push(`## ${headings[s]}`);
    w.push('');
    const headingSection = rng.chance(0.1);
    for (let i = 0; i < sizes[s]; i++, slot++) {
      const plant = slots[slot];
      let question;
      let values;
      if (plant) question = plant.text;
      else ({ text: question, values } = newQuestion(rng, registry));
      let form = 'heading';
      if (!headingSection) {
        const x = rng.next();
        form = x < 0.86 ? 'shortcode' : x < 0.89 ? 'shortcode-percent' : x < 0.96 ? 'html' : 'html-split';
      }
      const elements = buildAnswer(rng, values, answerPlantAt.get(slot), stats);
      const qPos = emitBlock(w, form, question, elements, (mark, line, column, qPos) => recordMark(mark, line, column, file, question, qPos, stats, lists));
      stats.questions++;
      stats.blocksByForm[form]++;
      if (plant?.tag.kind === 'exact') exactGroups[plant.tag.group].occurrences.push({ file, line: qPos.line, column: qPos.column, question, form, variant: plant.tag.variant, sectionKey: s });
      else if (plant?.tag.kind === 'near') nearGroups[plant.tag.group].occurrences.push({ file, line: qPos.line, column: qPos.column, question, form, variant: plant.tag.variant, sectionKey: s });
    }
    if (!headingSection && rng.chance(0.06)) {
      // A disclosure that is not a question: the same summary on many pages must not be a duplicate.
      w.push('<details><summary>Full configuration</summary>');
      w.push('');
      for (const line of CODE_BLOCKS[0](rng)) w.push(line);
      w.push('');
      w.push('</details>');
      w.push('');
      stats.nonQuestionDetails++;
    }
  }
  while (w.lines.length > 0 && w.lines[w.lines.length - 1] === '') w.lines.pop();
  return w.text();
}

function excerpt(text) {
  return text.length > 40 ? text.slice(0, 40) : text;
}

function recordMark(mark, line, column, file, question, qPos, stats, lists) {
  switch (mark.type) {
    case 'valid-link':
      stats.validGlossaryLinks++;
      stats.validGlossaryLinksByForm[mark.form] = (stats.validGlossaryLinksByForm[mark.form] ?? 0) + 1;
      break;
    case 'broken-link':
      lists.broken.push({ file, line, column, fragment: mark.fragment, href: mark.href, form: mark.form, intended: mark.intended, mutation: mark.mutation, inQaBlock: true, question, questionAt: qPos });
      break;
    case 'filler':
      lists.filler.push({ file, line, column, style: mark.style, hasLorem: mark.hasLorem, inQaBlock: true, text: excerpt(mark.text), question, questionAt: qPos });
      break;
    case 'placeholder':
      lists.placeholders.push({ file, line, column, kind: mark.kind, text: mark.text, wholeAnswer: mark.wholeAnswer, question, questionAt: qPos });
      break;
    default:
      throw new Error(`unknown mark ${mark.type}`);
  }
}

/** Writes one Q/A block; returns the question's position. */
function emitBlock(w, form, question, elements, onAnswerMark) {
  let line;
  let column;
  const onMark = (mark, l, c) => onAnswerMark(mark, l, c, { line, column });
  switch (form) {
    case 'shortcode':
    case 'shortcode-percent': {
      const [open, close] = form === 'shortcode' ? ['{{<', '>}}'] : ['{{%', '%}}'];
      line = w.push(`${open} details "${question}" ${close}`);
      column = `${open} details "`.length + 1;
      emitAnswer(w, elements, onMark);
      w.push(`${open} /details ${close}`);
      break;
    }
    case 'html':
      line = w.push(`<details><summary>${question}</summary>`);
      column = '<details><summary>'.length + 1;
      w.push('');
      emitAnswer(w, elements, onMark);
      w.push('');
      w.push('</details>');
      break;
    case 'html-split':
      w.push('<details>');
      line = w.push(`<summary>${question}</summary>`);
      column = '<summary>'.length + 1;
      w.push('');
      emitAnswer(w, elements, onMark);
      w.push('');
      w.push('</details>');
      break;
    case 'heading':
    default:
      line = w.push(`### ${question}`);
      column = 5;
      w.push('');
      emitAnswer(w, elements, onMark);
      break;
  }
  w.push('');
  return { line, column };
}

function emitAnswer(w, elements, onMark) {
  elements.forEach((el, i) => {
    if (i > 0) w.push('');
    if (el.kind === 'p') {
      const line = w.push(el.text);
      for (const m of el.marks) onMark(m, line, m.offset + 1);
    } else if (el.kind === 'list') {
      el.items.forEach((item, k) => {
        const prefix = el.ordered ? `${k + 1}. ` : '- ';
        const line = w.push(prefix + item.text);
        for (const m of item.marks) onMark(m, line, prefix.length + m.offset + 1);
      });
    } else {
      for (const l of el.lines) w.push(l);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Verification: read every planted position back from disk.

/** Checks every planted position in `manifest` against the files in `out`; returns a list of problems. */
export function verifyManifest(out, manifest) {
  const cache = new Map();
  const lineAt = (file, line) => {
    if (!cache.has(file)) cache.set(file, fs.readFileSync(path.join(out, file), 'utf8').split('\n'));
    return cache.get(file)[line - 1] ?? '';
  };
  const problems = [];
  const expectAt = (what, pos, expected) => {
    const text = lineAt(pos.file, pos.line).slice(pos.column - 1);
    if (!text.startsWith(expected)) problems.push(`${what} ${pos.file}:${pos.line}:${pos.column}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(text.slice(0, 60))}`);
  };
  for (const list of [manifest.plantedExactDuplicates, manifest.plantedNearDuplicates]) {
    for (const g of list) {
      for (const occ of [g.first, ...g.repeats]) expectAt('question', occ, occ.question);
      const norm = normalizeQuestion(g.first.question);
      for (const r of g.repeats) {
        const same = normalizeQuestion(r.question) === norm;
        if (list === manifest.plantedExactDuplicates && !same) problems.push(`exact repeat differs after normalising: ${r.question}`);
        if (list === manifest.plantedNearDuplicates && (same || nearKey(r.question) !== nearKey(g.first.question))) problems.push(`near repeat is not near: ${r.question}`);
      }
    }
  }
  for (const f of manifest.plantedFiller) expectAt('filler', f, f.text);
  for (const p of manifest.plantedPlaceholders) expectAt('placeholder', p, p.kind === 'front-matter-empty-description' ? 'description: ""' : p.text);
  for (const d of manifest.plantedDrafts) expectAt('draft', d, 'draft: true');
  for (const b of manifest.plantedBrokenGlossaryLinks) {
    expectAt('broken link', b, '[');
    const rest = lineAt(b.file, b.line).slice(b.column - 1);
    if (!rest.includes(`](${b.href})`)) problems.push(`broken link ${b.file}:${b.line}:${b.column}: href ${b.href} not found`);
    if (GLOSSARY_ID_SET.has(b.fragment) || closestAnchor(b.fragment, GLOSSARY_IDS) !== b.intended) problems.push(`broken link ${b.fragment}: not broken or wrong intended term`);
  }
  for (const [a, b] of manifest.lookAlikes) {
    if (normalizeQuestion(a) === normalizeQuestion(b) || nearKey(a) === nearKey(b)) problems.push(`look-alikes are duplicates: ${a} / ${b}`);
  }
  return problems;
}

function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(abs, base));
    else out.push(path.relative(base, abs));
  }
  return out;
}

/** Generates the same site twice and compares every byte, then verifies planted positions. */
export function selfCheck({ size = 'S', seed = 42 } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-bench-'));
  try {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const manifest = generateSite({ size, seed, out: a });
    generateSite({ size, seed, out: b });
    const problems = [];
    const filesA = listFiles(a);
    const filesB = listFiles(b);
    if (filesA.join('\n') !== filesB.join('\n')) problems.push('file lists differ');
    for (const f of filesA) {
      if (!filesB.includes(f)) continue;
      if (!fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f)))) problems.push(`differs: ${f}`);
    }
    const other = generateSite({ size, seed: `${seed}-other`, out: b });
    if (JSON.stringify(other.plantedDrafts) === JSON.stringify(manifest.plantedDrafts) && fs.readFileSync(path.join(a, 'manifest.json')).equals(fs.readFileSync(path.join(b, 'manifest.json')))) {
      problems.push('a different seed produced the same site');
    }
    problems.push(...verifyManifest(a, manifest));
    return { ok: problems.length === 0, files: filesA.length, problems };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const args = { size: 'S', seed: '42', out: undefined, selfCheck: false, verify: false, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--size') args.size = value().toUpperCase();
    else if (a === '--seed') args.seed = value();
    else if (a === '--out') args.out = value();
    else if (a === '--self-check') args.selfCheck = true;
    else if (a === '--verify') args.verify = true;
    else if (a === '--force') args.force = true;
    else if (a === '--help' || a === '-h') args.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const USAGE = `usage: node bench/generate-site.mjs --size S|M|L [--seed 42] --out DIR [--verify] [--force]
       node bench/generate-site.mjs --self-check [--size S] [--seed 42]`;

function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!SIZES[args.size]) {
    console.error(`unknown size ${args.size}\n${USAGE}`);
    process.exit(2);
  }
  if (args.selfCheck) {
    const started = performance.now();
    const result = selfCheck({ size: args.size, seed: args.seed });
    const ms = Math.round(performance.now() - started);
    if (result.ok) console.log(`self-check ok: size ${args.size}, seed ${args.seed}: ${result.files} files byte-identical across two runs, planted positions verified (${ms} ms)`);
    else {
      console.error(`self-check FAILED:\n  ${result.problems.slice(0, 50).join('\n  ')}`);
      process.exit(1);
    }
    return;
  }
  if (!args.out) {
    console.error(`--out is required\n${USAGE}`);
    process.exit(2);
  }
  const started = performance.now();
  let manifest;
  try {
    manifest = generateSite({ size: args.size, seed: args.seed, out: args.out, force: args.force });
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const ms = Math.round(performance.now() - started);
  const c = manifest.counts;
  console.log(
    `size ${args.size}, seed ${args.seed} -> ${args.out}: ${c.pages} pages, ${c.questions} questions (${c.distinctQuestions} distinct), ` +
      `${(c.markdownBytes / 1048576).toFixed(1)} MiB Markdown, in ${ms} ms\n` +
      `planted: ${c.exactDuplicateGroups} exact-duplicate groups (${c.exactDuplicateRepeats} repeats), ${c.nearDuplicateGroups} near-duplicate groups ` +
      `(${c.nearDuplicateRepeats} repeats), ${c.lookAlikes} look-alike pairs, ${c.filler} filler, ${c.placeholders} placeholders, ${c.drafts} drafts, ` +
      `${c.brokenGlossaryLinks} broken glossary links; ${manifest.validGlossaryLinks} valid glossary links`,
  );
  if (args.verify) {
    const problems = verifyManifest(args.out, manifest);
    if (problems.length > 0) {
      console.error(`verify FAILED:\n  ${problems.slice(0, 50).join('\n  ')}`);
      process.exit(1);
    }
    console.log('verify ok: every planted position reads back as recorded');
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
