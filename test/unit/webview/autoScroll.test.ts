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
});
