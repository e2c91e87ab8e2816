import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askAgain, directoryEntries, DiskLog, fileKind, kindsIn, markdownFilesUnder, readBytes, withDiskLog } from '../../src/io/disk.js';

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'faqlint-disk-'));
  fs.mkdirSync(path.join(dir, 'docs/.hidden'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'docs/faq.md'), '# FAQ\n');
  fs.writeFileSync(path.join(dir, 'docs/.hidden/secret.md'), '# no\n');
  fs.writeFileSync(path.join(dir, 'docs/notes.txt'), 'not Markdown\n');
  // Larger than the buffer a replay check starts with.
  fs.writeFileSync(path.join(dir, 'docs/big.md'), `# Big\n${'A line of prose about snapshots.\n'.repeat(100_000)}`);
  return dir;
}

describe('the disk log', () => {
  it('records every question once, with answers that asking again reproduces', () => {
    const dir = folder();
    const log = new DiskLog();
    withDiskLog(log, () => {
      expect(fileKind(path.join(dir, 'docs'))).toBe('dir');
      expect(fileKind(path.join(dir, 'docs/faq.md'))).toBe('file');
      expect(fileKind(path.join(dir, 'missing.md'))).toBe('none');
      expect(markdownFilesUnder(path.join(dir, 'docs'))).toEqual([path.join(dir, 'docs/big.md'), path.join(dir, 'docs/faq.md')]);
      expect(directoryEntries(path.join(dir, 'docs')).map((entry) => entry.name).sort()).toEqual(['.hidden', 'big.md', 'faq.md', 'notes.txt']);
      expect(readBytes(path.join(dir, 'docs/faq.md')).ok).toBe(true);
      expect(readBytes(path.join(dir, 'docs/big.md')).ok).toBe(true);
      expect(readBytes(path.join(dir, 'missing.md'))).toEqual({ ok: false, code: 'ENOENT' });
      expect(readBytes(path.join(dir, 'docs'))).toEqual({ ok: false, code: 'EISDIR' });
      fileKind(path.join(dir, 'docs'));
    });
    const entries = log.entries();
    expect(entries.map(([question]) => question)).toEqual(['kind', 'kind', 'kind', 'markdown', 'entries', 'read', 'read', 'read', 'read']);
    for (const [question, target, answer] of entries) expect(askAgain(question, target), `${question} ${target}`).toBe(answer);
  });

  it('gives a changed answer when the disk changes', () => {
    const dir = folder();
    const log = new DiskLog();
    withDiskLog(log, () => {
      fileKind(path.join(dir, 'missing.md'));
      readBytes(path.join(dir, 'docs/faq.md'));
      markdownFilesUnder(path.join(dir, 'docs'));
      directoryEntries(path.join(dir, 'docs'));
    });
    fs.writeFileSync(path.join(dir, 'missing.md'), '');
    fs.writeFileSync(path.join(dir, 'docs/faq.md'), '# FAQ!\n');
    fs.writeFileSync(path.join(dir, 'docs/more.md'), '');
    for (const [question, target, answer] of log.entries()) expect(askAgain(question, target), `${question} ${target}`).not.toBe(answer);
  });

  it('asks for the kinds of several names in a folder as one question, with an answer that asking again reproduces', () => {
    const dir = folder();
    const names = ['faq.md', '.hidden', 'missing.md', 'FAQ.md', 'notes.txt'];
    const log = new DiskLog();
    const kinds = withDiskLog(log, () => kindsIn(path.join(dir, 'docs'), names));
    // FAQ.md is whatever the disk says of that very name: nothing where case matters, faq.md where it does not.
    const caseBlind = fs.existsSync(path.join(dir, 'docs', 'FAQ.md'));
    expect(kinds).toEqual(['file', 'dir', 'none', caseBlind ? 'file' : 'none', 'file']);
    expect(kinds).toEqual(names.map((name) => fileKind(path.join(dir, 'docs', name))));
    expect(kindsIn(path.join(dir, 'nowhere'), ['a.md'])).toEqual(['none']);
    const entries = log.entries();
    expect(entries.map(([question]) => question)).toEqual(['kinds']);
    for (const [question, target, answer] of entries) expect(askAgain(question, target)).toBe(answer);

    fs.writeFileSync(path.join(dir, 'docs', 'missing.md'), '');
    for (const [question, target, answer] of entries) expect(askAgain(question, target)).not.toBe(answer);
    // A new file by another name changes nothing asked.
    fs.rmSync(path.join(dir, 'docs', 'missing.md'));
    fs.writeFileSync(path.join(dir, 'docs', 'other.md'), '');
    for (const [question, target, answer] of entries) expect(askAgain(question, target)).toBe(answer);
  });

  it('remembers the kinds of names for the run', () => {
    const dir = folder();
    withDiskLog(new DiskLog(), () => {
      expect(kindsIn(dir, ['later.md'])).toEqual(['none']);
      fs.writeFileSync(path.join(dir, 'later.md'), '');
      expect(kindsIn(dir, ['later.md'])).toEqual(['none']);
    });
    expect(kindsIn(dir, ['later.md'])).toEqual(['file']);
  });

  it('remembers what a path is for the run, so a run sees one state of the disk', () => {
    const dir = folder();
    const target = path.join(dir, 'later.md');
    withDiskLog(new DiskLog(), () => {
      expect(fileKind(target)).toBe('none');
      fs.writeFileSync(target, '');
      expect(fileKind(target)).toBe('none');
    });
    // Outside a run, nothing is remembered.
    expect(fileKind(target)).toBe('file');
  });
});
