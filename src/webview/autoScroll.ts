// Keeps a scroll container at the bottom while content grows, unless the user scrolled up
// to read: then it stays put until they scroll back down (or send a new question).
//
// Growth is followed two ways: callers say when they changed content (follow()), and, where
// the browser has ResizeObserver, any change in the content's height is followed after
// layout — answers drawn later than the rest (deferredEntries.ts), off-screen entries whose
// real height replaces an estimate (content-visibility), images that load.

/** Within this many pixels of the bottom counts as "at the bottom". */
const bottomSlack = 24;

export class AutoScroll {
  private pinned = true;
  /** Where the last scroll event left the view: only a move up can unpin. */
  private lastTop = 0;

  constructor(private readonly container: HTMLElement, content?: Element) {
    container.addEventListener('scroll', () => this.onScroll(), { passive: true });
    if (content && typeof ResizeObserver === 'function') new ResizeObserver(() => this.follow()).observe(content);
  }

  get isPinned(): boolean {
    return this.pinned;
  }

  /** After content changed: follow it if the user has not scrolled away. */
  follow(): void {
    if (this.pinned) this.container.scrollTop = this.container.scrollHeight;
  }

  /** Jump to the bottom and follow again (the user just asked something). */
  pin(): void {
    this.pinned = true;
    this.follow();
  }

  /**
   * Content that grew before it was followed leaves the view short of the bottom without the
   * user doing anything: that alone does not unpin. Scrolling up away from the bottom does;
   * reaching the bottom again pins.
   */
  private onScroll(): void {
    const top = this.container.scrollTop;
    const atBottom = this.container.scrollHeight - top - this.container.clientHeight <= bottomSlack;
    if (atBottom) this.pinned = true;
    else if (top < this.lastTop) this.pinned = false;
    this.lastTop = top;
  }
}
