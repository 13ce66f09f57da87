// What the palette and the panel both do. The model list is fetched while the picker is open
// and no longer: closing the picker, or the extension shutting down, aborts the fetch.
import assert from 'node:assert/strict';
import { listModels } from '../../../../src/core/modelList';
import { AnswerableDialogs } from '../../../../src/host/answerableDialogs';
import { FakeDialogs, settle } from '../view/viewFakes';
import { viewHarness } from '../view/viewHarness';

/** A model list that never comes: it only ends when its signal aborts. */
function hangingList(signals: AbortSignal[], tokens: (string | undefined)[] = []) {
  return (_baseUrl: string, token: string | undefined, signal?: AbortSignal) => {
    signals.push(signal!);
    tokens.push(token);
    return new Promise<string[]>((_resolve, reject) => signal!.addEventListener('abort', () => reject(signal!.reason)));
  };
}

describe('ChatActions', () => {
  it('selectModel asks the server with the stored token and aborts the fetch once the picker closes', async () => {
    const signals: AbortSignal[] = [];
    const tokens: (string | undefined)[] = [];
    const h = viewHarness({ pickedModel: undefined, listModels: hangingList(signals, tokens) });
    await h.actions.selectModel();
    assert.deepEqual(tokens, ['stored-token']);
    assert.equal(signals[0]!.aborted, true, 'the list was still being fetched after the picker closed');
    await assert.rejects(h.picker.serverModels!);
    await settle();
    assert.deepEqual(h.log.lines, [], 'an abort of our own is not reported as the server having no list');
    assert.equal(h.session.conversation.model, 'test-model', 'cancelled: the model stays');
  });

  it('selectModel says why a server has no model list when it is known to have none (Azure OpenAI), and stays quiet otherwise', async () => {
    // The picker stays open until the list has failed, as a person looking at it would.
    const pickModel = async (_current: string, models: Promise<string[]>) => (await models.catch(() => undefined), await settle(), undefined);
    const azure = viewHarness({ pickModel, listModels: () => listModels('https://contoso.openai.azure.com/openai/deployments/d?api-version=2024-10-21', 'k', new AbortController().signal, { fetch: async () => new Response('{}', { status: 404 }) }) });
    await azure.actions.selectModel();
    await settle();
    assert.equal(azure.dialogs.notices.length, 1);
    assert.match(azure.dialogs.notices[0]!.message, /Azure OpenAI offers no model list.*completionsChat\.model/);
    const other = viewHarness({ pickModel, listModels: async () => Promise.reject(new Error('ECONNREFUSED')) });
    await other.actions.selectModel();
    await settle();
    assert.deepEqual(other.dialogs.notices, []);
    assert.equal(other.log.lines.length, 1);
  });

  it('dispose aborts a model list still being fetched while the picker is open', async () => {
    const signals: AbortSignal[] = [];
    let closePicker: (model: string | undefined) => void = () => undefined;
    const h = viewHarness({ listModels: hangingList(signals), pickModel: () => new Promise((resolve) => (closePicker = resolve)) });
    const picking = h.actions.selectModel();
    await settle();
    assert.equal(signals[0]!.aborted, false);
    h.actions.dispose();
    assert.equal(signals[0]!.aborted, true);
    closePicker('late-model');
    await picking;
  });

  it('newConversation starts over with the model of the settings and shows the panel with the cursor in its input', async () => {
    const h = viewHarness();
    await h.actions.newConversation();
    assert.deepEqual(h.session.calls, ['reset settings-model']);
    assert.deepEqual(h.commands, ['focusView']);
  });
});

describe('AnswerableDialogs (test mode)', () => {
  it('shows the real dialog unless a test answers it, and only while the answer lives', async () => {
    const real = new FakeDialogs();
    real.confirmAnswer = false;
    const dialogs = new AnswerableDialogs(real);
    const question = { message: 'Load?', detail: '', action: 'Load' };
    assert.equal(await dialogs.confirm(question), false);
    const answered = dialogs.answer({ confirm: async () => true });
    assert.equal(await dialogs.confirm(question), true);
    dialogs.info('still real');
    answered.dispose();
    answered.dispose();
    assert.equal(await dialogs.confirm(question), false);
    assert.equal(real.questions.length, 2);
    assert.deepEqual(real.notices, [{ level: 'info', message: 'still real' }]);
  });
});
