// Older answers of a long conversation are drawn after the panel opens, not before: opening
// 500 messages must not render (markdown, highlighting, sanitizing, layout) 2 MB of answers
// that are off screen. Until then an answer is a placeholder holding its text as plain text
// (so find in page and a selection still see the words); it becomes the real answer as soon
// as it comes near the viewport (IntersectionObserver), when anything touches it (an update,
// a delta), or in idle time, nearest to the bottom first, so that after a few idle moments
// everything is drawn exactly as if it had been drawn at once.

import type { AssistantEntry } from '../shared/conversation';
import { mayHoldHiddenCharacters } from '../shared/hiddenCharacters';
import { codicon, element } from './dom';
import { markHiddenCharacters } from './hiddenMarkers';

export interface IdleDeadlineLike {
  timeRemaining(): number;
}

export interface NearViewportWatcher {
  observe(target: Element): void;
  unobserve(target: Element): void;
  disconnect(): void;
}

/** How deferred answers get their turn; the defaults use the browser's, tests drive them by hand. */
export interface DeferredScheduling {
  /** Calls back when the page is idle. */
  idle(callback: (deadline: IdleDeadlineLike) => void): void;
  /** Tells `near` which watched elements came near the viewport of `root`; undefined: none is watched. */
  watch?(root: Element, near: (targets: Element[]) => void): NearViewportWatcher;
}

/** Idle time a slice of deferred drawing leaves to the browser, in ms. */
const idleReserveMs = 2;
/** Waiting for an idle moment longer than this draws the next answers anyway (a busy page). */
const idleTimeoutMs = 500;

function browserIdle(callback: (deadline: IdleDeadlineLike) => void): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(callback, { timeout: idleTimeoutMs });
    return;
  }
  // No idle callbacks: a short slice per timer tick.
  setTimeout(() => {
    const until = performance.now() + 8;
    callback({ timeRemaining: () => Math.max(0, until - performance.now()) });
  }, 1);
}

function browserWatch(root: Element, near: (targets: Element[]) => void): NearViewportWatcher {
  // A screen above and below: an answer is drawn before scrolling can bring it into view.
  const observer = new IntersectionObserver(
    (entries) => near(entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target)),
    { root, rootMargin: '100% 0px 100% 0px' },
  );
  return observer;
}

export const browserScheduling: DeferredScheduling = {
  idle: browserIdle,
  watch: typeof IntersectionObserver === 'function' ? browserWatch : undefined,
};

/** The text a placeholder shows: the candidate the conversation uses. */
function shownText(entry: AssistantEntry): string {
  return entry.candidates[entry.chosen]?.content ?? entry.candidates[0]?.content ?? '';
}

/**
 * Stands in for an answer not drawn yet: its header and its text as plain text (textContent,
 * never markup), hidden characters marked as in a drawn answer.
 */
export function pendingAnswerElement(entry: AssistantEntry): HTMLElement {
  const text = shownText(entry);
  const body = element('div', { className: 'markdown-body pending-text', text });
  if (mayHoldHiddenCharacters(text)) markHiddenCharacters(body);
  return element('article', { className: 'entry assistant entry-pending', attributes: { 'data-entry-id': entry.id, 'aria-busy': 'true' } }, [
    element('div', { className: 'entry-header' }, [codicon('sparkle'), element('span', { className: 'entry-author', text: entry.model || 'Assistant' })]),
    body,
  ]);
}

/**
 * The queue of answers waiting to be drawn. `draw(id)` draws one (the transcript replaces its
 * placeholder); `drawn()` is told after each batch, e.g. to keep the view at the bottom.
 */
export class DeferredEntries {
  private readonly waiting = new Map<string, Element>();
  /** Ids nearest to the bottom first: the order idle time draws them in. */
  private queue: string[] = [];
  private watcher: NearViewportWatcher | undefined;
  private idleRequested = false;
  /** Bumped by clear(): callbacks scheduled for an earlier conversation do nothing. */
  private generation = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly scheduling: DeferredScheduling,
    private readonly draw: (id: string) => void,
    private readonly drawn: () => void,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  has(id: string): boolean {
    return this.waiting.has(id);
  }

  /** Adds a placeholder; call in the order they should be drawn (nearest to the bottom first). */
  add(id: string, placeholder: Element): void {
    this.waiting.set(id, placeholder);
    this.queue.push(id);
    this.watcher ??= this.scheduling.watch?.(this.root, (targets) => this.drawNear(targets));
    this.watcher?.observe(placeholder);
  }

  /** The answer is drawn (or gone): stop waiting for it. */
  forget(id: string): void {
    const placeholder = this.waiting.get(id);
    if (!placeholder) return;
    this.waiting.delete(id);
    this.watcher?.unobserve(placeholder);
  }

  /** Starts drawing the waiting answers in idle time. */
  start(): void {
    if (this.waiting.size === 0 || this.idleRequested) return;
    this.idleRequested = true;
    const generation = this.generation;
    this.scheduling.idle((deadline) => {
      if (generation !== this.generation) return;
      this.idleRequested = false;
      this.drawSlice(deadline);
      this.start();
    });
  }

  /** Forgets every placeholder (a new conversation is shown). */
  clear(): void {
    this.generation++;
    this.idleRequested = false;
    this.waiting.clear();
    this.queue = [];
    this.watcher?.disconnect();
    this.watcher = undefined;
  }

  /** At least one answer, then more while the idle period lasts. */
  private drawSlice(deadline: IdleDeadlineLike): void {
    let drew = false;
    while (this.queue.length > 0 && (!drew || deadline.timeRemaining() > idleReserveMs)) {
      const id = this.queue.shift()!;
      if (!this.waiting.has(id)) continue;
      this.draw(id);
      this.forget(id);
      drew = true;
    }
    if (drew) this.drawn();
  }

  private drawNear(targets: Element[]): void {
    let drew = false;
    for (const target of targets) {
      const id = target.getAttribute('data-entry-id');
      if (id === null || this.waiting.get(id) !== target) continue;
      this.draw(id);
      this.forget(id);
      drew = true;
    }
    if (drew) this.drawn();
  }
}
