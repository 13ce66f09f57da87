// Finds files that hold a secret in any form a program might have written it: as UTF-8 text,
// as UTF-16 (Chromium's and SQLite's wide strings), or base64-encoded. Every file is read as
// bytes, so binary state databases (state.vscdb, LevelDB) are searched too.
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretHit {
  file: string;
  encoding: string;
}

export function findSecretInFiles(root: string, secret: string): { hits: SecretHit[]; filesScanned: number } {
  const needles: [string, Buffer][] = [
    ['utf-8', Buffer.from(secret, 'utf8')],
    ['utf-16le', Buffer.from(secret, 'utf16le')],
    ['base64', Buffer.from(Buffer.from(secret, 'utf8').toString('base64').replace(/=+$/, ''), 'utf8')],
  ];
  const hits: SecretHit[] = [];
  let filesScanned = 0;
  for (const file of filesUnder(root)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // removed while we looked (a lock file)
    }
    filesScanned++;
    for (const [encoding, needle] of needles) {
      if (bytes.includes(needle)) hits.push({ file, encoding });
    }
  }
  return { hits, filesScanned };
}

/** Regular files below `root`; symlinks are not followed (they may point out of the run's folder). */
function filesUnder(root: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const path = join(root, name);
    try {
      if (lstatSync(path).isFile()) files.push(path);
    } catch {
      // Gone meanwhile.
    }
  }
  return files;
}
