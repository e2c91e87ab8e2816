import path from 'node:path';

/** A result's file as shown to people: relative to the working folder, with forward slashes. */
export function displayPath(filePath: string, cwd: string): string {
  const relative = path.relative(cwd, filePath) || filePath;
  return relative.split(path.sep).join('/');
}
