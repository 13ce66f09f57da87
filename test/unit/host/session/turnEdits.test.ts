// Issue 11 in the session, against a loopback server: edit and resend a question, regenerate
// any answer, Undo (exactly the turns replaced come back), Continue a cut answer (the request,
// the text appended to the same answer, usage added up, Stop and failures keep the text), and
// the conversation model's truncate/restore with its saves.
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { streamChat } from '../../../../src/core/chatClient';
import { ChatSession, newConversation, type SessionChange } from '../../../../src/host/session/chatSession';
import { ConversationModel } from '../../../../src/host/session/conversationModel';
import { CONTINUE_INSTRUCTION } from '../../../../src/host/session/continuation';
import { SETTING_DEFAULTS, type Settings } from '../../../../src/host/settings/settings';
import type { AssistantEntry, Conversation, Entry, UserEntry } from '../../../../src/shared/conversation';
import { ReplayServer } from '../../../support/replayServer';

interface Reply {
  tokens: string[];
  finish?: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | false;
  /** Leave the stream open after the tokens (for Stop). */
  hang?: boolean;
  status?: number;
}

function sse(response: ServerResponse, reply: Reply): void {
  if (reply.status) {
    response.writeHead(reply.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ error: { message: 'Server exploded', type: 'server_error' } }));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const token of reply.tokens) response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: token } }] })}\n\n`);
  if (reply.hang) return;
  response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: reply.finish ?? 'stop' }] })}\n\n`);
  if (reply.usage !== false) response.write(`data: ${JSON.stringify({ choices: [], usage: reply.usage ?? { prompt_tokens: 10, completion_tokens: reply.tokens.length, total_tokens: 10 + reply.tokens.length } })}\n\n`);
  response.end('data: [DONE]\n\n');
}

const question = (id: string, text = id, extra: Partial<UserEntry> = {}): UserEntry => ({ id, role: 'user', text, createdAt: 1, ...extra });
const answer = (id: string, content: string, extra: Partial<AssistantEntry> = {}): AssistantEntry =>
  ({ id, role: 'assistant', candidates: [{ content, finishReason: 'stop' }], chosen: 0, status: 'done', model: 'm', createdAt: 2, ...extra });
const ids = (entries: readonly Entry[]) => entries.map((entry) => entry.id);

describe('ConversationModel: truncate and restore (issue 11)', () => {
  function model(entries: Entry[]) {
    const saves: { urgent: boolean; ids: string[] }[] = [];
    const conversation: Conversation = { ...newConversation('m'), entries };
    const edits = new ConversationModel(conversation, (saved, urgent) => saves.push({ urgent, ids: ids(saved.entries) }));
    return { edits, saves };
  }

  it('removes an entry and all after it, saved at once; restore puts exactly those back over what replaced them', () => {
    const { edits, saves } = model([question('u1'), answer('a1', 'one'), question('u2'), answer('a2', 'two')]);
    const removed = edits.removeFrom('u1')!;
    assert.deepEqual(removed.index, 0);
    assert.deepEqual(ids(removed.entries), ['u1', 'a1', 'u2', 'a2']);
    assert.deepEqual(saves, [{ urgent: true, ids: [] }], 'saved at once, not throttled: a reload must not bring them back');
    edits.addEntry(question('u1b'));
    edits.addEntry(answer('a1b', 'new'));
    edits.restore(removed);
    assert.deepEqual(ids(edits.conversation.entries), ['u1', 'a1', 'u2', 'a2']);
    assert.deepEqual(saves.at(-1), { urgent: true, ids: ['u1', 'a1', 'u2', 'a2'] });
    assert.equal(edits.removeFrom('nope'), undefined);
  });

  it('reopens only the last answer cut at the token limit with text, as streaming without its finish', () => {
    const cut = answer('a2', 'half', { candidates: [{ content: 'half', finishReason: 'length' }], status: 'error', error: { message: 'x', kind: 'server' } });
    const { edits, saves } = model([question('u1'), answer('a1', 'one', { candidates: [{ content: 'one', finishReason: 'length' }] }), question('u2'), cut]);
    assert.equal(edits.reopenCutAnswer('a1'), undefined, 'not the last answer');
    const reopened = edits.reopenCutAnswer('a2')!;
    assert.equal(reopened.answer, cut);
    assert.equal(cut.status, 'streaming');
    assert.equal(cut.error, undefined);
    assert.equal(cut.candidates[0]!.finishReason, undefined);
    assert.equal(saves.length, 1);
    assert.equal(edits.reopenCutAnswer('a2'), undefined, 'already streaming');
    const { edits: done } = model([question('u1'), answer('a1', 'one')]);
    assert.equal(done.reopenCutAnswer('a1'), undefined, 'finished, not cut');
  });
});

