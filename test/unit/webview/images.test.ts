import { mountView } from './mountView';
import { domWindow } from './setupDom';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation, ImageAttachment, UserEntry } from '../../../src/shared/conversation';
import { imageCache } from '../../../src/webview/imageCache';
import { renderSources } from '../../../src/webview/sources';

// The composer reads pasted and dropped files with FileReader, as a webview does.
(globalThis as Record<string, unknown>).FileReader ??= (domWindow as unknown as Record<string, unknown>).FileReader;

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==';
const GENERATED = 'data:image/webp;base64,UklGRhwAAABXRUJQ';

function attachment(id: string, name = `${id}.png`): ImageAttachment {
  return { id, mimeType: 'image/png', name, width: 3, height: 2, size: 1234 };
}

function setup(entries: Conversation['entries'] = []) {
  imageCache.clear();
  const { api: { posted }, root, send } = mountView();
  const conversation: Conversation = { id: 'c1', title: 'T', model: 'gpt-4o-image', entries, createdAt: 1, updatedAt: 1 };
  send({ type: 'state', state: { conversation, hasToken: true, origin: 'https://api.acedata.cloud', busy: false } });
  posted.length = 0;
  const click = (element: Element | null | undefined) => {
    assert.ok(element, 'element to click exists');
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  return { posted, root, send, click, input: root.querySelector<HTMLTextAreaElement>('.composer-input')! };
}

function answer(content: string, extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id: 'a1', role: 'assistant', candidates: [{ content }], chosen: 0, status: 'done', model: 'gpt-4o-image', createdAt: 2, ...extra };
}

/** No image in the view may point anywhere but a data: URL. */
function assertNoRemoteImages(root: Element): void {
  for (const image of Array.from(root.querySelectorAll('img'))) {
    const src = image.getAttribute('src');
    assert.ok(src === null || src.startsWith('data:image/'), `image source ${src}`);
  }
}

