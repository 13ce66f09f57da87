// Keeps a scroll container at the bottom while content grows, unless the user scrolled up
// to read: then it stays put until they scroll back down (or send a new question).

/** Within this many pixels of the bottom counts as "at the bottom". */
const bottomSlack = 24;

export class AutoScroll {
  private pinned = true;

  constructor(private readonly container: HTMLElement) {
    container.addEventListener('scroll', () => {
      this.pinned = container.scrollHeight - container.scrollTop - container.clientHeight <= bottomSlack;
    }, { passive: true });
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
}
