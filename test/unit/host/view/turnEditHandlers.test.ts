// Issue 11 in the controller: the panel's edit, regenerate, continue and undo messages, checked
// by the protocol's guard, then handled; replacing later turns asks first, naming how many.
import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../../../src/shared/protocol';
import { replaceQuestion } from '../../../../src/host/view/turnEditHandlers';
import { settle } from './viewFakes';
import { viewHarness } from './viewHarness';

describe('ChatController: edit and resend, regenerate any answer, continue (issue 11)', () => {
  it('the guard takes the four messages well formed only', () => {
    assert.ok(isWebviewMessage({ type: 'editQuestion', entryId: 'u1', text: 'new' }));
    assert.ok(isWebviewMessage({ type: 'regenerateAnswer', entryId: 'a1' }));
    assert.ok(isWebviewMessage({ type: 'continueAnswer', entryId: 'a1' }));
    assert.ok(isWebviewMessage({ type: 'undoReplace', id: 'r1' }));
    assert.ok(!isWebviewMessage({ type: 'editQuestion', entryId: 'u1' }), 'no text');
    assert.ok(!isWebviewMessage({ type: 'editQuestion', entryId: 'x'.repeat(129), text: 'a' }), 'an id too long');
    assert.ok(!isWebviewMessage({ type: 'editQuestion', entryId: 'u1', text: 'x'.repeat(2_000_001) }), 'a question too long');
    assert.ok(!isWebviewMessage({ type: 'continueAnswer', entryId: 7 }));
    assert.ok(!isWebviewMessage({ type: 'undoReplace' }));
  });

  it('edits at once when no later turn exists; asks, naming how many, before replacing later turns', async () => {
    const h = viewHarness();
    h.session.later.set('u2', 0).set('u1', 2);
    await h.controller.receive({ type: 'editQuestion', entryId: 'u2', text: 'Last, edited' });
    assert.equal(h.dialogs.questions.length, 0, 'nothing to confirm');
    assert.deepEqual(h.session.calls, ['editQuestion u2 Last, edited']);

    h.dialogs.confirmAnswer = false;
    await h.controller.receive({ type: 'editQuestion', entryId: 'u1', text: 'First, edited' });
    assert.deepEqual(h.dialogs.questions, [replaceQuestion('edit', 2)]);
    assert.match(h.dialogs.questions[0]!.message, /replace the 2 later turns\?/);
    assert.equal(h.session.calls.length, 1, 'declined: nothing replaced');

    h.dialogs.confirmAnswer = true;
    await h.controller.receive({ type: 'editQuestion', entryId: 'u1', text: 'First, edited' });
    assert.deepEqual(h.session.calls.at(-1), 'editQuestion u1 First, edited');
    // An entry the session does not know is neither asked about nor edited.
    await h.controller.receive({ type: 'editQuestion', entryId: 'gone', text: 'x' });
    assert.equal(h.dialogs.questions.length, 2);
    assert.equal(h.session.calls.length, 2);
  });

  it('regenerates any answer after the same question; continue and undo go straight to the session', async () => {
    const h = viewHarness();
    h.session.later.set('a1', 1);
    h.dialogs.confirmAnswer = true;
    await h.controller.receive({ type: 'regenerateAnswer', entryId: 'a1' });
    assert.match(h.dialogs.questions[0]!.message, /^Regenerate this answer and replace the 1 later turn\?/);
    await h.controller.receive({ type: 'continueAnswer', entryId: 'a1' });
    await h.controller.receive({ type: 'undoReplace', id: 'r1' });
    assert.deepEqual(h.session.calls, ['regenerateAnswer a1', 'continueAnswer a1', 'undoReplace r1']);
    assert.equal(h.dialogs.questions.length, 1, 'continue and undo ask nothing');
  });

  it('while an answer is written nothing is replaced or continued, and the user is told why', async () => {
    const h = viewHarness();
    h.session.busy = true;
    h.session.later.set('u1', 0);
    await h.controller.receive({ type: 'editQuestion', entryId: 'u1', text: 'x' });
    await h.controller.receive({ type: 'continueAnswer', entryId: 'a1' });
    assert.deepEqual(h.session.calls, []);
    assert.equal(h.dialogs.notices.filter((notice) => notice.level === 'info').length, 2);
  });

  it("the state replays the session's Undo offer to a new webview", async () => {
    const h = viewHarness();
    const offer = { id: 'r1', kind: 'edit' as const, turns: 2 };
    (h.session as { undoOffer?: typeof offer }).undoOffer = offer;
    const { webview } = h.openView();
    webview.say({ type: 'ready' });
    await settle();
    const state = webview.posted.find((message) => message.type === 'state');
    assert.deepEqual(state?.type === 'state' ? state.state.undo : undefined, offer);
  });
});
