// Issue 11 in the panel (happy-dom): every question has an Edit button that opens an edit box
// in place (Enter and Ctrl/Cmd+Enter send, Shift+Enter adds a line, Escape cancels); earlier
// answers can be regenerated; a cut last answer has Continue; the Undo bar; a continuation
// streams into the same answer and late messages of a superseded request are dropped.
import { mountView } from './mountView';
import * as assert from 'node:assert/strict';
import type { AssistantEntry, Conversation, UserEntry } from '../../../src/shared/conversation';
import type { HostMessage } from '../../../src/shared/protocol';

const image = { id: 'img', mimeType: 'image/png', name: 'shot.png', width: 1, height: 1, size: 1 } as const;
const question = (id: string, text: string, extra: Partial<UserEntry> = {}): UserEntry => ({ id, role: 'user', text, createdAt: 1, ...extra });
const answer = (id: string, content: string, extra: Partial<AssistantEntry> = {}): AssistantEntry =>
  ({ id, role: 'assistant', candidates: [{ content, finishReason: 'stop' }], chosen: 0, status: 'done', model: 'm', createdAt: 2, ...extra });
const conversation = (entries: Conversation['entries']): Conversation => ({ id: 'c1', title: 'T', model: 'm', entries, createdAt: 1, updatedAt: 1 });

function setup(entries: Conversation['entries'], extra: { busy?: boolean; requestId?: string } = {}) {
  const { api, root, view } = mountView();
  const send = (message: HostMessage) => view.handle(structuredClone(message));
  send({ type: 'state', state: { conversation: conversation(entries), hasToken: true, origin: 'https://x', busy: extra.busy ?? false, ...(extra.requestId ? { requestId: extra.requestId } : {}) } });
  api.posted.length = 0;
  const click = (element: Element | null) => {
    assert.ok(element, 'the element to click exists');
    element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  };
  const key = (target: Element, key: string, init: KeyboardEventInit = {}) => {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    return event;
  };
  const article = (id: string) => root.querySelector<HTMLElement>(`[data-entry-id="${id}"]`)!;
  return { api, root, view, send, click, key, article };
}

