// The conversation store's files on the desktop (the interface is fileStoreContract.ts, so the
// web build, which puts `vscode.workspace.fs` behind it, loads no Node `fs`).
// The Node implementation writes by the book for durability: a temporary file, fsync, rename
// over the old one, fsync of the folder. A crash or a killed extension host at any moment
// leaves either the old file or the new one, never half of one.

import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { TEMP_SUFFIX, type FileStore } from './fileStoreContract';

export { TEMP_SUFFIX, type FileStore } from './fileStoreContract';

export class NodeFileStore implements FileStore {
  private sequence = 0;

  constructor(readonly root: string) {}

  async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(this.resolve(path), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async write(path: string, text: string): Promise<void> {
    const target = this.resolve(path);
    await mkdir(dirname(target), { recursive: true });
    // Unique per process and write, so two extension hosts on one folder (two browser tabs)
    // never write into the same temporary file.
    const temp = `${target}.${process.pid}.${++this.sequence}${TEMP_SUFFIX}`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, target);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
    await syncFolder(dirname(target));
  }

  async rename(from: string, to: string): Promise<void> {
    await rename(this.resolve(from), this.resolve(to));
    await syncFolder(dirname(this.resolve(to)));
  }

  async remove(path: string): Promise<void> {
    try {
      await unlink(this.resolve(path));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async list(folder: string): Promise<string[]> {
    try {
      return await readdir(this.resolve(folder));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  async age(path: string): Promise<number | undefined> {
    try {
      return Date.now() - (await stat(this.resolve(path))).mtimeMs;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Only plain relative paths of our own making: never `..`, never absolute. */
  private resolve(path: string): string {
    const parts = path.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes(sep) || part.includes('\\'))) {
      throw new Error(`not a store path: ${path}`);
    }
    return join(this.root, ...parts);
  }
}

/** After a rename, the folder entry itself must reach the disk; not every platform allows it. */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a folder for fsync; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
