// The conversation store's files on `vscode.workspace.fs`, for the web build (vscode.dev,
// github.dev, code-server's web worker host), which has no Node fs. Same semantics as the Node
// store: a write goes to a temporary file that is then renamed over the old one, so a reader or
// a reload never sees half a file, and a crashed write leaves a `.tmp` file the recovery sweeps.
// What it cannot give is fsync: `workspace.fs` has none, so a power cut right after a write may
// lose that write (never the old file). That is why the desktop keeps Node's store
// (fileStore.ts), which syncs the file and its folder.
// Free of the `vscode` module itself (it takes `workspace.fs` and `Uri.joinPath`), so it is
// unit-tested against a fake file system.

import type { ImageFiles } from '../images/imageFiles';
import { TEMP_SUFFIX, type FileStore } from './fileStoreContract';

/** The part of `vscode.FileType` used here. */
const FILE = 1;

/** The part of `vscode.workspace.fs` this store uses, over any kind of URI `U`. */
export interface WorkspaceFs<U> {
  readFile(uri: U): Thenable<Uint8Array>;
  writeFile(uri: U, content: Uint8Array): Thenable<void>;
  rename(source: U, target: U, options: { overwrite: boolean }): Thenable<void>;
  delete(uri: U, options?: { recursive?: boolean; useTrash?: boolean }): Thenable<void>;
  readDirectory(uri: U): Thenable<[string, number][]>;
  stat(uri: U): Thenable<{ mtime: number }>;
  createDirectory(uri: U): Thenable<void>;
}

export interface WorkspaceStoreOptions<U> {
  fs: WorkspaceFs<U>;
  root: U;
  /** `vscode.Uri.joinPath`. */
  join(base: U, ...parts: string[]): U;
  now?(): number;
}

/** `vscode.FileSystemError.FileNotFound`, also as it arrives from the workbench (by code or name). */
export function isFileNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name } = error as { code?: unknown; name?: unknown };
  return code === 'FileNotFound' || code === 'EntryNotFound' || (typeof name === 'string' && name.startsWith('EntryNotFound'));
}

export class WorkspaceFileStore<U> implements FileStore {
  private sequence = 0;
  /** Tells this host's temporary files from another's (two browser tabs on one folder). */
  private readonly writer = crypto.randomUUID().slice(0, 8);

  constructor(private readonly options: WorkspaceStoreOptions<U>) {}

  async read(path: string): Promise<string | undefined> {
    const bytes = await this.readBytes(path);
    return bytes && new TextDecoder('utf-8').decode(bytes);
  }

  write(path: string, text: string): Promise<void> {
    return this.writeBytes(path, new TextEncoder().encode(text));
  }

  async readBytes(path: string): Promise<Uint8Array | undefined> {
    try {
      return await this.options.fs.readFile(this.resolve(path));
    } catch (error) {
      if (isFileNotFound(error)) return undefined;
      throw error;
    }
  }

  async writeBytes(path: string, bytes: Uint8Array): Promise<void> {
    const target = this.resolve(path);
    const parts = path.split('/');
    if (parts.length > 1) await this.options.fs.createDirectory(this.resolve(parts.slice(0, -1).join('/')));
    else await this.options.fs.createDirectory(this.options.root);
    const temp = this.resolve(`${path}.${this.writer}.${++this.sequence}${TEMP_SUFFIX}`);
    await this.options.fs.writeFile(temp, bytes);
    try {
      await this.options.fs.rename(temp, target, { overwrite: true });
    } catch (error) {
      await Promise.resolve(this.options.fs.delete(temp)).catch(() => undefined);
      throw error;
    }
  }

  async rename(from: string, to: string): Promise<void> {
    await this.options.fs.rename(this.resolve(from), this.resolve(to), { overwrite: false });
  }

  async remove(path: string): Promise<void> {
    try {
      await this.options.fs.delete(this.resolve(path), { recursive: false, useTrash: false });
    } catch (error) {
      if (!isFileNotFound(error)) throw error;
    }
  }

  async list(folder: string): Promise<string[]> {
    try {
      const entries = await this.options.fs.readDirectory(this.resolve(folder));
      return entries.filter(([, type]) => (type & FILE) !== 0).map(([name]) => name);
    } catch (error) {
      if (isFileNotFound(error)) return [];
      throw error;
    }
  }

  async age(path: string): Promise<number | undefined> {
    try {
      const { mtime } = await this.options.fs.stat(this.resolve(path));
      return (this.options.now ?? Date.now)() - mtime;
    } catch (error) {
      if (isFileNotFound(error)) return undefined;
      throw error;
    }
  }

  /** The images' folder in this store, as the image store wants it. */
  imageFiles(folder: string): ImageFiles {
    return {
      read: (name) => this.readBytes(`${folder}/${name}`).catch(() => undefined),
      write: (name, bytes) => this.writeBytes(`${folder}/${name}`, bytes),
      list: () => this.list(folder),
      remove: async (name) => {
        await this.options.fs.delete(this.resolve(`${folder}/${name}`), { recursive: false, useTrash: false });
      },
    };
  }

  /** Only plain relative paths of our own making: never `..`, never absolute. */
  private resolve(path: string): U {
    const parts = path.split('/');
    if (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\'))) {
      throw new Error(`not a store path: ${path}`);
    }
    return this.options.join(this.options.root, ...parts);
  }
}
