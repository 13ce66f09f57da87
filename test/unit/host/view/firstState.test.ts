// A new panel gets a long conversation's newest entries first and the older ones after the
// first message was handed on; the token status is read while the page loads, not after `ready`.
import assert from 'node:assert/strict';
import type { Entry } from '../../../../src/shared/conversation';
import type { HostMessage } from '../../../../src/shared/protocol';
import { answerEntry, settle } from './viewFakes';
import { viewHarness } from './viewHarness';

type StateMessage = Extract<HostMessage, { type: 'state' }>;
type OlderMessage = Extract<HostMessage, { type: 'olderEntries' }>;

/** 500 entries, ~2 MB: questions and 4 KB answers taking turns. */
function longEntries(count = 500): Entry[] {
  const text = 'Split parsing from I/O and keep the parser pure. '.repeat(160);
  const entries: Entry[] = [];
  for (let index = 0; index < count; index++) {
    entries.push(index % 2 === 0 ? { id: `q${index}`, role: 'user', text: `Question ${index}`, createdAt: index } : answerEntry(`a${index}`, `${index} ${text}`));
  }
  return entries;
}

const textOf = (entries: readonly Entry[]): number => JSON.stringify(entries).length;

describe('the first state of a long conversation (host)', () => {
  it('sends the newest entries first (a small state), then the older ones: together the whole conversation, in order', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(...longEntries());
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    await settle();

    assert.deepEqual(webview.types().filter((type) => type !== 'imageData'), ['state', 'olderEntries']);
    const state = (webview.posted[0] as StateMessage).state;
    const older = webview.posted.find((message): message is OlderMessage => message.type === 'olderEntries')!;
    const all = h.session.conversation.entries;
    assert.ok(textOf(state.conversation.entries) < 40_000, `the first state carries ${textOf(state.conversation.entries)} bytes of entries, not the whole 2 MB`);
    assert.ok(state.conversation.entries.length >= 4, 'at least the last questions and answers');
    assert.equal(state.conversation.entries.at(-1)!.id, all.at(-1)!.id, 'the newest entries');
    assert.equal(older.token, state.olderToFollow);
    assert.deepEqual([...older.entries, ...state.conversation.entries].map((entry) => entry.id), all.map((entry) => entry.id));
    assert.equal(state.conversation.id, h.session.conversation.id);
  });

  it('a short conversation still goes whole, in one state', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(...longEntries(6).map((entry) => (entry.role === 'user' ? entry : answerEntry(entry.id, 'short'))));
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.types().filter((type) => type !== 'imageData'), ['state']);
    const state = (webview.posted[0] as StateMessage).state;
    assert.equal(state.conversation.entries.length, 6);
    assert.equal(state.olderToFollow, undefined);
  });

  it('posts the older entries only once the first state was handed on, and not at all when a newer state went first', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(...longEntries());
    const { webview } = h.openView();
    const deliveries: (() => void)[] = [];
    const post = webview.postMessage.bind(webview);
    webview.postMessage = (message) => {
      void post(message);
      return new Promise<boolean>((resolve) => deliveries.push(() => resolve(true)));
    };
    webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.types().filter((type) => type !== 'imageData'), ['state'], 'nothing more until the workbench took the first');

    await h.presenter.refresh(); // e.g. the token changed: a newer state
    deliveries.forEach((deliver) => deliver());
    await settle();
    await settle();
    const types = webview.types().filter((type) => type !== 'imageData');
    assert.deepEqual(types, ['state', 'state', 'olderEntries'], 'only the newer state\'s older entries');
    const second = webview.posted.filter((message): message is StateMessage => message.type === 'state')[1]!;
    assert.equal((webview.posted.find((message) => message.type === 'olderEntries') as OlderMessage).token, second.state.olderToFollow);
  });

  it('reads the token status while the page loads: ready is answered without waiting for the secret storage', async () => {
    let reads = 0;
    let release: (() => void) | undefined;
    const h = viewHarness({
      endpointStatus: () => {
        reads++;
        return new Promise((resolve) => (release = () => resolve({ hasToken: true, origin: 'https://api.test' })));
      },
    });
    const { webview } = h.openView();
    assert.equal(reads, 1, 'the read starts when the view is resolved, before the page says ready');
    release!();
    await settle();
    webview.say({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.types().filter((type) => type !== 'imageData'), ['state']);
    assert.equal(reads, 1, 'ready did not read the secret storage again');
    assert.equal((webview.posted[0] as StateMessage).state.hasToken, true);
  });
});
