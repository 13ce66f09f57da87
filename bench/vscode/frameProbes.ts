// What the bench runs inside the chat webview's content frame, through Playwright's
// frame.evaluate: a counter of host→webview messages, the times marked text appears, and the
// times of a panel's first drawing. Nothing here is in the product: the bench adds its own
// listeners to the frame after it loaded (no test hooks in src/).
//
// Times are epoch milliseconds with sub-millisecond parts (performance.timeOrigin + now()), so
// they compare with the fake server's, which uses the same clock of the same machine.
import type { Frame } from 'playwright-core';

/** The bench's state on the frame's window. */
interface Probe {
  messages: number;
  byType: Record<string, number>;
  /** marker number → epoch ms when the frame that painted its text had done its main-thread part. */
  seen: Record<string, number>;
  /** marker number → epoch ms when the host's message carrying it reached the webview. */
  arrived: Record<string, number>;
  /** marker number → epoch ms when its text entered the DOM. */
  inserted: Record<string, number>;
  /** Watches for markers only in the latency rounds: reading changed nodes costs a little. */
  watch(on: boolean): void;
}

declare global {
  interface Window {
    __benchProbe?: Probe;
  }
}

/** Marker text the fake server puts into a delta; markdown leaves such a word alone. */
export const markerText = (index: number): string => ` QZX${String(index).padStart(5, '0')}Q`;

/** Adds the message counter and the marker observer once per frame (a rebuilt view gets new ones). */
export async function installProbe(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    if (window.__benchProbe) return;
    const probe: Probe = { messages: 0, byType: {}, seen: {}, arrived: {}, inserted: {}, watch: (on) => {
      watching = on;
      if (on) observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      else observer.disconnect();
    } };
    window.__benchProbe = probe;
    const now = () => performance.timeOrigin + performance.now();
    const pattern = /QZX(\d{5})Q/g;
    let watching = false;
    window.addEventListener('message', (event: MessageEvent) => {
      probe.messages++;
      const type = typeof event.data?.type === 'string' ? (event.data.type as string) : '?';
      probe.byType[type] = (probe.byType[type] ?? 0) + 1;
      // In latency rounds: when a delta carrying a marker arrived (its own parts only).
      if (!watching || type !== 'delta' || !Array.isArray(event.data.parts)) return;
      const at = performance.timeOrigin + event.timeStamp;
      for (const part of event.data.parts as { content?: unknown }[]) {
        if (typeof part.content !== 'string' || !part.content.includes('QZX')) continue;
        for (const match of part.content.matchAll(pattern)) probe.arrived[match[1]!] ??= at;
      }
    });
    // When text is painted: at the end of the rendering step (style, layout, paint) of the
    // frame that includes it, i.e. the first task after that step (a MessageChannel message
    // posted during it). Text inserted by an animation-frame callback is painted in that same
    // frame; text inserted by any other task, in the next frame. rAF callbacks are wrapped to
    // know which (the flag is cleared by a microtask queued after the callback, so it is still
    // set when the mutation observer's microtask, queued earlier, runs).
    const originalFrame = window.requestAnimationFrame.bind(window);
    let inFrameCallback = false;
    const afterPaint: ((at: number) => void)[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const at = now();
      for (const callback of afterPaint.splice(0)) callback(at);
    };
    window.requestAnimationFrame = (callback) =>
      originalFrame((time) => {
        inFrameCallback = true;
        try {
          callback(time);
        } finally {
          queueMicrotask(() => (inFrameCallback = false));
        }
      });
    const whenPainted = (callback: (at: number) => void) => {
      afterPaint.push(callback);
      if (inFrameCallback) channel.port2.postMessage(0);
      else originalFrame(() => channel.port2.postMessage(0));
    };
    const scan = (text: string | null, found: string[]) => {
      if (!text || !text.includes('QZX')) return;
      for (const match of text.matchAll(pattern)) if (!(match[1]! in probe.seen)) found.push(match[1]!);
    };
    // Only the nodes that changed are read, never the whole answer: the probe must not add
    // work that grows with the answer. A marker counts once the frame that paints it is done.
    const observer = new MutationObserver((records) => {
      const found: string[] = [];
      for (const record of records) {
        if (record.type === 'characterData') scan(record.target.textContent, found);
        for (const node of Array.from(record.addedNodes)) scan(node.textContent, found);
      }
      if (found.length === 0) return;
      const inserted = now();
      for (const id of found) {
        probe.seen[id] = -1;
        probe.inserted[id] = inserted;
      }
      whenPainted((at) => {
        for (const id of found) probe.seen[id] = at;
      });
    });
  });
}

