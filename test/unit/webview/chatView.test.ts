import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation, UserEntry } from '../../../src/shared/conversation';
import { renderMarkdownInto } from '../../../src/webview/markdown';
import { FakeVsCodeApi } from './fakeVsCodeApi';


function conversation(entries: Conversation['entries'] = []): Conversation {
  return { id: 'c1', title: 'Test', model: 'gpt-4o-mini', entries, createdAt: 1, updatedAt: 1 };
}

function userEntry(id: string, text: string, extra: Partial<UserEntry> = {}): UserEntry {
  return { id, role: 'user', text, createdAt: 1, ...extra };
}

function answer(id: string, content: string, extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id, role: 'assistant', candidates: [{ content }], chosen: 0, status: 'done', model: 'gpt-4o-mini', createdAt: 2, ...extra };
}

function setup(options: { uiState?: unknown; state?: Partial<{ conversation: Conversation; hasToken: boolean; busy: boolean }> } = {}) {
  const { api, frames, root, send } = mountView({ api: new FakeVsCodeApi(options.uiState) });
  send({
    type: 'state',
    state: {
      conversation: options.state?.conversation ?? conversation(),
      hasToken: options.state?.hasToken ?? true,
      origin: 'https://api.acedata.cloud',
      busy: options.state?.busy ?? false,
    },
  });
  const input = root.querySelector<HTMLTextAreaElement>('textarea.composer-input')!;
  const pressKey = (key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    input.dispatchEvent(event);
    return event;
  };
  const type = (text: string) => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const click = (element: Element | null) => {
    assert.ok(element, 'element to click exists');
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  return { api, frames, root, send, input, pressKey, type, click };
}

function oneShot(markdown: string): string {
  const container = document.createElement('div');
  renderMarkdownInto(container, markdown);
  return container.innerHTML;
}

describe('ChatView', () => {
  it('says ready before anything else', () => {
    const { api } = setup();
    assert.deepEqual(api.posted[0], { type: 'ready' });
  });

  it('marks itself ready (data-state) only once the host\'s state is drawn', () => {
    const { root, view } = mountView();
    const chat = root.querySelector<HTMLElement>('.chat')!;
    assert.equal(chat.dataset.state, undefined, 'ready before the host answered');
    view.handle({ type: 'state', state: { conversation: conversation(), hasToken: false, origin: 'https://api.acedata.cloud', busy: false } });
    assert.equal(chat.dataset.state, 'ready');
    assert.equal(root.querySelector('section.token-card')?.hasAttribute('hidden'), false, 'the state is drawn when ready is');
  });

  it('Enter sends the trimmed text, Shift+Enter does not, empty input never sends', () => {
    const { api, input, pressKey, type } = setup();
    api.posted.length = 0;
    type('   ');
    pressKey('Enter');
    assert.deepEqual(api.posted, []);

    type('line one');
    const shiftEnter = pressKey('Enter', { shiftKey: true });
    assert.equal(shiftEnter.defaultPrevented, false, 'Shift+Enter keeps its newline');
    assert.deepEqual(api.posted, []);

    type('  explain this  ');
    const enter = pressKey('Enter');
    assert.equal(enter.defaultPrevented, true);
    assert.deepEqual(api.posted, [{ type: 'send', text: 'explain this' }]);
    assert.equal(input.value, '');
  });

  it('does not send while an IME composition is open', () => {
    const { api, pressKey, type } = setup();
    api.posted.length = 0;
    type('にほんご');
    pressKey('Enter', { isComposing: true });
    pressKey('Enter', { keyCode: 229 });
    assert.deepEqual(api.posted, []);
  });

  it('turns Send into Stop while busy', () => {
    const { api, root, send, click } = setup();
    const button = root.querySelector('.composer-button')!;
    assert.equal(button.getAttribute('aria-label'), 'Send (Enter)');
    send({ type: 'busy', busy: true });
    assert.equal(button.getAttribute('aria-label'), 'Stop answer');
    api.posted.length = 0;
    click(button);
    assert.deepEqual(api.posted, [{ type: 'stop' }]);
    send({ type: 'busy', busy: false });
    assert.equal(button.getAttribute('aria-label'), 'Send (Enter)');
  });

  it('stops a running answer on Escape from anywhere in the panel, and only then', () => {
    const { api, root, send, pressKey } = setup();
    api.posted.length = 0;
    assert.equal(pressKey('Escape').defaultPrevented, false, 'Escape with no answer running is left alone');
    send({ type: 'busy', busy: true, requestId: 'r7' });
    const onToolbar = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    root.querySelector('header.toolbar button')!.dispatchEvent(onToolbar);
    assert.equal(onToolbar.defaultPrevented, true);
    assert.deepEqual(api.posted, [{ type: 'stop', requestId: 'r7' }]);
    api.posted.length = 0;
    const handledInside = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    handledInside.preventDefault();
    root.querySelector('textarea.composer-input')!.dispatchEvent(handledInside);
    assert.deepEqual(api.posted, [], 'an Escape a control used itself does not also stop the answer');
  });

  it('keeps the draft in the UI state and restores it', () => {
    const { api, type } = setup();
    type('half a question');
    assert.deepEqual(api.state, { draft: 'half a question' });
    const restored = setup({ uiState: { draft: 'half a question' } });
    assert.equal(restored.input.value, 'half a question');
  });

  it('drops a restored draft that is the question last sent, or the start of it (UI state older than the conversation after a browser reload)', () => {
    const sent = conversation([userEntry('u1', 'Already sent?'), answer('a1', 'Yes.')]);
    const stale = setup({ uiState: { draft: 'Already sent?' }, state: { conversation: sent } });
    assert.equal(stale.input.value, '');
    assert.deepEqual(stale.api.state, { draft: '' });
    const halfTyped = setup({ uiState: { draft: 'Already s' }, state: { conversation: sent } });
    assert.equal(halfTyped.input.value, '');
    const other = setup({ uiState: { draft: 'A new question' }, state: { conversation: sent } });
    assert.equal(other.input.value, 'A new question');
  });

  it('shows the first-run card without a token, with setToken and openSettings', () => {
    const { api, root, send, click } = setup({ state: { hasToken: false } });
    const card = root.querySelector<HTMLElement>('.token-card')!;
    assert.equal(card.hidden, false);
    assert.match(card.textContent ?? '', /Set your API token for https:\/\/api\.acedata\.cloud to start/);
    api.posted.length = 0;
    click(card.querySelector('.primary-button'));
    click(card.querySelector('.link-button'));
    assert.deepEqual(api.posted, [{ type: 'setToken' }, { type: 'openSettings', setting: 'completionsChat.baseUrl' }]);
    send({ type: 'tokenStatus', hasToken: true, origin: 'https://api.acedata.cloud' });
    assert.equal(card.hidden, true);
  });

  // Endpoint profiles (issue 12).
  it("toolbar shows the conversation's endpoint profile only when there is a choice, as text, and sends selectProfile", () => {
    const { api, root, send, click } = setup();
    const button = root.querySelector<HTMLButtonElement>('.toolbar .profile-button')!;
    assert.equal(button.hidden, true, 'only the Default profile: no picker');
    const hostile = '<img src=x onerror=alert(1)>Work';
    send({ type: 'state', state: { conversation: conversation(), hasToken: true, origin: 'https://w.example', busy: false, profile: hostile } });
    assert.equal(button.hidden, false);
    assert.equal(button.querySelector('.profile-name')?.textContent, hostile);
    assert.equal(button.querySelector('img'), null, 'a name is text, never markup');
    assert.equal(button.getAttribute('aria-label'), `Endpoint profile: ${hostile}. Switch endpoint profile`);
    api.posted.length = 0;
    click(button);
    assert.deepEqual(api.posted, [{ type: 'selectProfile' }]);
    send({ type: 'tokenStatus', hasToken: true, origin: 'http://127.0.0.1:1', profile: 'Local' });
    assert.equal(button.querySelector('.profile-name')?.textContent, 'Local');
    send({ type: 'tokenStatus', hasToken: true, origin: 'http://127.0.0.1:1' });
    assert.equal(button.hidden, true);
  });

  it('toolbar shows the model and sends selectModel / newConversation', () => {
    const { api, root, send, click } = setup();
    assert.equal(root.querySelector('.model-name')?.textContent, 'gpt-4o-mini');
    send({ type: 'modelChanged', model: 'gpt-4o' });
    assert.equal(root.querySelector('.model-name')?.textContent, 'gpt-4o');
    api.posted.length = 0;
    click(root.querySelector('.model-button'));
    click(root.querySelector('.toolbar .icon-button[aria-label="New Conversation"]'));
    assert.deepEqual(api.posted, [{ type: 'selectModel' }, { type: 'newConversation' }]);
  });

  it('renders questions as plain text with a context chip', () => {
    const question = userEntry('u1', '**not bold** <b>x</b>', {
      context: { path: 'src/a.ts', languageId: 'typescript', startLine: 3, endLine: 9, code: 'let a = 1;', truncated: true },
    });
    const { root } = setup({ state: { conversation: conversation([question]) } });
    const entry = root.querySelector('.entry.user')!;
    assert.equal(entry.querySelector('.user-text')?.textContent, '**not bold** <b>x</b>');
    assert.equal(entry.querySelector('strong, b'), null);
    assert.equal(entry.querySelector('.context-label')?.textContent, 'src/a.ts:3-9 (trimmed)');
    assert.equal(entry.querySelector('details pre code')?.textContent, 'let a = 1;');
    assert.equal(entry.querySelector('details')?.hasAttribute('open'), false, 'code collapsed by default');
  });

  it('streams deltas into the answer and ends equal to a one-shot render', () => {
    const { root, send, frames } = setup();
    send({ type: 'entryAdded', entry: userEntry('u1', 'hi') });
    send({ type: 'entryAdded', entry: answer('a1', '', { status: 'streaming' }) });
    const body = root.querySelector('[data-entry-id="a1"] .markdown-body')!;
    assert.equal(body.getAttribute('aria-live'), null, 'not a live region: the finished answer is announced once');
    assert.equal(body.getAttribute('aria-busy'), 'true');
    assert.ok(root.querySelector('[data-entry-id="a1"] .streaming-indicator'));
    const text = 'Here:\n\n```ts\nconst x = 1;\n```\n\n- a\n- b\n\nDone.';
    for (let at = 0; at < text.length; at += 4) {
      send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: text.slice(at, at + 4) }] });
      if (at % 8 === 0) frames.runFrame();
    }
    frames.runFrame();
    send({ type: 'entryUpdated', entry: answer('a1', text, { usage: { total_tokens: 1234 } }) });
    assert.equal(body.innerHTML, oneShot(text));
    assert.equal(body.hasAttribute('aria-busy'), false);
    assert.equal(root.querySelector('[data-entry-id="a1"] .streaming-indicator'), null);
    assert.equal(root.querySelector('[data-entry-id="a1"] .usage')?.textContent, '1,234 tokens');
  });

  it('sends codeAction with the entry id and block index; links go to the host', () => {
    const text = '[docs](https://example.com/docs)\n\n```js\na()\n```\n\n```py\nb()\n```';
    const { api, root, click } = setup({ state: { conversation: conversation([userEntry('u1', 'q'), answer('a1', text)]) } });
    api.posted.length = 0;
    click(root.querySelector('[data-block="1"] button[data-action="insert"]'));
    click(root.querySelector('[data-block="0"] button[data-action="newFile"]'));
    click(root.querySelector('[data-block="1"] button[data-action="replace"]'));
    click(root.querySelector('.markdown-body a'));
    assert.deepEqual(api.posted, [
      { type: 'codeAction', action: 'insert', entryId: 'a1', block: 1 },
      { type: 'codeAction', action: 'newFile', entryId: 'a1', block: 0 },
      { type: 'codeAction', action: 'replace', entryId: 'a1', block: 1 },
      { type: 'openLink', url: 'https://example.com/docs' },
    ]);
  });

  it('puts answer actions on the last answer only', () => {
    const { api, root, click } = setup({
      state: { conversation: conversation([userEntry('u1', 'q'), answer('a1', 'one'), userEntry('u2', 'q2'), answer('a2', 'two')]) },
    });
    assert.equal(root.querySelector('[data-entry-id="a1"] .answer-actions'), null);
    const actions = root.querySelector('[data-entry-id="a2"] .answer-actions')!;
    api.posted.length = 0;
    for (const button of Array.from(actions.querySelectorAll('button'))) click(button);
    assert.deepEqual(api.posted, [
      { type: 'answerAction', action: 'copy', entryId: 'a2' },
      { type: 'answerAction', action: 'insert', entryId: 'a2' },
      { type: 'regenerate' },
    ]);
  });

  it('shows an error in place, keeps the partial text, and offers the fixing action', () => {
    const failed = answer('a1', 'Partial **answer**', {
      status: 'error',
      error: { message: 'The API token was rejected.', kind: 'auth', status: 401, action: 'setToken' },
    });
    const { api, root, send, click } = setup({ state: { conversation: conversation([userEntry('u1', 'q'), failed]) } });
    const entry = root.querySelector('[data-entry-id="a1"]')!;
    assert.equal(entry.querySelector('.markdown-body strong')?.textContent, 'answer');
    const box = entry.querySelector('.error-box')!;
    assert.equal(box.getAttribute('role'), 'alert');
    assert.match(box.textContent ?? '', /The API token was rejected\. \(HTTP 401\)/);
    api.posted.length = 0;
    click(box.querySelector('button'));
    send({ type: 'entryUpdated', entry: { ...failed, error: { message: 'Server error', kind: 'server', action: 'retry' } } });
    click(root.querySelector('[data-entry-id="a1"] .error-box button'));
    send({ type: 'entryUpdated', entry: { ...failed, error: { message: 'Bad URL', kind: 'bad-request', action: 'openSettings' } } });
    click(root.querySelector('[data-entry-id="a1"] .error-box button'));
    assert.deepEqual(api.posted, [{ type: 'setToken' }, { type: 'regenerate' }, { type: 'openSettings' }]);
  });

  it('labels stopped, interrupted, cut and filtered answers; refusal and reasoning apart', () => {
    const { root } = setup({
      state: {
        conversation: conversation([
          answer('a1', 'x', { status: 'stopped' }),
          answer('a2', 'y', { status: 'interrupted' }),
          answer('a3', 'z', { candidates: [{ content: 'z', finishReason: 'length' }] }),
          answer('a4', 'w', { candidates: [{ content: 'w', finishReason: 'content_filter', refusal: 'I cannot help with that.', reasoning: 'Thinking **hard**' }] }),
        ]),
      },
    });
    assert.match(root.querySelector('[data-entry-id="a1"] .status')?.textContent ?? '', /Stopped/);
    assert.match(root.querySelector('[data-entry-id="a2"] .status')?.textContent ?? '', /Interrupted by a reload/);
    assert.match(root.querySelector('[data-entry-id="a3"] .finish-length')?.textContent ?? '', /Answer cut at the token limit/);
    const a4 = root.querySelector('[data-entry-id="a4"]')!;
    assert.match(a4.querySelector('.finish-filtered')?.textContent ?? '', /content filter/);
    assert.equal(a4.querySelector('.refusal-text')?.textContent, 'I cannot help with that.');
    const reasoning = a4.querySelector('details.reasoning')!;
    assert.equal(reasoning.hasAttribute('open'), false);
    assert.equal(reasoning.querySelector('.reasoning-text')?.textContent, 'Thinking **hard**', 'reasoning is plain text');
  });

  it('streams reasoning and refusal in place: an opened Reasoning stays open and the answer text is untouched', () => {
    const streaming = answer('a1', '', { status: 'streaming' });
    const { root, send } = setup({ state: { conversation: conversation([userEntry('u1', 'q'), streaming]), busy: true } });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'First I ', channel: 'reasoning' }] });
    const details = root.querySelector<HTMLDetailsElement>('[data-entry-id="a1"] details.reasoning')!;
    details.open = true;
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'look **closer**.', channel: 'reasoning' }] });
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'No.', channel: 'refusal' }] });
    const entry = root.querySelector('[data-entry-id="a1"]')!;
    assert.equal(entry.querySelector('details.reasoning'), details, 'the Reasoning section is extended, not rebuilt');
    assert.equal(details.open, true);
    assert.equal(details.querySelector('.reasoning-text')?.textContent, 'First I look **closer**.');
    assert.equal(entry.querySelector('.refusal-text')?.textContent, 'No.');
    assert.equal(entry.querySelector('.markdown-body')?.textContent?.trim(), '');
    // A later snapshot of the same text keeps the same, still open, section.
    send({ type: 'entryUpdated', entry: { ...streaming, status: 'done', candidates: [{ content: '', reasoning: 'First I look **closer**.', refusal: 'No.' }] } });
    assert.equal(entry.querySelector('details.reasoning'), details);
    assert.equal(details.open, true);
  });

  it('switches between candidates with tabs when n > 1', () => {
    const multi = answer('a1', '', { candidates: [{ content: 'first' }, { content: 'second' }, { content: 'third' }], chosen: 0 });
    const { root, click } = setup({ state: { conversation: conversation([multi]) } });
    const tabs = Array.from(root.querySelectorAll('[role="tab"]'));
    assert.deepEqual(tabs.map((tab) => tab.textContent), ['1', '2', '3']);
    const visible = () => Array.from(root.querySelectorAll<HTMLElement>('.candidate')).filter((c) => !c.hidden).map((c) => c.querySelector('.markdown-body')?.textContent?.trim());
    assert.deepEqual(visible(), ['first']);
    click(tabs[2]!);
    assert.deepEqual(visible(), ['third']);
    assert.equal(root.querySelectorAll('[role="tab"]')[2]?.getAttribute('aria-selected'), 'true');
  });

  it('fillInput and focusInput put text in the composer', () => {
    const { api, input, send } = setup();
    send({ type: 'fillInput', text: 'retry this' });
    assert.equal(input.value, 'retry this');
    assert.deepEqual(api.state, { draft: 'retry this' });
    assert.equal(document.activeElement, input);
  });
});

