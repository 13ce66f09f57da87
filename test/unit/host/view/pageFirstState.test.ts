// Issue 10 (first state in the page): the host puts the state it would post into the page's
// HTML, numbered; a page that drew it says `ready` with that number and is sent the state again
// only if anything changed since. Nothing may be lost or shown twice.
import assert from 'node:assert/strict';
import { HIDDEN_PAGE_REBUILD_MS } from '../../../../src/host/view/chatViewProvider';
import { FIRST_STATE_ELEMENT_ID, type FirstStateBlock, type HostMessage } from '../../../../src/shared/protocol';
import { answerEntry, settle, type FakeWebview } from './viewFakes';
import { viewHarness } from './viewHarness';

type StateMessage = Extract<HostMessage, { type: 'state' }>;

/** The state block of the page's HTML, parsed as the page parses it (undefined: none). */
function blockOf(webview: FakeWebview): FirstStateBlock | undefined {
  const text = new RegExp(`<script type="application/json" id="${FIRST_STATE_ELEMENT_ID}">([^<]*)</script>`).exec(webview.html)?.[1];
  return text === undefined ? undefined : (JSON.parse(text) as FirstStateBlock);
}

const notImages = (webview: FakeWebview) => webview.types().filter((type) => type !== 'imageData');

/** The page says `ready` naming the state it drew, then the view is hidden: the page built for its next showing. */
async function readyThenHidden(view: ReturnType<ReturnType<typeof viewHarness>['openView']>): Promise<FirstStateBlock> {
  view.webview.say({ type: 'ready', drawn: blockOf(view.webview)!.drawn });
  await settle();
  view.setVisible(false);
  await settle();
  return blockOf(view.webview)!;
}