/** Starts or stops noting when markers appear. */
export async function watchMarkers(frame: Frame, on: boolean): Promise<void> {
  await frame.evaluate((value) => window.__benchProbe?.watch(value), on);
}

export interface ProbeCounts {
  messages: number;
  byType: Record<string, number>;
}

export async function readCounts(frame: Frame): Promise<ProbeCounts> {
  return frame.evaluate(() => {
    const probe = window.__benchProbe;
    return { messages: probe?.messages ?? 0, byType: { ...(probe?.byType ?? {}) } };
  });
}

/** Per marker number, epoch ms: its message arrived, its text entered the DOM, the frame painting it was done. */
export interface MarkerTimes {
  arrived: Record<string, number>;
  inserted: Record<string, number>;
  seen: Record<string, number>;
}

/** The markers' times so far; cleared after reading. */
export async function takeSeenMarkers(frame: Frame): Promise<MarkerTimes> {
  return frame.evaluate(() => {
    const probe = window.__benchProbe;
    if (!probe) return { arrived: {}, inserted: {}, seen: {} };
    const times = { arrived: probe.arrived, inserted: probe.inserted, seen: probe.seen };
    probe.arrived = {};
    probe.inserted = {};
    probe.seen = {};
    return times;
  });
}

/** Resolves in the frame after two animation frames: what was drawn is painted. */
export async function afterPaint(frame: Frame): Promise<void> {
  await frame.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

export interface FirstDraw {
  /** The webview script finished loading (epoch ms): the view says `ready` right after running it. */
  scriptLoaded?: number;
  /** The script began to run (the product's `completionsChat.start` mark; absent on builds before it). */
  scriptStarted?: number;
  /** The state was drawn from the page itself (issue 10), not from a `state` message. */
  fromPage?: boolean;
  /** The view posted `ready` (the product's `completionsChat.ready` user-timing mark, epoch ms). */
  readyPosted?: number;
  /** The host's `state` message was dispatched to the frame. */
  stateArrived?: number;
  /** The next animation frame after the state was drawn (data-state="ready"). */
  drawn?: number;
  /** The probe came too late: the panel was already drawn when it was installed. */
  late: boolean;
}

/**
 * Installed into a panel's content frame as soon as it exists, before the host's state has
 * arrived: notes when the `state` message is dispatched and when, after it, the root is marked
 * ready and painted. The start is the webview script's load (resource timing), an upper bound
 * for the `ready` message, which main() posts once that script has run.
 */
export async function watchFirstDraw(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = window as unknown as { __benchFirstDraw?: { stateArrived?: number; drawn?: number; late: boolean } };
    if (w.__benchFirstDraw) return;
    const record: { stateArrived?: number; drawn?: number; late: boolean } = { late: document.querySelector('#app .chat[data-state="ready"]') !== null };
    w.__benchFirstDraw = record;
    if (record.late) return;
    window.addEventListener('message', (event: MessageEvent) => {
      if (event.data?.type !== 'state' || record.stateArrived !== undefined) return;
      record.stateArrived = performance.timeOrigin + event.timeStamp;
      performance.mark('bench.stateHandled');
      // This listener runs after the view's own, which drew the state synchronously.
      requestAnimationFrame(() => {
        record.drawn = performance.timeOrigin + performance.now();
        performance.mark('bench.drawn');
      });
    });
  });
}

export async function readFirstDraw(frame: Frame): Promise<FirstDraw> {
  return frame.evaluate(() => {
    const w = window as unknown as { __benchFirstDraw?: { stateArrived?: number; drawn?: number; late: boolean } };
    const record = w.__benchFirstDraw ?? { late: true };
    const script = performance
      .getEntriesByType('resource')
      .find((entry) => entry.name.includes('webview.js')) as PerformanceResourceTiming | undefined;
    const mark = (name: string) => {
      const entry = performance.getEntriesByName(name)[0];
      return entry ? performance.timeOrigin + entry.startTime : undefined;
    };
    // Issue 10: a state drawn from the page is drawn before any probe can get in; the product
    // marks it, and the start of the frame that paints it (same definition as `drawn` below).
    const pageDrawn = mark('completionsChat.firstStateDrawn');
    const pageFrame = mark('completionsChat.firstStateFrame');
    const fromPage = pageDrawn !== undefined && pageFrame !== undefined ? { stateArrived: pageDrawn, drawn: pageFrame, late: false, fromPage: true } : {};
    return {
      ...record,
      ...fromPage,
      scriptLoaded: script ? performance.timeOrigin + script.responseEnd : undefined,
      scriptStarted: mark('completionsChat.start'),
      readyPosted: mark('completionsChat.ready'),
    };
  });
}
