// A new panel gets a long conversation's newest entries first and the older ones when it asks
// for them (once it painted the newest); the token status is read while the page loads, not
// after `ready`.
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
    assert.deepEqual(webview.types().filter((type) => type !== 'imageData'), ['state'], 'the older entries wait until the page asks');
    const state = (webview.posted[0] as StateMessage).state;
    webview.say({ type: 'olderEntriesWanted', token: state.olderToFollow });
    await settle();
    assert.deepEqual(webview.types().filter((type) => type !== 'imageData'), ['state', 'olderEntries']);
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

  it('sends the older entries once, and only for the last state sent (a newer state replaced them)', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push(...longEntries());
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    const first = (webview.posted[0] as StateMessage).state.olderToFollow!;
    await h.presenter.refresh(); // e.g. the token changed: a newer state
    const second = (webview.posted.filter((message): message is StateMessage => message.type === 'state')[1]!).state.olderToFollow!;
    assert.notEqual(second, first);

    webview.say({ type: 'olderEntriesWanted', token: first });
    await settle();
    assert.equal(webview.types().filter((type) => type === 'olderEntries').length, 0, 'the replaced state\'s older entries are not sent');
    for (const token of [String(second), -1, second + 0.5, undefined]) webview.say({ type: 'olderEntriesWanted', token });
    await settle();
    assert.equal(webview.types().filter((type) => type === 'olderEntries').length, 0, 'a malformed request is dropped');
    webview.say({ type: 'olderEntriesWanted', token: second });
    webview.say({ type: 'olderEntriesWanted', token: second });
    await settle();
    const older = webview.posted.filter((message): message is OlderMessage => message.type === 'olderEntries');
    assert.equal(older.length, 1, 'sent once');
    assert.equal(older[0]!.token, second);
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
