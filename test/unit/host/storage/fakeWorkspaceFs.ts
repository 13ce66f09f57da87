// An in-memory `vscode.workspace.fs` over string URIs ('root/a/b.json'), with VS Code's
// semantics where the store depends on them: errors carry `code: 'FileNotFound'`, rename
// refuses to overwrite unless told, createDirectory makes parents, readDirectory lists one level.
// Every call is recorded, and a call can be made to fail once. A rename over a file can be cut
// short as the browser's IndexedDB file system leaves it when the tab closes mid-rename.

import type { WorkspaceFs } from '../../../../src/host/storage/workspaceFileStore';

const FILE = 1;
const DIRECTORY = 2;

function notFound(uri: string): Error {
  return Object.assign(new Error(`${uri} (FileNotFound)`), { code: 'FileNotFound', name: 'EntryNotFound (FileSystemError)' });
}

export class FakeWorkspaceFs implements WorkspaceFs<string> {
  readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  readonly folders = new Set<string>();
  readonly calls: string[] = [];
  now = 1000;
  private failing: { op: string; error: Error } | undefined;

  private cutRename = false;
  private closed = false;

  /**
   * The next rename over an existing file stops where a closed tab stops VS Code's IndexedDB
   * provider: the old file deleted, the new one not yet copied in, the temporary one left.
   * Every call after it fails, as nothing runs in a closed tab, until `reopen`.
   */
  cutNextRename(): void {
    this.cutRename = true;
  }

  /** A new tab on the same storage. */
  reopen(): void {
    this.closed = false;
  }

  failNext(op: string, error = new Error(`${op} failed`)): void {
    this.failing = { op, error };
  }

  text(uri: string): string | undefined {
    const file = this.files.get(uri);
    return file && new TextDecoder().decode(file.bytes);
  }

  private call(op: string, ...uris: string[]): void {
    this.calls.push(`${op} ${uris.join(' ')}`);
    if (this.closed) throw new Error('the tab is closed');
    if (this.failing?.op === op) {
      const { error } = this.failing;
      this.failing = undefined;
      throw error;
    }
  }

  private parentExists(uri: string): boolean {
    return this.folders.has(uri.slice(0, uri.lastIndexOf('/')));
  }

  async readFile(uri: string): Promise<Uint8Array> {
    this.call('readFile', uri);
    const file = this.files.get(uri);
    if (!file) throw notFound(uri);
    return file.bytes.slice();
  }

  async writeFile(uri: string, content: Uint8Array): Promise<void> {
    this.call('writeFile', uri);
    if (!this.parentExists(uri)) throw notFound(uri);
    this.files.set(uri, { bytes: content.slice(), mtime: this.now });
  }

  async rename(source: string, target: string, options: { overwrite: boolean }): Promise<void> {
    this.call('rename', source, target);
    const file = this.files.get(source);
    if (!file) throw notFound(source);
    if (this.files.has(target) && !options.overwrite) throw Object.assign(new Error(`${target} exists`), { code: 'FileExists' });
    if (this.cutRename && this.files.delete(target)) {
      this.cutRename = false;
      this.closed = true;
      throw new Error('the tab closed mid-rename');
    }
    this.files.delete(source);
    this.files.set(target, file);
  }

  async delete(uri: string): Promise<void> {
    this.call('delete', uri);
    if (!this.files.delete(uri)) throw notFound(uri);
  }

  async readDirectory(uri: string): Promise<[string, number][]> {
    this.call('readDirectory', uri);
    if (!this.folders.has(uri)) throw notFound(uri);
    const entries: [string, number][] = [];
    for (const path of this.files.keys()) if (path.slice(0, path.lastIndexOf('/')) === uri) entries.push([path.slice(uri.length + 1), FILE]);
    for (const folder of this.folders) if (folder.slice(0, folder.lastIndexOf('/')) === uri) entries.push([folder.slice(uri.length + 1), DIRECTORY]);
    return entries;
  }

  async stat(uri: string): Promise<{ mtime: number }> {
    this.call('stat', uri);
    const file = this.files.get(uri);
    if (!file) throw notFound(uri);
    return { mtime: file.mtime };
  }

  async createDirectory(uri: string): Promise<void> {
    this.call('createDirectory', uri);
    const parts = uri.split('/');
    for (let i = 1; i <= parts.length; i++) this.folders.add(parts.slice(0, i).join('/'));
  }
}
