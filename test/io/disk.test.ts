import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askAgain, directoryEntries, DiskLog, fileKind, hasSignature, kindsIn, markdownFilesUnder, readBytes, rereadFile, SETTLED_MS, signatureOf, withDiskLog } from '../../src/io/disk.js';

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

describe('file signatures', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Runs `work` as if it were `later` ms from now, so files written just now look settled. */
  function later<T>(ms: number, work: () => T): T {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + ms);
    try {
      return work();
    } finally {
      vi.useRealTimers();
    }
  }

  it('keeps no signature for a file changed too recently to be told apart from a later write', () => {
    const dir = folder();
    const file = path.join(dir, 'docs/faq.md');
    const stat = fs.statSync(file);
    expect(signatureOf(stat, Date.now())).toBeUndefined();
    expect(signatureOf(stat, Math.max(stat.mtimeMs, stat.ctimeMs) + SETTLED_MS - 1)).toBeUndefined();
    expect(signatureOf(stat, Math.max(stat.mtimeMs, stat.ctimeMs) + SETTLED_MS)).toBe(`${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`);
    const log = new DiskLog();
    withDiskLog(log, () => readBytes(file));
    expect(log.entries()).toEqual([['read', file, expect.any(String)]]);
  });

  it('records the signature of a settled file with its read, which a later look at the file confirms', () => {
    const dir = folder();
    const file = path.join(dir, 'docs/faq.md');
    const log = new DiskLog();
    const [[, , answer, signature]] = later(SETTLED_MS + 1000, () => {
      withDiskLog(log, () => readBytes(file));
      return log.entries() as [[string, string, string, string]];
    });
    expect(signature).toEqual(expect.any(String));
    later(SETTLED_MS + 2000, () => {
      expect(hasSignature(file, signature)).toBe(true);
      expect(rereadFile(file)).toEqual({ answer, signature, bytes: fs.statSync(file).size });
    });
  });

  it('sees a write that keeps the size and puts the modification time back (the change time moves)', async () => {
    const dir = folder();
    const file = path.join(dir, 'docs/faq.md');
    // A whole second, which setting the time back restores exactly.
    const modified = 1_700_000_000;
    fs.utimesSync(file, modified, modified);
    const signature = later(SETTLED_MS + 1000, () => {
      const log = new DiskLog();
      withDiskLog(log, () => readBytes(file));
      return log.entries()[0]?.[3] as string;
    });
    expect(signature).toEqual(expect.any(String));
    // The change time moves with the clock's ticks: let one pass.
    await new Promise((resolve) => setTimeout(resolve, 20));
    fs.writeFileSync(file, '# faq\n');
    fs.utimesSync(file, modified, modified);
    expect(fs.statSync(file).mtimeMs).toBe(modified * 1000);
    expect(fs.statSync(file).size).toBe('# FAQ\n'.length);
    later(SETTLED_MS + 2000, () => expect(hasSignature(file, signature)).toBe(false));
  });

  it('has no signature for what is not a file that can be read', () => {
    const dir = folder();
    later(SETTLED_MS + 1000, () => {
      expect(hasSignature(path.join(dir, 'missing.md'), '0:0:0:0')).toBe(false);
      expect(rereadFile(path.join(dir, 'missing.md'))).toEqual({ answer: '!ENOENT', bytes: 0 });
      const log = new DiskLog();
      withDiskLog(log, () => readBytes(path.join(dir, 'docs')));
      expect(log.entries()).toEqual([['read', path.join(dir, 'docs'), '!EISDIR']]);
    });
  });
});
