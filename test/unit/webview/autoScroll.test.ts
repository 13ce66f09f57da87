import './setupDom';
import * as assert from 'node:assert/strict';
import { AutoScroll } from '../../../src/webview/autoScroll';

/** happy-dom does no layout: give the container the geometry a browser would. */
function scrollable(): { element: HTMLElement; grow(by: number): void } {
  const element = document.createElement('div');
  let scrollHeight = 1000;
  let scrollTop = 0;
  Object.defineProperty(element, 'clientHeight', { get: () => 200 });
  Object.defineProperty(element, 'scrollHeight', { get: () => scrollHeight });
  Object.defineProperty(element, 'scrollTop', {
    get: () => scrollTop,
    set: (value: number) => {
      scrollTop = Math.max(0, Math.min(value, scrollHeight - 200));
      element.dispatchEvent(new Event('scroll'));
    },
  });
  return { element, grow: (by) => (scrollHeight += by) };
}

describe('AutoScroll', () => {
  it('follows growing content while the user stays at the bottom', () => {
    const { element, grow } = scrollable();
    const autoScroll = new AutoScroll(element);
    autoScroll.follow();
    assert.equal(element.scrollTop, 800);
    grow(300);
    autoScroll.follow();
    assert.equal(element.scrollTop, 1100);
  });

  it('stops following when the user scrolls up, and pin() resumes', () => {
    const { element, grow } = scrollable();
    const autoScroll = new AutoScroll(element);
    autoScroll.follow();
    element.scrollTop = 300; // the user scrolls up to read
    assert.equal(autoScroll.isPinned, false);
    grow(500);
    autoScroll.follow();
    assert.equal(element.scrollTop, 300, 'stays where the user is reading');
    autoScroll.pin();
    assert.equal(element.scrollTop, 1300);
    assert.equal(autoScroll.isPinned, true);
  });

  it('content that grew before it was followed does not unpin: only scrolling up does', () => {
    const { element, grow } = scrollable();
    const autoScroll = new AutoScroll(element);
    autoScroll.follow();
    grow(300); // e.g. an older answer drawn above, or an entry added: not followed yet
    element.dispatchEvent(new Event('scroll')); // the browser reports a scroll (anchoring, a clamp)
    assert.equal(autoScroll.isPinned, true);
    autoScroll.follow();
    assert.equal(element.scrollTop, 1100);
    element.scrollTop = 1000;
    assert.equal(autoScroll.isPinned, false, 'the user scrolled up');
    element.scrollTop = 1100;
    assert.equal(autoScroll.isPinned, true, 'back at the bottom');
  });

  it('follows the content\'s size changes by itself where the browser has ResizeObserver', () => {
    const observers: (() => void)[] = [];
    const globals = globalThis as { ResizeObserver?: unknown };
    globals.ResizeObserver = class {
      constructor(private readonly callback: () => void) {}
      observe(): void {
        observers.push(this.callback);
      }
    };
    try {
      const { element, grow } = scrollable();
      const content = document.createElement('div');
      new AutoScroll(element, content).follow();
      grow(400);
      for (const callback of observers) callback();
      assert.equal(element.scrollTop, 1200);
    } finally {
      delete globals.ResizeObserver;
    }
  });
});
