import assert from 'node:assert/strict';
import { ConversationModel, newConversation, restoreConversation } from '../../../../src/host/session/conversationModel';
import { InvalidOptionsError } from '../../../../src/host/session/answerErrors';
import type { AssistantEntry, Conversation, UserEntry } from '../../../../src/shared/conversation';

const question = (id: string): UserEntry => ({ id, role: 'user', text: id, createdAt: 1 });
const answer = (id: string, extra: Partial<AssistantEntry> = {}): AssistantEntry =>
  ({ id, role: 'assistant', candidates: [{ content: 'a' }, { content: 'b' }], chosen: 0, status: 'done', model: 'm', createdAt: 2, ...extra });

function model(conversation: Conversation = newConversation('m')) {
  const saves: boolean[] = [];
  return { model: new ConversationModel(conversation, (_conversation, urgent) => saves.push(urgent)), saves };
}

describe('ConversationModel', () => {
  it('saves edits at once and streamed text throttled', () => {
    const { model: conversation, saves } = model();
    conversation.nameAfter('A question that names the conversation');
    conversation.addEntry(question('u1'));
    conversation.streamed();
    conversation.setModel('other');
    conversation.touched(true);
    assert.deepEqual(saves, [true, false, true, true]);
    assert.equal(conversation.conversation.title, 'A question that names the conversation');
    assert.equal(conversation.conversation.model, 'other');
  });

  it('drops the last answer to ask its question again, and says when there is no question', () => {
    const { model: conversation } = model({ ...newConversation('m'), entries: [question('u1'), answer('a1')] });
    assert.equal(conversation.dropLastAnswer(), true);
    assert.deepEqual(conversation.conversation.entries.map((entry) => entry.id), ['u1']);
    const empty = model().model;
    assert.equal(empty.dropLastAnswer(), false);
  });

  it('chooses a candidate of a finished answer only, and refuses bad options before saving', () => {
    const { model: conversation, saves } = model({ ...newConversation('m'), entries: [question('u1'), answer('a1'), answer('a2', { status: 'streaming' })] });
    assert.equal(conversation.chooseCandidate('a1', 1)?.chosen, 1);
    assert.equal(conversation.chooseCandidate('a1', 1), undefined, 'already chosen');
    assert.equal(conversation.chooseCandidate('a1', 2), undefined, 'no such candidate');
    assert.equal(conversation.chooseCandidate('a2', 1), undefined, 'still streaming');
    assert.equal(conversation.chooseCandidate('u1', 0), undefined, 'a question');
    assert.throws(() => conversation.setOptions({ temperature: 9 }), InvalidOptionsError);
    assert.deepEqual(conversation.setOptions({ temperature: 1, maxTokens: undefined }), { temperature: 1 });
    assert.deepEqual(saves, [true, true]);
  });

  it('restores an answer that was streaming as interrupted, keeping its text', () => {
    const restored = restoreConversation({ ...newConversation('m'), entries: [question('u1'), answer('a1', { status: 'streaming' })] });
    const last = restored.entries[1] as AssistantEntry;
    assert.equal(last.status, 'interrupted');
    assert.equal(last.candidates[0]!.content, 'a');
  });
});