describe('edit and resend, regenerate, continue in the panel (issue 11)', () => {
  it('each question has a keyboard-reachable Edit button with an accessible name; the box edits in place and sends with Enter', () => {
    const { api, click, key, article } = setup([question('u1', 'First?', { images: [image] }), answer('a1', 'One.'), question('u2', 'Second?'), answer('a2', 'Two.')]);
    const edit = article('u1').querySelector<HTMLButtonElement>('button.question-edit-button')!;
    assert.equal(edit.tagName, 'BUTTON', 'a real button: in the tab order, Enter and Space press it');
    assert.equal(edit.getAttribute('aria-label'), 'Edit Question');
    assert.ok(article('u2').querySelector('button.question-edit-button'), 'every question, not only the last');

    click(edit);
    const box = article('u1').querySelector<HTMLTextAreaElement>('textarea.question-edit-input')!;
    assert.equal(box.value, 'First?');
    assert.equal(box.getAttribute('aria-label'), 'Edit question');
    assert.equal(document.activeElement, box, 'the box takes the focus');
    assert.equal(article('u1').querySelector<HTMLElement>('.user-text')!.hidden, true, 'edited in place');
    assert.ok(article('u1').querySelector('.user-image'), 'the attached image stays with the question');

    box.value = 'First, edited?';
    assert.equal(key(box, 'Enter', { shiftKey: true }).defaultPrevented, false, 'Shift+Enter adds a line, as in the composer');
    assert.deepEqual(api.posted, []);
    assert.equal(key(box, 'Enter').defaultPrevented, true);
    assert.deepEqual(api.posted, [{ type: 'editQuestion', entryId: 'u1', text: 'First, edited?' }]);
    assert.ok(article('u1').querySelector('.question-edit'), 'the box stays until the host draws the result: a declined confirmation loses nothing');
    key(box, 'Enter', { ctrlKey: true });
    key(box, 'Enter', { metaKey: true });
    assert.equal(api.posted.length, 3, 'Ctrl+Enter and Cmd+Enter send too');
  });

  it('Escape and Cancel close the box unchanged and give the focus back to Edit; Send and an empty box', () => {
    const { api, click, key, article } = setup([question('u1', 'First?'), answer('a1', 'One.')]);
    const edit = () => article('u1').querySelector<HTMLButtonElement>('button.question-edit-button')!;
    click(edit());
    const box = article('u1').querySelector<HTMLTextAreaElement>('textarea.question-edit-input')!;
    box.value = 'changed';
    key(box, 'Escape');
    assert.equal(article('u1').querySelector('.question-edit'), null);
    assert.equal(article('u1').querySelector<HTMLElement>('.user-text')!.hidden, false);
    assert.equal(article('u1').querySelector('.user-text')!.textContent, 'First?');
    assert.equal(document.activeElement, edit());

    click(edit());
    click(article('u1').querySelector('.question-edit-cancel'));
    assert.equal(article('u1').querySelector('.question-edit'), null);

    click(edit());
    const again = article('u1').querySelector<HTMLTextAreaElement>('textarea.question-edit-input')!;
    assert.equal(again.value, 'First?', 'a cancelled edit starts over from the question');
    again.value = '   ';
    click(article('u1').querySelector('.question-edit-send'));
    assert.deepEqual(api.posted, [], 'nothing to ask');
    again.value = ' Better? ';
    click(article('u1').querySelector('.question-edit-send'));
    assert.deepEqual(api.posted, [{ type: 'editQuestion', entryId: 'u1', text: 'Better?' }]);
  });

  it('earlier answers have Regenerate; the last keeps its own; a cut last answer has Continue, and its Retry continues', () => {
    const cut = answer('a2', 'Half', { candidates: [{ content: 'Half', finishReason: 'length' }] });
    const { api, root, click, article, send } = setup([question('u1', 'q1'), answer('a1', 'One.'), question('u2', 'q2'), cut]);
    click(article('a1').querySelector('.earlier-answer-actions button[aria-label^="Regenerate"]'));
    click(article('a2').querySelector('.answer-actions button[aria-label="Regenerate"]'));
    assert.ok(article('a2').querySelector('.finish-length'), 'the cut notice');
    click(article('a2').querySelector('button.continue-button'));
    assert.deepEqual(api.posted, [{ type: 'regenerateAnswer', entryId: 'a1' }, { type: 'regenerate' }, { type: 'continueAnswer', entryId: 'a2' }]);
    assert.equal(article('a1').querySelector('button.continue-button'), null);

    api.posted.length = 0;
    send({ type: 'entryUpdated', entry: { ...cut, status: 'error', error: { message: 'Server error', kind: 'server', action: 'retry' } } });
    click(article('a2').querySelector('.error-box button'));
    assert.deepEqual(api.posted, [{ type: 'continueAnswer', entryId: 'a2' }], 'a failed continuation is retried as one: the text stays');
    assert.equal(root.querySelectorAll('button.continue-button').length, 1);
  });

  it('a continuation streams into the same answer, appended; a late message of the superseded request is dropped', () => {
    const cut = answer('a1', 'The list: one, two', { candidates: [{ content: 'The list: one, two', finishReason: 'length' }] });
    const { view, send, article } = setup([question('u1', 'List'), cut]);
    send({ type: 'busy', busy: true, requestId: 'r2' });
    send({ type: 'entryUpdated', entry: { ...cut, status: 'streaming', candidates: [{ content: 'The list: one, two' }] }, requestId: 'r2' });
    assert.equal(article('a1').querySelector('.finish-length'), null, 'no cut notice while it goes on');
    assert.equal(article('a1').querySelector('button.continue-button'), null);
    send({ type: 'delta', entryId: 'a1', requestId: 'r2', parts: [{ index: 0, content: ', three.' }] });
    send({ type: 'delta', entryId: 'a1', requestId: 'r1', parts: [{ index: 0, content: ' LATE' }] });
    const whole = { ...cut, candidates: [{ content: 'The list: one, two, three.', finishReason: 'stop' }] };
    send({ type: 'entryUpdated', entry: whole, requestId: 'r2' });
    send({ type: 'busy', busy: false, requestId: 'r2' });
    assert.equal(view.answer('a1')?.candidates[0]?.content, 'The list: one, two, three.');
    assert.equal(article('a1').querySelector('.markdown-body')!.textContent!.trim(), 'The list: one, two, three.', 'reads as one answer');
    assert.equal(article('a1').querySelectorAll('.markdown-body p').length, 1);
  });

  it('the Undo bar says how many turns were replaced, sends Undo for that offer, and goes when the offer ends', () => {
    const { api, root, click, send } = setup([question('u1', 'q')]);
    const bar = root.querySelector<HTMLElement>('.undo-bar')!;
    assert.equal(bar.hidden, true);
    send({ type: 'state', state: { conversation: conversation([question('u9', 'edited')]), hasToken: true, origin: 'https://x', busy: false, undo: { id: 'r1', kind: 'edit', turns: 2 } } });
    assert.equal(bar.hidden, false);
    assert.equal(bar.getAttribute('role'), 'status');
    assert.match(bar.textContent!, /Question edited: 2 turns replaced\./);
    const undo = bar.querySelector<HTMLButtonElement>('button.undo-button')!;
    assert.equal(undo.getAttribute('aria-label'), 'Undo: bring back the 2 replaced turns');
    click(undo);
    assert.deepEqual(api.posted, [{ type: 'undoReplace', id: 'r1' }]);
    send({ type: 'undoOffer' });
    assert.equal(bar.hidden, true);
    send({ type: 'undoOffer', offer: { id: 'r2', kind: 'regenerate', turns: 1 } });
    assert.match(bar.textContent!, /Answer regenerated: 1 turn replaced\./);
  });
});