describe('ChatView rebuilt mid-answer', () => {
  it('replays a streaming entry from state and keeps streaming into it', () => {
    const streaming = answer('a1', 'Partial ', { status: 'streaming' });
    const { root, send, frames } = setup({ state: { conversation: conversation([userEntry('u1', 'q'), streaming]), busy: true } });
    assert.equal(root.querySelector('.composer-button')?.getAttribute('aria-label'), 'Stop answer');
    send({ type: 'delta', entryId: 'a1', parts: [{ index: 0, content: 'answer.' }] });
    frames.runFrame();
    const body = root.querySelector('[data-entry-id="a1"] .markdown-body')!;
    assert.equal(body.innerHTML, oneShot('Partial answer.'));
    // A delta for an entry this view does not know is ignored, not thrown on.
    send({ type: 'delta', entryId: 'unknown', parts: [{ index: 0, content: 'x' }] });
  });
});

describe('ChatView question recall', () => {
  it('Up in an empty input recalls the last question, then earlier ones; Down walks back to empty', () => {
    const { send, input, pressKey, type } = setup({ state: { conversation: conversation([userEntry('u1', 'First question'), answer('a1', 'x')]) } });
    send({ type: 'entryAdded', entry: userEntry('u2', 'Second question') });
    assert.equal(pressKey('ArrowUp').defaultPrevented, true);
    assert.equal(input.value, 'Second question');
    pressKey('ArrowUp');
    assert.equal(input.value, 'First question');
    assert.equal(pressKey('ArrowUp').defaultPrevented, false, 'Up at the oldest question moves the caret');
    pressKey('ArrowDown');
    assert.equal(input.value, 'Second question');
    pressKey('ArrowDown');
    assert.equal(input.value, '');
    type('my own draft');
    assert.equal(pressKey('ArrowUp').defaultPrevented, false, 'Up in text being written moves the caret');
    assert.equal(input.value, 'my own draft');
  });

  it('an edited recalled question keeps its arrows for the caret', () => {
    const { input, pressKey, type } = setup({ state: { conversation: conversation([userEntry('u1', 'Old'), userEntry('u2', 'Newer')]) } });
    pressKey('ArrowUp');
    type('Newer, edited');
    assert.equal(pressKey('ArrowUp').defaultPrevented, false);
    assert.equal(pressKey('ArrowDown').defaultPrevented, false);
    assert.equal(input.value, 'Newer, edited');
  });
});