describe('ChatView images', () => {
  it('the attach button asks the host for its file picker', () => {
    const { posted, root, click } = setup();
    click(root.querySelector('.composer-attach'));
    assert.deepEqual(posted, [{ type: 'pickImages' }]);
  });

  it('shows attachments as thumbnails once their bytes arrive, removable, and sends with no text', () => {
    const { posted, root, send, click, input } = setup();
    send({ type: 'attachments', attachments: [attachment('one', 'shot.png')] });
    const thumbnail = root.querySelector<HTMLImageElement>('.attachment img')!;
    assert.equal(thumbnail.getAttribute('data-image-id'), 'one');
    assert.equal(thumbnail.getAttribute('src'), null, 'no bytes yet');
    assert.equal(root.querySelector('.attachment')!.getAttribute('title'), 'shot.png · 3 × 2 · 1 KB');
    send({ type: 'imageData', images: [{ id: 'one', dataUrl: PNG }] });
    assert.equal(thumbnail.getAttribute('src'), PNG);

    click(root.querySelector('.attachment-remove'));
    assert.deepEqual(posted.at(-1), { type: 'removeAttachment', id: 'one' });

    // With an image attached, Enter sends even an empty question.
    input.value = '';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    assert.deepEqual(posted.at(-1), { type: 'send', text: '' });
    send({ type: 'attachments', attachments: [] });
    assert.equal(root.querySelector('.attachments')!.hasAttribute('hidden'), true);
  });

  it('ignores image data that is not a raster base64 data URL', () => {
    const { root, send } = setup();
    send({ type: 'attachments', attachments: [attachment('one')] });
    send({ type: 'imageData', images: [{ id: 'one', dataUrl: 'https://evil.example/track.png' }, { id: 'one', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }] });
    assert.equal(root.querySelector('.attachment img')!.getAttribute('src'), null);
  });

  it('shows why an attachment was refused', () => {
    const { root, send } = setup();
    send({ type: 'attachmentError', message: 'setup.png was not attached: it is not a PNG, JPEG, GIF or WebP image.' });
    const error = root.querySelector('.attachment-error')!;
    assert.equal(error.textContent, 'setup.png was not attached: it is not a PNG, JPEG, GIF or WebP image.');
    assert.equal(root.querySelector('.attachments')!.hasAttribute('hidden'), false);
  });

  it('reads a pasted image and hands it to the host as a data URL; text pastes stay text', async () => {
    const { posted, input } = setup();
    const file = new domWindow.File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'image.png', { type: 'image/png' });
    const paste = new domWindow.Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(paste, 'clipboardData', { value: { files: [file], items: [] } });
    input.dispatchEvent(paste as unknown as Event);
    assert.equal(paste.defaultPrevented, true);
    for (let i = 0; i < 50 && posted.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(posted, [{ type: 'attachImage', name: 'image.png', dataUrl: 'data:image/png;base64,iVBORw==' }]);

    const textPaste = new domWindow.Event('paste', { bubbles: true, cancelable: true });
    Object.defineProperty(textPaste, 'clipboardData', { value: { files: [], items: [] } });
    input.dispatchEvent(textPaste as unknown as Event);
    assert.equal(textPaste.defaultPrevented, false);
  });

  it('refuses a dropped file over the size limit without reading it', async () => {
    const { posted, root } = setup();
    const huge = { name: 'huge.png', size: 6 * 1024 * 1024, type: 'image/png' };
    const drop = new domWindow.Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [huge], items: [], types: ['Files'] } });
    root.querySelector('.transcript')!.dispatchEvent(drop as unknown as Event);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepEqual(posted, []);
    assert.equal(root.querySelector('.attachment-error')!.textContent, 'huge.png was not attached: it is 6 MB; the limit is 5 MB.');
  });

  it('shows the images sent with a question as thumbnails in the transcript', () => {
    const question: UserEntry = { id: 'u1', role: 'user', text: 'What is this?', images: [attachment('one'), attachment('two')], createdAt: 1 };
    const { root, send } = setup([question]);
    send({ type: 'imageData', images: [{ id: 'one', dataUrl: PNG }, { id: 'two', dataUrl: PNG }] });
    const thumbnails = Array.from(root.querySelectorAll('.user-image img'));
    assert.deepEqual(thumbnails.map((image) => [image.getAttribute('data-image-id'), image.getAttribute('src')]), [['one', PNG], ['two', PNG]]);
  });

  it('a generated image stays a placeholder naming its host until the host sends its bytes', () => {
    const url = 'https://files.example-cdn.com/gen/cat.webp?sig=abc';
    const { posted, root, send, click } = setup([answer(`Here:\n\n![a cat](${url})`)]);
    const placeholder = root.querySelector('.image-placeholder')!;
    assert.match(placeholder.textContent ?? '', /Image from files\.example-cdn\.com not loaded/);
    assertNoRemoteImages(root);

    click(placeholder.querySelector('button[data-image-action="allowHost"]'));
    assert.deepEqual(posted.at(-1), { type: 'allowImageHost', entryId: 'a1', url });
    click(placeholder.querySelector('button[data-image-action="load"]'));
    assert.deepEqual(posted.at(-1), { type: 'loadImage', entryId: 'a1', url });

    send({ type: 'imageData', images: [{ id: 'gen', dataUrl: GENERATED }] });
    send({ type: 'entryUpdated', entry: answer(`Here:\n\n![a cat](${url})`, {
      images: { [url]: { status: 'loaded', id: 'gen', mimeType: 'image/webp', name: 'cat.webp', width: 3, height: 2, size: 28 } },
    }) });
    assert.equal(root.querySelector('.image-placeholder'), null);
    const image = root.querySelector<HTMLImageElement>('.answer-image img')!;
    assert.equal(image.getAttribute('src'), GENERATED);
    assert.equal(image.getAttribute('alt'), 'a cat');
    assertNoRemoteImages(root);

    click(root.querySelector('.answer-image button[data-image-action="save"]'));
    assert.deepEqual(posted.at(-1), { type: 'imageAction', action: 'save', entryId: 'a1', url });
    click(root.querySelector('.answer-image button[data-image-action="copyLink"]'));
    assert.deepEqual(posted.at(-1), { type: 'imageAction', action: 'copyLink', entryId: 'a1', url });
  });

  it('gives a clicked placeholder its buttons back when the user said no in the host\'s dialog, or the load failed', () => {
    const url = 'https://images.example.com/x.png';
    const { root, send, click } = setup([answer(`![x](${url})`)]);
    const load = () => root.querySelector('.image-placeholder button[data-image-action="load"]')!;
    const allow = () => root.querySelector('.image-placeholder button[data-image-action="allowHost"]')!;
    click(load());
    click(allow());
    assert.equal(load().hasAttribute('disabled'), true);
    assert.equal(load().textContent, 'Loading…');
    // The host records nothing for a "no" and sends the entry again.
    send({ type: 'entryUpdated', entry: answer(`![x](${url})`) });
    assert.deepEqual([load().hasAttribute('disabled'), allow().hasAttribute('disabled'), load().textContent], [false, false, 'Load image']);

    click(load());
    send({ type: 'entryUpdated', entry: answer(`![x](${url})`, { images: { [url]: { status: 'failed', reason: 'It is on this computer.' } } }) });
    assert.deepEqual([load().hasAttribute('disabled'), load().textContent], [false, 'Try Again']);
  });

  it('says why an image was not loaded and offers to try again', () => {
    const url = 'https://images.example.com/x.png';
    const { root } = setup([answer(`![x](${url})`, { images: { [url]: { status: 'failed', reason: 'images.example.com redirected to another host (evil.example); redirects to other hosts are not followed.' } } })]);
    const placeholder = root.querySelector('.image-placeholder.is-failed')!;
    assert.match(placeholder.querySelector('.image-placeholder-error')!.textContent ?? '', /redirected to another host \(evil\.example\)/);
    assert.equal(placeholder.querySelector('button[data-image-action="load"]')!.textContent, 'Try Again');
  });

  it('lists the sites an answer links to once each under it; a click opens through the host', () => {
    const content = 'See [MDN](https://developer.mozilla.org/a) and [more MDN](https://developer.mozilla.org/b), and https://example.org/x.';
    const { posted, root, click } = setup([answer(content, { model: 'gpt-4-browsing' })]);
    const sources = Array.from(root.querySelectorAll('.sources .source-link'));
    assert.deepEqual(sources.map((link) => [link.querySelector('.source-host')!.textContent, link.querySelector('.source-title')!.textContent]), [
      ['developer.mozilla.org', 'MDN'], ['example.org', ''],
    ]);
    click(sources[0]);
    assert.deepEqual(posted.at(-1), { type: 'openLink', url: 'https://developer.mozilla.org/a' });
  });

  it('shows no Sources strip for an answer without web links, nor while streaming', () => {
    assert.equal(renderSources('No links here. [local](./file.ts)'), undefined);
    const { root, send } = setup([answer('See [a](https://a.example/).', { status: 'streaming' })]);
    assert.equal(root.querySelector('.sources'), null);
    send({ type: 'entryUpdated', entry: answer('See [a](https://a.example/).') });
    assert.equal(root.querySelectorAll('.sources .source').length, 1);
  });
});
