// The few operations the image store needs on its folder, so the store itself needs neither
// Node nor `vscode`: Node's fs on the desktop (imageStore.ts), `vscode.workspace.fs` in the web
// build (storage/workspaceFileStore.ts). Names are bare file names (a SHA-256 in hex).

export interface ImageFiles {
  /** The file's bytes, or undefined when it does not exist (or cannot be read). */
  read(name: string): Promise<Uint8Array | undefined>;
  /** Replaces the file atomically: a temporary name, then a rename; creates the folder. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** The names in the folder ([] when it does not exist). */
  list(): Promise<string[]>;
  /** Deletes a file; throws when it could not (the caller retries later). */
  remove(name: string): Promise<void>;
  /** Copies a file from another folder of the same kind (images of versions up to 0.1.0). */
  copyIn?(folder: string, name: string): Promise<void>;
}

/** SHA-256 of the bytes, hex. Web Crypto: the same in Node 20 and in a web worker. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
