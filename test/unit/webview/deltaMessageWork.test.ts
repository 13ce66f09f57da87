import { mountView } from './mountView';
import { ManualFrames } from './setupDom';
import * as assert from 'node:assert/strict';
import type { Conversation } from '../../../src/shared/conversation';

// A `delta` message only hands its text to the answer: the page changes at most once per
// frame, when the text is drawn (at once for the first text after a frame with nothing drawn,
// see streamingRenderer.ts; else on the next frame). A write into the DOM per message (even of
// a value it already has) makes the browser check styles again for every message of a stream.

describe('a delta message between frames (webview)', () => {
  it('changes nothing in the page but one drawing of the answer\'s text until the next frame', async () => {
    const frames = new ManualFrames();
    const { root, send } = mountView({ frames, start: false });
    const conversation: Conversation = { id: 'c', title: 't', model: 'm', entries: [], createdAt: 1, updatedAt: 1 };
    send({ type: 'state', state: { conversation, hasToken: true, origin: 'https://x', busy: true } });
    send({ type: 'entryAdded', entry: { id: 'a1', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 2 } });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'First words ' }] });
    frames.runFrame();

    const changes: MutationRecord[] = [];
    const observer = new window.MutationObserver((records) => changes.push(...records));
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    for (let index = 0; index < 20; index++) send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: `word${index} ` }] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const between = [...changes, ...observer.takeRecords()];
    // The first of them may be drawn at once (when the last render was cheap): its text into
    // the answer's body, nothing else; the other 19 wait for the frame.
    const written = between.map((record) => `${record.type} ${(record.target as Element).className ?? ''} ${record.attributeName ?? ''}`);
    assert.ok(written.every((write) => write === 'childList markdown-body '), `only the answer's text is written: ${written.join(', ')}`);
    assert.ok(!root.querySelector('.markdown-body')!.textContent!.includes('word1 '), 'one drawing at most before the frame');

    // Frames until it is drawn (a slow render here paces the next ones: see renderPacing.test.ts).
    const body = () => root.querySelector('.markdown-body')!.textContent!;
    for (let frame = 0; frame < 500 && !body().includes('word19'); frame++) {
      frames.runFrame();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const drawn = [...changes, ...observer.takeRecords()];
    observer.disconnect();
    assert.ok(drawn.length > 0, 'the frame draws the text');
    assert.ok(root.querySelector('.markdown-body')!.textContent!.includes('word19'));
  });
});