describe('ChatSession: edit and resend, regenerate any answer, continue (issue 11)', () => {
  let server: ReplayServer;
  let replies: Reply[];
  let saved: Conversation[];
  let changes: SessionChange[];
  const bodies = (): any[] => server.requests.map((request) => JSON.parse(request.body));

  before(async () => {
    server = await ReplayServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    replies = [];
    server.always((_request, response) => sse(response, replies.shift() ?? { tokens: ['fallback'] }));
  });

  function makeSession(entries: Entry[] = []): ChatSession {
    saved = [];
    changes = [];
    const settings: Settings = { ...SETTING_DEFAULTS, baseUrl: server.baseUrl, systemPrompt: 'Be brief.' };
    const session = new ChatSession({ ...newConversation('test-model'), entries }, {
      streamChat: (request, signal) => streamChat({ ...request, retry: { maxRetries: 0 } }, signal),
      settings: () => settings,
      credentials: async () => ({ baseUrl: server.baseUrl, token: 't' }),
      save: (value) => saved.push(structuredClone(value)),
      log: () => undefined,
    });
    session.onDidChange((change) => changes.push(change));
    return session;
  }

  const twoTurns = (): Entry[] => [
    question('u1', 'First?', { images: [{ id: 'img', mimeType: 'image/png', name: 'a.png', width: 1, height: 1, size: 1 }], context: { path: 'a.ts', languageId: 'typescript', startLine: 1, endLine: 1, code: 'x' } }),
    answer('a1', 'One.'),
    question('u2', 'Second?'),
    answer('a2', 'Two.'),
  ];

  it('edits a question: it and the later turns are replaced, its code and images kept; Undo restores exactly the old turns', async () => {
    const session = makeSession(twoTurns());
    const before = structuredClone(session.conversation.entries);
    assert.equal(session.laterTurns('u1'), 1);
    assert.equal(session.laterTurns('u2'), 0);
    replies.push({ tokens: ['New ', 'one.'] });
    const requestId = await session.editQuestion('u1', '  First, edited?  ');
    assert.ok(requestId);
    const [edited, newAnswer, ...rest] = session.conversation.entries as [UserEntry, AssistantEntry];
    assert.equal(rest.length, 0, 'the later turn is gone');
    assert.notEqual(edited.id, 'u1');
    assert.equal(edited.text, 'First, edited?');
    assert.deepEqual(edited.images, before[0]!.role === 'user' ? before[0]!.images : undefined);
    assert.equal(edited.context?.path, 'a.ts');
    assert.equal(newAnswer.candidates[0]!.content, 'New one.');
    assert.deepEqual(bodies()[0].messages.map((m: { role: string }) => m.role), ['system', 'user']);
    assert.match(JSON.stringify(bodies()[0].messages[1]), /First, edited\?/);
    assert.deepEqual(session.undoOffer && { kind: session.undoOffer.kind, turns: session.undoOffer.turns }, { kind: 'edit', turns: 2 });
    assert.ok(changes.some((change) => change.type === 'reset'), 'the view is drawn again');
    assert.ok(changes.some((change) => change.type === 'entryAdded' && change.requestId === requestId));
    assert.ok(saved.some((conversation) => conversation.entries.length === 1), 'the truncation was saved before the request went out');

    assert.equal(session.undoReplace('not-the-offer'), false);
    assert.equal(session.undoReplace(session.undoOffer!.id), true);
    assert.deepEqual(session.conversation.entries, before, 'exactly the old question and turns');
    assert.deepEqual(saved.at(-1)!.entries, before, 'and saved so');
    assert.equal(session.undoOffer, undefined);
  });

  it('regenerates an earlier answer, replacing it and the later turns; a new question ends the Undo offer', async () => {
    const session = makeSession(twoTurns());
    replies.push({ tokens: ['Again.'] });
    await session.regenerateAnswer('a1');
    assert.deepEqual(session.conversation.entries.map((entry) => entry.role), ['user', 'assistant']);
    assert.equal(session.conversation.entries[0]!.id, 'u1');
    assert.equal((session.conversation.entries[1] as AssistantEntry).candidates[0]!.content, 'Again.');
    assert.deepEqual(session.undoOffer && { kind: session.undoOffer.kind, turns: session.undoOffer.turns }, { kind: 'regenerate', turns: 2 });
    assert.equal(await session.regenerateAnswer('u1'), undefined, 'a question is not an answer');
    replies.push({ tokens: ['Ok.'] });
    await session.send('Another');
    assert.equal(session.undoOffer, undefined);
    assert.ok(changes.some((change) => change.type === 'undoOffer' && change.offer === undefined), 'the view hears the offer ended');
  });

  it("the replaced turns' images are held while Undo can bring them back (the sweep keeps them), and no longer after", async () => {
    const picture = { id: 'img2', mimeType: 'image/png' as const, name: 'b.png', width: 1, height: 1, size: 1 };
    const entries = twoTurns();
    entries[2] = question('u2', 'Second?', { images: [picture] });
    entries[3] = answer('a2', 'Two.', { images: { 'https://x/y.png': { status: 'loaded', ...picture, id: 'fetched' }, 'https://x/z.png': { status: 'failed', reason: 'no' } } });
    const session = makeSession(entries);
    assert.deepEqual(session.heldImageIds, []);
    replies.push({ tokens: ['Again.'] });
    await session.regenerateAnswer('a1');
    assert.deepEqual(session.heldImageIds.sort(), ['fetched', 'img2']);
    replies.push({ tokens: ['Ok.'] });
    await session.send('Another');
    assert.deepEqual(session.heldImageIds, [], 'the offer ended: they may go');
  });

  it('a new conversation ends the offer: turns are never put back into another conversation', async () => {
    const session = makeSession(twoTurns());
    replies.push({ tokens: ['Again.'] });
    await session.regenerateAnswer('a2');
    const offer = session.undoOffer!;
    assert.equal(offer.turns, 1);
    session.reset('test-model');
    assert.equal(session.undoOffer, undefined);
    assert.equal(session.undoReplace(offer.id), false);
    assert.deepEqual(session.conversation.entries, []);
  });

  it('Undo while the new answer streams stops it and drops its late changes', async () => {
    const session = makeSession(twoTurns());
    replies.push({ tokens: ['Slow '], hang: true });
    const done = session.editQuestion('u2', 'Second, edited?');
    while (!changes.some((change) => change.type === 'delta')) await new Promise((resolve) => setTimeout(resolve, 5));
    const requestId = session.requestId;
    session.undoReplace(session.undoOffer!.id);
    assert.equal(session.busy, false);
    assert.deepEqual(ids(session.conversation.entries), ['u1', 'a1', 'u2', 'a2']);
    const at = changes.length;
    await done;
    assert.deepEqual(changes.slice(at), [], 'nothing of the stopped request reaches the view after Undo');
    assert.ok(changes.some((change) => change.type === 'busy' && !change.busy && change.requestId === requestId));
  });

  it('continues a cut answer: history with the cut answer plus an instruction, text appended, usage added, works again', async () => {
    const session = makeSession();
    replies.push({ tokens: ['The list: one, ', 'two'], finish: 'length', usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
    await session.send('List three');
    const cut = session.lastAnswer()!;
    assert.equal(cut.candidates[0]!.finishReason, 'length');

    replies.push({ tokens: [', thr'], finish: 'length', usage: { prompt_tokens: 20, completion_tokens: 2, total_tokens: 22 } });
    const first = await session.continueAnswer(cut.id);
    assert.ok(first);
    assert.deepEqual(bodies()[1].messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'List three' },
      { role: 'assistant', content: 'The list: one, two' },
      { role: 'user', content: CONTINUE_INSTRUCTION },
    ]);
    assert.equal(bodies()[1].n, undefined, 'one choice');
    assert.equal(session.conversation.entries.length, 2, 'no question was added');

    replies.push({ tokens: ['ee.'], usage: { prompt_tokens: 25, completion_tokens: 1, total_tokens: 26 } });
    const second = await session.continueAnswer(cut.id);
    assert.notEqual(second, first, 'each continuation is a request of its own');
    assert.equal(bodies()[2].messages[2].content, 'The list: one, two, thr');
    const whole = session.lastAnswer()!;
    assert.equal(whole, cut, 'the same answer');
    assert.equal(whole.candidates[0]!.content, 'The list: one, two, three.');
    assert.equal(whole.candidates[0]!.finishReason, 'stop');
    assert.equal(whole.status, 'done');
    assert.deepEqual(whole.usage, { prompt_tokens: 55, completion_tokens: 8, total_tokens: 63 });
    assert.equal(await session.continueAnswer(cut.id), undefined, 'a finished answer is not continued');
    const updates = changes.filter((change) => change.type === 'entryUpdated' && change.requestId === second);
    assert.equal((updates[0] as { entry: AssistantEntry }).entry.status, 'done', 'the view got the answer (drawn as streaming again at the start)');
  });

  it('a failed or stopped continuation keeps all the text and stays cut, so Continue is offered again', async () => {
    const session = makeSession([question('u1'), answer('a1', 'Half', { candidates: [{ content: 'Half', finishReason: 'length' }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } })]);
    replies.push({ tokens: [], status: 500 });
    await session.continueAnswer('a1');
    const failed = session.lastAnswer()!;
    assert.equal(failed.status, 'error');
    assert.equal(failed.candidates[0]!.content, 'Half');
    assert.equal(failed.candidates[0]!.finishReason, 'length');
    assert.deepEqual(failed.usage, { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 });

    replies.push({ tokens: [' and more'], hang: true });
    const done = session.continueAnswer('a1');
    while (!changes.some((change) => change.type === 'delta')) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(session.stop(session.requestId), true);
    await done;
    const stopped = session.lastAnswer()!;
    assert.equal(stopped.status, 'stopped');
    assert.equal(stopped.candidates[0]!.content, 'Half and more');
    assert.equal(stopped.candidates[0]!.finishReason, 'length');
    assert.equal(stopped.usageEstimated, true, 'the stopped part had no usage from the server: estimated and added');
    assert.ok((stopped.usage?.total_tokens as number) > 4);
  });
});
