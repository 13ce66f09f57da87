// A browser-like global DOM (happy-dom) for the webview's unit tests. Imported first by each
// webview test file: DOMPurify and the view code look up `window`/`document` globally.

import { Window } from 'happy-dom';

const domWindow = new Window({ url: 'https://webview.test/' });
const globals = globalThis as unknown as Record<string, unknown>;
const windowGlobals = domWindow as unknown as Record<string, unknown>;

globals.window = domWindow;
globals.document = domWindow.document;
for (const name of [
  'Node', 'Element', 'HTMLElement', 'HTMLTextAreaElement', 'HTMLButtonElement', 'HTMLAnchorElement',
  'HTMLDetailsElement', 'DocumentFragment', 'Event', 'KeyboardEvent', 'MouseEvent', 'MessageEvent',
  'NodeFilter', 'getComputedStyle',
] as const) {
  globals[name] = windowGlobals[name];
}

/**
 * DOMPurify reads `nodeName` & co. through the getters on `Node.prototype` / `Element.prototype`
 * (so page content cannot shadow them). Browsers implement those getters once for every node;
 * happy-dom overrides them in subclasses and its base getters return '' — DOMPurify then
 * sees nameless nodes and drops the first element. Make the base getters dispatch to the
 * most derived one, as a browser's would behave.
 */
function makeGettersVirtual(prototype: object, names: readonly string[]): void {
  for (const name of names) {
    const base = Object.getOwnPropertyDescriptor(prototype, name);
    if (!base?.get) continue;
    const baseGet = base.get;
    const dispatching = new WeakSet<object>();
    Object.defineProperty(prototype, name, {
      ...base,
      get(this: object) {
        if (dispatching.has(this)) return baseGet.call(this);
        for (let proto = Object.getPrototypeOf(this); proto && proto !== prototype; proto = Object.getPrototypeOf(proto)) {
          const own = Object.getOwnPropertyDescriptor(proto, name);
          if (own?.get) {
            dispatching.add(this);
            try {
              return own.get.call(this);
            } finally {
              dispatching.delete(this);
            }
          }
        }
        return baseGet.call(this);
      },
    });
  }
}

const domNode = windowGlobals.Node as { prototype: object };
const domElement = windowGlobals.Element as { prototype: object };
makeGettersVirtual(domNode.prototype, ['nodeName', 'nodeType', 'textContent', 'parentNode', 'childNodes', 'nextSibling', 'ownerDocument']);
makeGettersVirtual(domElement.prototype, ['namespaceURI', 'attributes', 'nodeName']);

/** Runs queued animation-frame callbacks on demand, so tests decide when a frame happens. */
export class ManualFrames {
  private queue: (() => void)[] = [];
  private time = 0;

  /**
   * The clock of these frames: 16 ms more at each frame, still in between. Renders are paced by
   * the time they take; on this clock they take none, so a cold or busy test process does not
   * change which frame draws.
   */
  readonly now = (): number => this.time;

  readonly request = (callback: () => void): void => {
    this.queue.push(callback);
  };

  get pending(): number {
    return this.queue.length;
  }

  /** Runs the callbacks queued so far (those they queue wait for the next call). */
  runFrame(): void {
    this.time += 16;
    const callbacks = this.queue;
    this.queue = [];
    for (const callback of callbacks) callback();
  }
}

export { domWindow };
