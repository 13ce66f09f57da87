// A question sent just before a reload (happy-dom): the panel keeps it, with its items, in the
// webview's UI state until the host echoes it; a page that starts with one still kept puts it
// back in the input (and its items back in the composer) unless the conversation has it.
import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, CodeContext, Conversation, UserEntry } from '../../../src/shared/conversation';
import type { HostMessage } from '../../../src/shared/protocol';
import { SENT_QUESTION_KEY, toSentQuestion } from '../../../src/webview/sentQuestion';
import type { TabStore } from '../../../src/webview/tabStore';
import { FakeVsCodeApi } from './fakeVsCodeApi';

const FILE: CodeContext = { path: 'src/a.ts', languageId: 'typescript', startLine: 1, endLine: 3, code: 'let a = 1;', kind: 'file' };
const question = (id: string, text: string): UserEntry => ({ id, role: 'user', text, createdAt: 1 });
const answer = (id: string, content: string): AssistantEntry =>
  ({ id, role: 'assistant', candidates: [{ content, finishReason: 'stop' }], chosen: 0, status: 'done', model: 'm', createdAt: 2 });
const conversation = (id: string, entries: Conversation['entries']): Conversation => ({ id, title: 'T', model: 'm', entries, createdAt: 1, updatedAt: 1 });

/** The tab's session storage: kept across a reload of the tab (the same instance given to the next page). */
class FakeTab implements TabStore {
  readonly items = new Map<string, string>();
  load(key: string): string | undefined {
    return this.items.get(key);
  }
  save(key: string, value: string): boolean {
    this.items.set(key, value);
    return true;
  }
  remove(key: string): void {
    this.items.delete(key);
  }
}

/**
 * One page of the panel over `api` (the same api again is a reload: VS Code hands the page its
 * saved state) and `tab` (the browser tab's storage, kept by a reload of the tab).
 */
function page(api: FakeVsCodeApi, shown: Conversation, items: CodeContext[] = [], tab: TabStore = new FakeTab()) {
  const { root, view } = mountView({ api, tabStore: tab });
  const send = (message: HostMessage) => view.handle(structuredClone(message));
  send({
    type: 'state',
    state: { conversation: shown, hasToken: true, origin: 'https://x', busy: false, contextItems: items.map((context, i) => ({ id: `i${i}`, context })) },
  });
  const input = root.querySelector<HTMLTextAreaElement>('textarea.composer-input')!;
  const ask = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
  };
  return { view, send, input, ask };
}

function savedState(api: FakeVsCodeApi): { draft?: string; sent?: unknown } {
  return api.state as { draft?: string; sent?: unknown };
}

