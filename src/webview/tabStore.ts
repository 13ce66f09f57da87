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
  save(key: string, value: string): void;
  remove(key: string): void;
}

/** The tab's sessionStorage; every call fails quietly where it is refused (an opaque origin) or full. */
export function sessionTabStore(): TabStore {
  const storage = (): Storage | undefined => {
    try {
      return globalThis.sessionStorage ?? undefined;
    } catch {
      return undefined;
    }
  };
  return {
    load: (key) => {
      try {
        return storage()?.getItem(key) ?? undefined;
      } catch {
        return undefined;
      }
    },
    save: (key, value) => {
      try {
        storage()?.setItem(key, value);
      } catch {
        // Quota or refusal: the webview state still holds it.
      }
    },
    remove: (key) => {
      try {
        storage()?.removeItem(key);
      } catch {
        // Nothing to do.
      }
    },
  };
}
