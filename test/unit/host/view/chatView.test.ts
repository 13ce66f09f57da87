// The panel's webview as the host sees it: the provider sets it up, the presenter is the only
// thing that posts to it (and only after `ready`), the controller handles what it says. All
// on a fake webview: a rebuilt, hidden or closed view and the pacing of streamed text.
import assert from 'node:assert/strict';
import { ANSWERING_CONTEXT_KEY } from '../../../../src/host/contributionIds';
import { FRAME_MS } from '../../../../src/host/view/deltaPacer';
import type { HostMessage } from '../../../../src/shared/protocol';
import { answerEntry, settle } from './viewFakes';
import { viewHarness } from './viewHarness';

describe('The chat view (provider, presenter and controller on a fake webview)', () => {
  it('sets the page up to load only the extension script and styles', async () => {
    const { openView } = viewHarness();
    const { webview } = openView();
    await settle(); // the page is built once the token status is known (issue 10: the state rides in it)
    assert.equal(webview.options.enableScripts, true);
    assert.deepEqual(webview.options.localResourceRoots?.map((uri) => uri.path), ['/ext/dist', '/ext/media']);
    assert.match(webview.html, /<script nonce="[^"]+" src="file:\/\/\/webview\/ext\/dist\/webview\.js">/);
    assert.match(webview.html, /default-src 'none'/);
  });

  it('posts nothing before the page says ready; ready replays the whole state, then the images', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(answerEntry('a1', 'Hello'));
    h.images.attachments = [{ id: 'img0', mimeType: 'image/png', name: 'shot.png', size: 3, width: 1, height: 1 } as never];
    const { webview } = h.openView();
    h.session.changes.fire({ type: 'busy', busy: true });
    await h.presenter.refresh();
    await settle();
    assert.deepEqual(webview.posted, [], 'a page that has not said ready gets nothing');

    let readies = 0;
    h.presenter.onDidBecomeReady(() => readies++);
    webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.types(), ['state', 'imageData']);
    const state = (webview.posted[0] as Extract<HostMessage, { type: 'state' }>).state;
    assert.equal(state.conversation.entries.length, 1);
    assert.equal(state.hasToken, true);
    assert.equal(state.origin, 'https://api.test');
    assert.deepEqual(state.attachments?.map((image) => image.id), ['img0']);
    assert.deepEqual(h.images.calls, ['replay c1']);
    assert.equal(readies, 1);
    assert.equal(h.presenter.isReady, true);
  });

  it('a hidden view gets no posts until it says ready again, and then the whole state', async () => {
    const h = viewHarness();
    const view = h.openView();
    view.webview.say({ type: 'ready' });
    await settle();
    view.webview.posted.length = 0;

    view.setVisible(false);
    h.session.changes.fire({ type: 'entryAdded', entry: answerEntry('a1', '') });
    h.images.changes.fire({ type: 'attachmentError', message: 'too big' });
    await h.presenter.refresh();
    assert.deepEqual(view.webview.posted, [], 'the torn-down page got messages');
    assert.equal(h.presenter.isReady, false);

    view.setVisible(true);
    view.webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(view.webview.types(), ['state', 'imageData']);
  });

  it('a reopened view gets the state without waiting for the secret storage, then the token status if it changed', async () => {
    let hasToken = false;
    let reads = 0;
    let release: (() => void) | undefined;
    const h = viewHarness({
      endpointStatus: async () => {
        reads++;
        if (reads > 1) await new Promise<void>((resolve) => (release = resolve));
        return { hasToken, origin: 'https://api.test' };
      },
    });
    const first = h.openView();
    first.webview.say({ type: 'ready' });
    await settle();
    const statusTypes = () => first.webview.types().filter((type) => type !== 'imageData');
    assert.deepEqual(statusTypes(), ['state'], 'the first open waits for the status');

    // The token was set meanwhile (in another window, say); the view is shown again.
    hasToken = true;
    first.setVisible(false);
    first.setVisible(true);
    first.webview.posted.length = 0;
    first.webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(statusTypes(), ['state'], 'sent at once, while the storage is still being read');
    assert.equal((first.webview.posted[0] as Extract<HostMessage, { type: 'state' }>).state.hasToken, false);
    release!();
    await settle();
    assert.deepEqual(first.webview.posted.find((message) => message.type === 'tokenStatus'), { type: 'tokenStatus', hasToken: true, origin: 'https://api.test' });
  });

  it('a closed view gets nothing; the view built after it gets everything', async () => {
    const h = viewHarness();
    const first = h.openView();
    first.webview.say({ type: 'ready' });
    const second = h.openView();
    first.dispose(); // VS Code disposes the old one after resolving the new one
    second.webview.say({ type: 'ready' });
    await settle();
    first.webview.posted.length = 0;
    second.webview.posted.length = 0;

    h.session.changes.fire({ type: 'busy', busy: false });
    assert.deepEqual(first.webview.posted, []);
    assert.deepEqual(second.webview.types(), ['busy']);
    first.webview.say({ type: 'stop' });
    await settle();
    assert.deepEqual(h.session.calls, [], 'a closed page is no longer listened to');
  });

  it('a resolve VS Code already cancelled builds nothing', async () => {
    const h = viewHarness();
    const view = h.openView(true);
    assert.equal(view.webview.html, '');
    view.webview.say({ type: 'ready' });
    await settle();
    assert.equal(h.presenter.isReady, false);
  });

  it("sends the session's changes in order, streamed text at most once per frame, and sets the answering context key", async () => {
    const h = viewHarness();
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    webview.posted.length = 0;

    h.session.changes.fire({ type: 'busy', busy: true });
    assert.equal(h.contextKeys.get(ANSWERING_CONTEXT_KEY), true);
    h.session.changes.fire({ type: 'entryAdded', entry: answerEntry('a1', '', { status: 'streaming' }) });
    for (const content of ['He', 'll', 'o']) h.session.changes.fire({ type: 'delta', entryId: 'a1', index: 0, content });
    assert.deepEqual(webview.types(), ['busy', 'entryAdded', 'delta'], 'the first delta goes at once, the rest wait for the frame');
    h.clock.advance(FRAME_MS);
    assert.deepEqual(webview.posted.at(-1), { type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'llo' }] });
    h.session.changes.fire({ type: 'delta', entryId: 'a1', index: 0, content: '!' });
    h.session.changes.fire({ type: 'entryUpdated', entry: answerEntry('a1', 'Hello!') });
    h.session.changes.fire({ type: 'busy', busy: false });
    assert.deepEqual(webview.types(), ['busy', 'entryAdded', 'delta', 'delta', 'delta', 'entryUpdated', 'busy'], 'pending text goes before the update');
    assert.equal(h.contextKeys.get(ANSWERING_CONTEXT_KEY), false);
  });

  it('a new conversation drops pending text and sends the state instead', async () => {
    const h = viewHarness();
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    webview.posted.length = 0;
    h.session.changes.fire({ type: 'delta', entryId: 'a1', index: 0, content: 'first' });
    h.session.changes.fire({ type: 'delta', entryId: 'a1', index: 0, content: ' dropped' });
    webview.say({ type: 'newConversation' });
    await settle();
    h.clock.advance(FRAME_MS * 4);
    assert.deepEqual(webview.types(), ['delta', 'state', 'focusInput']);
    assert.equal((webview.posted[1] as Extract<HostMessage, { type: 'state' }>).state.conversation.id, 'c2');
  });

  it("the images' changes reach the page through the presenter", async () => {
    const h = viewHarness();
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    webview.posted.length = 0;
    h.images.changes.fire({ type: 'attachments', attachments: [] });
    h.images.changes.fire({ type: 'attachmentError', message: 'x.png is not an image' });
    assert.deepEqual(webview.posted, [
      { type: 'attachments', attachments: [] },
      { type: 'attachmentError', message: 'x.png is not an image' },
    ]);
  });
});