describe('a question sent just before a reload (webview state)', () => {
  it('is kept with its items from Enter until the host echoes it', () => {
    const api = new FakeVsCodeApi();
    const first = page(api, conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]), [FILE]);
    first.ask('Lost?');
    assert.equal(first.input.value, '', 'the composer empties at once, as before');
    assert.deepEqual(api.posted.at(-1), { type: 'send', text: 'Lost?' });
    assert.equal(savedState(api).draft, '');
    assert.deepEqual(savedState(api).sent, { text: 'Lost?', contexts: [FILE], conversationId: 'c1', afterEntryId: 'a1' });

    first.send({ type: 'entryAdded', entry: { ...question('u2', 'Lost?'), contexts: [FILE] } });
    assert.equal(savedState(api).sent, undefined, 'echoed: nothing to keep');
  });

  it('comes back in the input, and its items in the composer, when the reload lost it before the host had it', () => {
    const api = new FakeVsCodeApi();
    const shown = conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]);
    page(api, shown, [FILE]).ask('Lost?');
    api.posted.length = 0;

    // The reload: a new page over the saved state; the new host never saw the question (nor the items).
    const second = page(api, shown);
    assert.equal(second.input.value, 'Lost?');
    assert.deepEqual(api.posted.filter((message) => message.type === 'restoreContextItems'), [{ type: 'restoreContextItems', contexts: [FILE] }]);
    assert.equal(savedState(api).sent, undefined, 'put back once: a later reload does not put it back again');
    assert.equal(savedState(api).draft, 'Lost?', 'it is a draft now, kept as any draft');
    assert.ok(!api.posted.some((message) => message.type === 'send'), 'not sent again on its own');

    const third = page(api, shown);
    assert.equal(third.input.value, 'Lost?', 'the draft, once');
  });

  it("comes back from the tab's storage when VS Code web saved no state at the reload (its database closed first)", () => {
    const tab = new FakeTab();
    const shown = conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]);
    const before = new FakeVsCodeApi();
    page(before, shown, [FILE], tab).ask('Lost in the web?');
    assert.ok(tab.items.has(SENT_QUESTION_KEY), 'written at Enter, before the message went out');
    // The reload: VS Code hands the page a state saved before the typing (or none at all).
    const reloaded = new FakeVsCodeApi({ draft: '' });
    const second = page(reloaded, shown, [], tab);
    assert.equal(second.input.value, 'Lost in the web?');
    assert.deepEqual(reloaded.posted.filter((message) => message.type === 'restoreContextItems'), [{ type: 'restoreContextItems', contexts: [FILE] }]);
    assert.ok(!tab.items.has(SENT_QUESTION_KEY), 'put back once (it is a draft now)');
  });

  it('a draft typed just before a reload comes back from the tab when the saved state is older; never into another conversation', () => {
    const tab = new FakeTab();
    const shown = conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]);
    const first = page(new FakeVsCodeApi(), shown, [], tab);
    first.input.value = 'Half a tho';
    first.input.dispatchEvent(new Event('input', { bubbles: true }));
    assert.equal(page(new FakeVsCodeApi({ draft: 'Ha' }), shown, [], tab).input.value, 'Half a tho', 'the tab\'s, newer than the state\'s');
    assert.equal(page(new FakeVsCodeApi({ draft: '' }), conversation('other', []), [], tab).input.value, '', 'typed in another conversation');
    const emptied = page(new FakeVsCodeApi({ draft: 'stale' }), shown, [], tab);
    emptied.ask('Half a thought, sent');
    emptied.send({ type: 'entryAdded', entry: question('u2', 'Half a thought, sent') });
    assert.deepEqual(JSON.parse(tab.load('completionsChat.draft')!), { text: '', conversationId: 'c1' }, 'sent: the emptied input is kept');
    const later = conversation('c1', [...shown.entries, question('u2', 'Half a thought, sent')]);
    // The state still has what was typed and then deleted before that: the tab knows the input is empty.
    assert.equal(page(new FakeVsCodeApi({ draft: 'Never mind' }), later, [], tab).input.value, '', 'over a stale draft of the state');
  });

  it('a draft emptied before the page drew its first state stays empty in the page built next (not back from a stale state)', () => {
    const tab = new FakeTab();
    const shown = conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]);
    const typed = page(new FakeVsCodeApi(), shown, [], tab);
    typed.input.value = 'A draft before the reload';
    typed.input.dispatchEvent(new Event('input', { bubbles: true }));
    // After the reload the page shows the state's draft at once and is edited, then emptied,
    // before the host's state arrives (the page does not know its conversation yet).
    const { root } = mountView({ api: new FakeVsCodeApi({ draft: 'A draft before the reload' }), tabStore: tab });
    const input = root.querySelector<HTMLTextAreaElement>('textarea.composer-input')!;
    assert.equal(input.value, 'A draft before the reload');
    for (const text of ['A draft', '']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }
    // A page built again from a webview state that still holds the draft: the tab knows better.
    assert.equal(page(new FakeVsCodeApi({ draft: 'A draft before the reload' }), shown, [], tab).input.value, '');
  });

  it('put back over a stale draft that is its start (the state saved it while it was typed): the question once', () => {
    const tab = new FakeTab();
    const shown = conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]);
    page(new FakeVsCodeApi(), shown, [], tab).ask('Typed, then lost?');
    tab.remove('completionsChat.draft');
    assert.equal(page(new FakeVsCodeApi({ draft: 'Typed, then lo' }), shown, [], tab).input.value, 'Typed, then lost?');
    const other = new FakeTab();
    page(new FakeVsCodeApi(), shown, [], other).ask('Lost too?');
    other.remove('completionsChat.draft');
    assert.equal(page(new FakeVsCodeApi({ draft: 'Something else' }), shown, [], other).input.value, 'Lost too?\n\nSomething else', 'another draft is kept after it');
  });

  it("the tab's copy lives until the echo only", () => {
    const tab = new FakeTab();
    const first = page(new FakeVsCodeApi(), conversation('c1', []), [], tab);
    first.ask('Echoed?');
    first.send({ type: 'entryAdded', entry: question('u1', 'Echoed?') });
    assert.ok(!tab.items.has(SENT_QUESTION_KEY));
    tab.items.set(SENT_QUESTION_KEY, '{not json');
    assert.equal(page(new FakeVsCodeApi(), conversation('c1', []), [], tab).input.value, '', 'a damaged copy is ignored');
  });

  it('is not put back when the conversation has it (the host got it before the reload)', () => {
    const api = new FakeVsCodeApi();
    page(api, conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]), [FILE]).ask('Kept?');
    api.posted.length = 0;
    const second = page(api, conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.'), question('u2', 'Kept?'), answer('a2', '…')]));
    assert.equal(second.input.value, '');
    assert.deepEqual(api.posted.map((message) => message.type), ['ready']);
    assert.equal(savedState(api).sent, undefined);
  });

  it('the same words asked earlier do not count: only a question after the last entry shown at Enter', () => {
    const api = new FakeVsCodeApi();
    const shown = conversation('c1', [question('u1', 'Again?'), answer('a1', 'Yes.')]);
    page(api, shown).ask('Again?');
    assert.equal(page(api, shown).input.value, 'Again?');
  });

  it('a new conversation the host never wrote comes back as another empty one: the question is put back there', () => {
    const api = new FakeVsCodeApi();
    page(api, conversation('c1', [])).ask('First question?');
    assert.equal(page(api, conversation('c2', [])).input.value, 'First question?');
  });

  it('put back, then the host adds it after all (a view rebuilt while the host was still taking it): the input lets it go', () => {
    const api = new FakeVsCodeApi();
    const shown = conversation('c1', [question('u1', 'Before?'), answer('a1', 'Yes.')]);
    page(api, shown).ask('Late?');
    const second = page(api, shown);
    assert.equal(second.input.value, 'Late?');
    second.send({ type: 'entryAdded', entry: question('u2', 'Late?') });
    assert.equal(second.input.value, '', 'asked once, not left in the input to be asked twice');
    assert.equal(savedState(api).draft, '');
  });

  it('the host handing the text back (fillInput) ends the keeping too', () => {
    const api = new FakeVsCodeApi();
    const first = page(api, conversation('c1', []));
    first.ask('/nope');
    first.send({ type: 'fillInput', text: '/nope' });
    assert.equal(savedState(api).sent, undefined);
    assert.equal(page(api, conversation('c1', [])).input.value, '/nope', 'the draft, not twice');
  });

  it('a damaged saved state loads: a kept question without text or of the wrong shape is ignored, bad items left out', () => {
    assert.equal(toSentQuestion({ text: 3 }), undefined);
    assert.equal(toSentQuestion({ text: '  ' }), undefined);
    assert.deepEqual(toSentQuestion({ text: 'Q', contexts: [FILE, { path: 1 }], conversationId: 7 }), { text: 'Q', contexts: [FILE] });
  });
});
