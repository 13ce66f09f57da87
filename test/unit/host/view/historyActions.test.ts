// The history list's messages through the real controller, HistoryActions and presenter (on
// an in-memory library): the guard first, then the handler; the presenter is the only poster.
import assert from 'node:assert/strict';
import type { Conversation } from '../../../../src/shared/conversation';
import type { HostMessage } from '../../../../src/shared/protocol';
import { settle } from './viewFakes';
import { viewHarness } from './viewHarness';

function saved(id: string, text: string, updatedAt: number): Conversation {
  return { id, title: `About ${text}`, model: 'm', entries: [{ id: `${id}-q`, role: 'user', text, createdAt: 1 }], createdAt: 1, updatedAt };
}

async function readyHarness() {
  const h = viewHarness();
  h.library.add(saved('c1', 'the current one', 3));
  h.library.add(saved('older', 'parsing streams', 1));
  h.library.add(saved('pinned', 'a pinned parser', 2), true);
  const { webview } = h.openView();
  webview.say({ type: 'ready' });
  await settle();
  const lists = () => webview.posted.filter((message): message is Extract<HostMessage, { type: 'history' }> => message.type === 'history');
  return { ...h, webview, lists };
}

describe('History actions: the list, search, open, rename, pin, delete and Undo', () => {
  it('Show History reveals the panel in its history view, pinned first then newest; a rebuilt view gets it again', async () => {
    const h = await readyHarness();
    await h.history.show();
    assert.deepEqual(h.commands, ['focusView']);
    assert.equal(h.library.readyCalls, 1, 'the search documents start being built as the list opens');
    // Escape in the history goes back to the chat, and does not stop an answer too.
    assert.equal(h.contextKeys.get('completionsChat.historyShown'), true);
    const [list] = h.lists();
    assert.equal(list!.shown, true);
    assert.equal(list!.currentId, 'c1');
    assert.deepEqual(list!.items.map((item) => item.id), ['pinned', 'c1', 'older']);
    // The view is rebuilt (hidden and shown): the state, then the history again.
    h.webview.posted.length = 0;
    h.webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(h.webview.types().filter((type) => type === 'state' || type === 'history'), ['state', 'history']);
    // Escape in the view: no longer sent on the next rebuild.
    h.webview.say({ type: 'closeHistory' });
    await settle();
    assert.equal(h.contextKeys.get('completionsChat.historyShown'), false);
    h.webview.posted.length = 0;
    h.webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(h.webview.types().filter((type) => type === 'history'), []);
  });

  it('searches answer with the request id; an older search finishing after a newer one is not posted', async () => {
    const h = await readyHarness();
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const search = h.library.search.bind(h.library);
    h.library.search = async (query, limit) => {
      if (query === 'pars') await slow;
      return search(query, limit);
    };
    h.webview.say({ type: 'searchHistory', requestId: 1, query: 'pars' });
    h.webview.say({ type: 'searchHistory', requestId: 2, query: 'parser' });
    await settle();
    release();
    await settle();
    const results = h.webview.posted.filter((message): message is Extract<HostMessage, { type: 'searchResults' }> => message.type === 'searchResults');
    assert.deepEqual(results.map((message) => message.requestId), [2]);
    assert.deepEqual(results[0]!.hits.map((hit) => [hit.id, hit.pinned]), [['pinned', true]]);
    assert.deepEqual(results[0]!.hits[0]!.snippets[0]!.ranges, [{ start: 9, end: 15 }]);
  });

  it('opening a conversation closes the history and shows it; the one shown only closes the history', async () => {
    const h = await readyHarness();
    await h.history.show();
    h.webview.posted.length = 0;
    h.webview.say({ type: 'openConversation', id: 'older' });
    await settle();
    assert.deepEqual(h.session.calls, ['open older']);
    assert.deepEqual(h.lists().map((message) => message.shown), [false]);
    assert.ok(h.webview.types().includes('state'));
    h.webview.say({ type: 'openConversation', id: 'older' });
    await settle();
    assert.deepEqual(h.session.calls, ['open older'], 'not opened twice');
  });

  it('rename asks for the title in an input box (the old one filled in); cancel renames nothing', async () => {
    const h = await readyHarness();
    h.dialogs.inputAnswer = 'Streams';
    h.webview.say({ type: 'renameConversation', id: 'older' });
    await settle();
    assert.equal(h.dialogs.inputBoxes[0]!.value, 'About parsing streams');
    assert.equal(h.dialogs.inputBoxes[0]!.validateInput?.('  '), 'A title cannot be empty.');
    h.dialogs.inputAnswer = undefined;
    h.webview.say({ type: 'renameConversation', id: 'older' });
    await settle();
    assert.deepEqual(h.library.calls, ['rename older Streams']);
  });

  it('pin, delete with Undo offered in the list, and Undo; deleting the shown one starts a new conversation first', async () => {
    const h = await readyHarness();
    await h.history.show();
    h.webview.say({ type: 'pinConversation', id: 'older', pinned: true });
    h.webview.say({ type: 'deleteConversation', id: 'older' });
    await settle();
    const afterDelete = h.lists().at(-1)!;
    assert.deepEqual(afterDelete.deleted, { id: 'older', title: 'About parsing streams' });
    assert.ok(!afterDelete.items.some((item) => item.id === 'older'));
    h.webview.say({ type: 'undoDelete', id: 'older' });
    await settle();
    assert.equal(h.lists().at(-1)!.deleted, undefined);
    assert.ok(h.lists().at(-1)!.items.some((item) => item.id === 'older'));
    h.webview.say({ type: 'deleteConversation', id: 'c1' });
    await settle();
    assert.deepEqual(h.session.calls, ['reset settings-model']);
    assert.deepEqual(h.library.calls, ['pin older true', 'delete older', 'undo older', 'delete c1']);
    assert.equal(h.lists().at(-1)!.shown, true, 'still in the history view');
  });

  it('the guard refuses malformed history messages before any handler runs', async () => {
    const h = await readyHarness();
    for (const message of [
      { type: 'searchHistory', requestId: '1', query: 'x' },
      { type: 'searchHistory', requestId: 1, query: 'x'.repeat(1001) },
      { type: 'openConversation', id: 7 },
      { type: 'pinConversation', id: 'older', pinned: 'yes' },
      { type: 'deleteConversation', id: 'x'.repeat(65) },
    ]) {
      await h.controller.receive(message);
    }
    assert.equal(h.log.lines.length, 5);
    assert.deepEqual(h.library.calls, []);
    assert.deepEqual(h.session.calls, []);
  });
});
