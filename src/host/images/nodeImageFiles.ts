// Image bytes in a folder with Node's fs: the desktop's ImageFiles, in the desktop's own bundle
// (host/nodeParts.ts). The store over them (ContentImageStore) is in the shared chat bundle.

import { copyFile, mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageFiles } from './imageFiles';

export class NodeImageFiles implements ImageFiles {
  private sequence = 0;

  constructor(private readonly directory: string) {}

  async read(name: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.directory, name)));
    } catch {
      return undefined;
    }
  }

  async write(name: string, bytes: Uint8Array): Promise<void> {
    const file = join(this.directory, name);
    await mkdir(this.directory, { recursive: true });
    const partial = `${file}.${process.pid}.${++this.sequence}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, file);
  }

  list(): Promise<string[]> {
    return readdir(this.directory).catch(() => []);
  }

  remove(name: string): Promise<void> {
    return unlink(join(this.directory, name));
  }

  async copyIn(folder: string, name: string): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await copyFile(join(folder, name), join(this.directory, name));
  }
}
