// The few file operations the conversation store needs, behind an interface free of Node and
// `vscode`: Node's fs on the desktop (fileStore.ts), `vscode.workspace.fs` in the web build
// (workspaceFileStore.ts). Both write atomically: a temporary file, then a rename over the old one.

/** Paths are relative to the store's root and use `/`. */
export interface FileStore {
  /** The file's text, or undefined when it does not exist. Other errors throw. */
  read(path: string): Promise<string | undefined>;
  /** Replaces the file's content atomically and durably (creating folders as needed). */
  write(path: string, text: string): Promise<void>;
  /** Renames a file (used to set an unreadable one aside). */
  rename(from: string, to: string): Promise<void>;
  /** Deletes a file; nothing happens when it does not exist. */
  remove(path: string): Promise<void>;
  /** The names of the files in a folder ([] when it does not exist). */
  list(folder: string): Promise<string[]>;
  /** Milliseconds since the file was last written, or undefined when it does not exist. */
  age(path: string): Promise<number | undefined>;
}

/** The suffix of a write in progress; such files are never read and are cleaned up when stale. */
export const TEMP_SUFFIX = '.tmp';
