// Images attached to a question lost to a reload (happy-dom): the panel keeps their bytes with the
// question (within a budget) and, after the reload, hands them to the host again as a paste does;
// an image it could not keep is named in the input area, to attach again. Never a silent loss.
import * as assert from 'node:assert/strict';
import type { Conversation, ImageAttachment } from '../../../src/shared/conversation';
import { imageCache } from '../../../src/webview/imageCache';
import { MAX_KEPT_IMAGE_CHARS, toSentImages } from '../../../src/webview/sentImages';
import { SENT_QUESTION_KEY } from '../../../src/webview/sentQuestion';
import type { TabStore } from '../../../src/webview/tabStore';
import { FakeVsCodeApi } from './fakeVsCodeApi';
import { mountView } from './mountView';

/** The tab's session storage, kept across a reload; refuses values longer than `quota` as a full one does. */
class FakeTab implements TabStore {
  readonly items = new Map<string, string>();
  constructor(private readonly quota = Infinity) {}
  load(key: string): string | undefined {
    return this.items.get(key);
  }
  save(key: string, value: string): boolean {
    if (value.length > this.quota) return false;
    this.items.set(key, value);
    return true;
  }
  remove(key: string): void {
    this.items.delete(key);
  }
}

const SHOWN: Conversation = { id: 'c1', title: 'T', model: 'm', entries: [], createdAt: 1, updatedAt: 1 };
const dataUrl = (length: number) => `data:image/png;base64,${'A'.repeat(length)}`;
const image = (id: string, name: string): ImageAttachment => ({ id, mimeType: 'image/png', name, width: 2, height: 2, size: 10 });

/** One page of the panel showing SHOWN with `attached` in the composer (their bytes handed over as the host does). */
function page(api: FakeVsCodeApi, tab: TabStore, attached: { image: ImageAttachment; dataUrl: string }[] = []) {
  const mounted = mountView({ api, tabStore: tab });
  mounted.send({ type: 'state', state: { conversation: SHOWN, hasToken: true, origin: 'https://x', busy: false, attachments: attached.map((item) => item.image) } });
  mounted.send({ type: 'imageData', images: attached.map((item) => ({ id: item.image.id, dataUrl: item.dataUrl })) });
  const input = mounted.root.querySelector<HTMLTextAreaElement>('textarea.composer-input')!;
  const ask = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  };
  const notice = () => {
    const line = mounted.root.querySelector<HTMLElement>('.attachment-error')!;
    return line.hidden ? '' : line.textContent ?? '';
  };
  return { ...mounted, input, ask, notice };
}

const reattached = (api: FakeVsCodeApi) => api.posted.filter((message) => message.type === 'attachImage');

describe('images of a question lost to a reload', () => {
  beforeEach(() => imageCache.clear());

  it('come back attached (handed to the host again, as a paste), with the text, from the tab or the state', () => {
    const small = { image: image('i1', 'screenshot.png'), dataUrl: dataUrl(400) };
    const tab = new FakeTab();
    page(new FakeVsCodeApi(), tab, [small]).ask('What is wrong here?');
    assert.ok(tab.items.get(SENT_QUESTION_KEY)!.includes(small.dataUrl), 'kept by the tab at Enter');

    // VS Code web: the state saved at the reload is an older one; the tab has the question.
    const web = new FakeVsCodeApi({ draft: '' });
    const second = page(web, tab);
    assert.equal(second.input.value, 'What is wrong here?');
    assert.deepEqual(reattached(web), [{ type: 'attachImage', name: 'screenshot.png', dataUrl: small.dataUrl }]);
    assert.equal(second.notice(), '');

    // The desktop: no tab storage for the webview's origin; the state has it.
    const desktop = new FakeVsCodeApi();
    page(desktop, new FakeTab(0), [small]).ask('And here?');
    desktop.posted.length = 0;
    assert.equal(page(desktop, new FakeTab(0)).input.value, 'And here?');
    assert.deepEqual(reattached(desktop), [{ type: 'attachImage', name: 'screenshot.png', dataUrl: small.dataUrl }]);
  });

  it('an image too large to keep: the text comes back and the input area names the image to attach again', () => {
    const small = { image: image('i1', 'small.png'), dataUrl: dataUrl(400) };
    const large = { image: image('i2', 'huge <b>photo</b>.png'), dataUrl: dataUrl(MAX_KEPT_IMAGE_CHARS) };
    const api = new FakeVsCodeApi();
    const tab = new FakeTab();
    page(api, tab, [large, small]).ask('Compare them');
    assert.ok(tab.items.get(SENT_QUESTION_KEY)!.length < MAX_KEPT_IMAGE_CHARS, 'bounded');
    api.posted.length = 0;

    const second = page(api, tab);
    assert.equal(second.input.value, 'Compare them');
    assert.deepEqual(reattached(api).map((message) => message.name), ['small.png']);
    assert.match(second.notice(), /attach again.*huge <b>photo<\/b>\.png/i, 'named, as plain text');
    assert.equal(second.root.querySelector('.attachment-error b'), null, 'a name never becomes markup');
  });

  it('a tab too full for the images keeps the text and names the images', () => {
    const shot = { image: image('i1', 'shot.png'), dataUrl: dataUrl(5_000) };
    const tab = new FakeTab(2_000);
    page(new FakeVsCodeApi(), tab, [shot]).ask('Why?');
    const reloaded = new FakeVsCodeApi({ draft: '' });
    const second = page(reloaded, tab);
    assert.equal(second.input.value, 'Why?');
    assert.deepEqual(reattached(reloaded), []);
    assert.match(second.notice(), /shot\.png/);
  });

  it('a question of images only is kept too; damaged or hostile saved images are left out', () => {
    const shot = { image: image('i1', 'only.png'), dataUrl: dataUrl(40) };
    const api = new FakeVsCodeApi();
    page(api, new FakeTab(), [shot]).ask('');
    api.posted.length = 0;
    page(api, new FakeTab());
    assert.deepEqual(reattached(api).map((message) => message.name), ['only.png']);

    const kept = toSentImages({
      images: [
        { name: 'ok.png', dataUrl: dataUrl(8) },
        { name: 'script.png', dataUrl: 'javascript:alert(1)' },
        { name: '', dataUrl: dataUrl(8) },
        { name: 'svg.svg', dataUrl: 'data:image/svg+xml;base64,AAAA' },
        'not an image',
        { name: 'too large.png', dataUrl: dataUrl(MAX_KEPT_IMAGE_CHARS + 1) },
      ],
      imagesNotKept: ['gone.png', 3, 'x'.repeat(5_000)],
    });
    assert.deepEqual(kept, { images: [{ name: 'ok.png', dataUrl: dataUrl(8) }], imagesNotKept: ['gone.png'] });
  });
});
