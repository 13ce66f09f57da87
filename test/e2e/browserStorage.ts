// What the web workbench keeps in the browser: code-server's VS Code stores its state
// (globalState, workspaceState, UI state) in IndexedDB and its secret storage in localStorage,
// not in files of the user-data directory. A test that a secret is "in no file" must look here
// too. The dump runs in the workbench page; it is a string because this project type-checks
// test code without the DOM lib.
import type { Page } from 'playwright-core';

export interface StoredItem {
  /** `localStorage/<key>` or `indexedDB/<database>/<store>/<key>` */
  where: string;
  /** The value as text (binary values decoded as UTF-8). */
  text: string;
}

const DUMP_BROWSER_STORAGE = `(async () => {
  const asText = (value) => value instanceof Uint8Array ? new TextDecoder().decode(value)
    : typeof value === 'string' ? value : JSON.stringify(value);
  const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
  const items = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    items.push({ where: 'localStorage/' + key, text: localStorage.getItem(key) ?? '' });
  }
  for (const { name } of await indexedDB.databases()) {
    const db = await request(indexedDB.open(name));
    for (const store of Array.from(db.objectStoreNames)) {
      const objects = db.transaction(store).objectStore(store);
      const keys = await request(objects.getAllKeys());
      const values = await request(objects.getAll());
      keys.forEach((key, i) => items.push({ where: 'indexedDB/' + name + '/' + store + '/' + String(key), text: asText(values[i]) }));
    }
    db.close();
  }
  return items;
})()`;

export async function readBrowserStorage(page: Page): Promise<StoredItem[]> {
  return (await page.evaluate(DUMP_BROWSER_STORAGE)) as StoredItem[];
}