describe('ChatView for screen readers', () => {
  it('announces a finished answer once, as drawn, and nothing while it streams', async () => {
    const { send, root, frames } = setup();
    const status = root.querySelector<HTMLElement>('.visually-hidden[role="status"]')!;
    assert.ok(status, 'one polite status region');
    assert.equal(root.querySelectorAll('.markdown-body[aria-live]').length, 0);
    const streaming = answer('a1', '', { status: 'streaming' });
    send({ type: 'busy', busy: true, requestId: 'r1' });
    send({ type: 'entryAdded', entry: streaming, requestId: 'r1' });
    send({ type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: 'The **loop** never ends.' }] });
    frames.runFrame();
    await Promise.resolve();
    assert.equal(status.textContent, '', 'nothing is announced while streaming');
    send({ type: 'entryUpdated', entry: answer('a1', 'The **loop** never ends.'), requestId: 'r1' });
    await Promise.resolve();
    assert.equal(status.textContent, 'Answer finished. The loop never ends.');
    send({ type: 'entryUpdated', entry: answer('a1', 'The **loop** never ends.', { chosen: 0 }) });
    await Promise.resolve();
    assert.equal(status.textContent, 'Answer finished. The loop never ends.', 'an update of no request (a candidate chosen) says nothing new');
  });

  it('says when an answer failed', async () => {
    const { send, root } = setup();
    send({ type: 'busy', busy: true, requestId: 'r2' });
    send({ type: 'entryAdded', entry: answer('a2', '', { status: 'streaming' }), requestId: 'r2' });
    send({ type: 'entryUpdated', entry: answer('a2', '', { status: 'error', error: { message: 'Rate limited', kind: 'rate-limit' } }), requestId: 'r2' });
    await Promise.resolve();
    assert.equal(root.querySelector('.visually-hidden[role="status"]')!.textContent, 'The answer failed: Rate limited.');
  });
});
