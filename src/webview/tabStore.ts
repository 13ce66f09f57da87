// The browser tab's own session storage, for what must outlive a reload the workbench does not
// save for us. VS Code web writes a webview's `setState` to IndexedDB only now and then, and a
// reload of the tab closes the database before the last write (seen in code-server: "IndexedDB
// database 'vscode-web-db' is closed"), so a question sent a moment before the reload was gone
// from both the state and the host. `sessionStorage` is written at once and kept by the tab
// across a reload. It is only there when the webview's origin is stable (code-server serves
// webviews from its own origin; vscode.dev and the desktop use one per webview): elsewhere this
// finds nothing and the webview state, which those save on a reload, does the work.

/** A few strings kept by the tab (the fake in tests). */
export interface TabStore {
  load(key: string): string | undefined;
  /** False when the tab refused it (full, or no storage here). */
  save(key: string, value: string): boolean;
  remove(key: string): void;
}

/** Runs `use` on the tab's sessionStorage; `fallback` where there is none or the call is refused (an opaque origin, a full quota). */
function withStorage<T>(use: (storage: Storage) => T, fallback: T): T {
  try {
    const storage = globalThis.sessionStorage;
    return storage ? use(storage) : fallback;
  } catch {
    return fallback;
  }
}

/** The tab's sessionStorage; every call fails quietly where it is refused or full (the webview state still holds what it holds). */
export function sessionTabStore(): TabStore {
  return {
    load: (key) => withStorage((storage) => storage.getItem(key) ?? undefined, undefined),
    save: (key, value) => withStorage((storage) => {
      storage.setItem(key, value);
      return true;
    }, false),
    remove: (key) => withStorage((storage) => storage.removeItem(key), undefined),
  };
}
