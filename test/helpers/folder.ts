import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Writes `content` to `name` under `dir`, making folders as needed. */
export function writeIn(dir: string, name: string, content: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  fs.writeFileSync(path.join(dir, name), content);
}

/** A fresh temporary folder holding these files (relative path → content). */
export function folderWith(files: Record<string, string>, prefix = 'faqlint-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) writeIn(dir, name, content);
  return dir;
}