describe('the first state in the page (host)', () => {
  it('puts the state it would post in the page; a page that drew it is not sent it again', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push({ id: 'q1', role: 'user', text: 'Hi', createdAt: 1 }, answerEntry('a1', 'Hello'));
    const view = h.openView();
    await settle();
    const block = blockOf(view.webview);
    assert.ok(block, 'the page carries its first state');
    assert.equal(block.message.type, 'state');
    assert.deepEqual(block.message.state.conversation.entries.map((entry) => entry.id), ['q1', 'a1']);
    assert.equal(block.message.state.hasToken, true);
    assert.equal(block.message.state.origin, 'https://api.test');

    let readies = 0;
    h.presenter.onDidBecomeReady(() => readies++);
    view.webview.say({ type: 'ready', drawn: block.drawn });
    await settle();
    assert.deepEqual(notImages(view.webview), [], 'no state: the page has it');
    assert.deepEqual(h.images.calls, ['replay c1'], 'the images still go');
    assert.equal(readies, 1);
    h.session.changes.fire({ type: 'busy', busy: true });
    assert.deepEqual(notImages(view.webview), ['busy'], 'what follows goes as before');
  });

  it('a change between the page and its ready: the whole state again, the change in it', async () => {
    const h = viewHarness();
    h.session.busy = true;
    h.session.conversation.entries.push({ id: 'q1', role: 'user', text: 'Hi', createdAt: 1 }, answerEntry('a1', 'Hel', { status: 'streaming' }));
    const view = h.openView();
    await settle();
    const block = blockOf(view.webview)!;
    // Text streams in before the page said ready: the page's state lacks it, the message to it is dropped.
    (h.session.conversation.entries[1] as ReturnType<typeof answerEntry>).candidates[0]!.content = 'Hello';
    h.session.changes.fire({ type: 'delta', entryId: 'a1', index: 0, content: 'lo' });
    view.webview.say({ type: 'ready', drawn: block.drawn });
    await settle();
    assert.deepEqual(notImages(view.webview), ['state']);
    const state = (view.webview.posted[0] as StateMessage).state;
    assert.equal((state.conversation.entries[1] as ReturnType<typeof answerEntry>).candidates[0]!.content, 'Hello', 'the text is there once');
  });

  it('a page that drew nothing, or another state, is sent the state', async () => {
    for (const drawn of [undefined, 999]) {
      const h = viewHarness();
      const view = h.openView();
      await settle();
      view.webview.say(drawn === undefined ? { type: 'ready' } : { type: 'ready', drawn });
      await settle();
      assert.deepEqual(notImages(view.webview), ['state'], `ready ${String(drawn)}`);
    }
  });

  it('a hidden view gets a page with the state as it is then; shown again, it is not sent the state', async () => {
    const h = viewHarness();
    h.session.conversation.entries.push({ id: 'q1', role: 'user', text: 'Hi', createdAt: 1 });
    const view = h.openView();
    await settle();
    view.webview.say({ type: 'ready', drawn: blockOf(view.webview)!.drawn });
    await settle();
    h.session.conversation.entries.push(answerEntry('a1', 'Hello'));
    h.session.changes.fire({ type: 'entryAdded', entry: answerEntry('a1', 'Hello') });

    view.setVisible(false);
    await settle();
    const hidden = blockOf(view.webview)!;
    assert.deepEqual(hidden.message.state.conversation.entries.map((entry) => entry.id), ['q1', 'a1']);
    view.webview.posted.length = 0;
    view.setVisible(true);
    view.webview.say({ type: 'ready', drawn: hidden.drawn });
    await settle();
    assert.deepEqual(notImages(view.webview), []);
  });

  it('a change while hidden rebuilds the hidden page (at most every so often); a page from before it gets the state', async () => {
    const h = viewHarness();
    const view = h.openView();
    await settle();
    const before = await readyThenHidden(view);
    h.session.conversation.entries.push({ id: 'q2', role: 'user', text: 'Later', createdAt: 2 });
    h.session.changes.fire({ type: 'entryAdded', entry: h.session.conversation.entries[0]! });
    await settle();
    assert.equal(blockOf(view.webview)!.drawn, before.drawn, 'not at once');
    h.clock.advance(HIDDEN_PAGE_REBUILD_MS);
    await settle();
    const after = blockOf(view.webview)!;
    assert.notEqual(after.drawn, before.drawn);
    assert.deepEqual(after.message.state.conversation.entries.map((entry) => entry.id), ['q2']);

    // The page VS Code had already begun loading, from before: it is sent the state.
    view.setVisible(true);
    view.webview.say({ type: 'ready', drawn: before.drawn });
    await settle();
    assert.deepEqual(notImages(view.webview), ['state']);
  });

  it('a long conversation: the older entries follow on request, for the state the page drew', async () => {
    const h = viewHarness();
    const text = 'x'.repeat(4_000);
    for (let index = 0; index < 40; index++) h.session.conversation.entries.push(index % 2 ? answerEntry(`a${index}`, text) : { id: `q${index}`, role: 'user', text: 'q', createdAt: index });
    const view = h.openView();
    await settle();
    const block = blockOf(view.webview)!;
    const token = block.message.state.olderToFollow;
    assert.ok(token !== undefined && block.message.state.conversation.entries.length < 40);
    view.webview.say({ type: 'ready', drawn: block.drawn });
    view.webview.say({ type: 'olderEntriesWanted', token });
    await settle();
    assert.deepEqual(notImages(view.webview), ['olderEntries']);
    const older = view.webview.posted.find((message) => message.type === 'olderEntries') as Extract<HostMessage, { type: 'olderEntries' }>;
    assert.deepEqual([...older.entries, ...block.message.state.conversation.entries].map((entry) => entry.id), h.session.conversation.entries.map((entry) => entry.id));
  });

  it('the page never waits for the secret storage: it carries the settings\' guess, corrected after ready when the read differs', async () => {
    let release: (() => void) | undefined;
    const h = viewHarness({ endpointStatus: () => new Promise((resolve) => (release = () => resolve({ hasToken: false, origin: 'https://api.test' }))) });
    const view = h.openView();
    await settle();
    const block = blockOf(view.webview);
    assert.ok(block, 'the state is in the page before the token status is read');
    assert.equal(block.message.state.hasToken, true, 'a token assumed');
    let readies = 0;
    h.presenter.onDidBecomeReady(() => readies++);
    view.webview.say({ type: 'ready', drawn: block.drawn });
    await settle();
    assert.equal(readies, 1, 'ready is not held back by a secret storage that has not answered');
    assert.deepEqual(notImages(view.webview), []);
    release!();
    await settle();
    assert.deepEqual(notImages(view.webview), ['tokenStatus'], 'only the token status, not the state again');
    assert.deepEqual(view.webview.posted.find((message) => message.type === 'tokenStatus'), { type: 'tokenStatus', hasToken: false, origin: 'https://api.test' });
  });

  it('a page rebuilt with the guess while the first read was pending hears the real status too', async () => {
    const releases: (() => void)[] = [];
    const h = viewHarness({ endpointStatus: () => new Promise((resolve) => releases.push(() => resolve({ hasToken: false, origin: 'https://api.test' }))) });
    const view = h.openView();
    await settle();
    // Hidden before the secret storage answered: the next page carries the guess again.
    const rebuilt = await readyThenHidden(view);
    assert.equal(rebuilt.message.state.hasToken, true);
    releases.shift()!(); // the first read answers: the status is known now
    await settle();
    view.webview.posted.length = 0;
    view.setVisible(true);
    view.webview.say({ type: 'ready', drawn: rebuilt.drawn });
    await settle();
    releases.forEach((release) => release());
    await settle();
    // The correction of the first page changed what the state holds: the rebuilt page is stale and gets the state, with the real status.
    const told = view.webview.posted.filter((message) => message.type === 'state' || message.type === 'tokenStatus');
    const last = told.at(-1);
    assert.ok(last, 'the page that drew the guess hears the real status');
    assert.equal(last.type === 'state' ? last.state.hasToken : last.type === 'tokenStatus' ? last.hasToken : undefined, false);
  });

  it('a guess the read confirms sends nothing more', async () => {
    let release: (() => void) | undefined;
    const h = viewHarness({ endpointStatus: () => new Promise((resolve) => (release = () => resolve({ hasToken: true, origin: 'https://api.test' }))) });
    const view = h.openView();
    await settle();
    view.webview.say({ type: 'ready', drawn: blockOf(view.webview)!.drawn });
    release!();
    await settle();
    assert.deepEqual(notImages(view.webview), []);
  });
});
