// The host tells the view when the client waits to send a failed request again (core's
// onRetry), with the seconds to wait, so the panel can count down instead of sitting silent.

import assert from 'node:assert/strict';
import { streamChat } from '../../../../src/core/chatClient';
import { toAnswerError } from '../../../../src/host/session/answerErrors';
import { ChatSession, newConversation, type SessionChange } from '../../../../src/host/session/chatSession';
import { SETTING_DEFAULTS } from '../../../../src/host/settings/settings';
import type { AssistantEntry } from '../../../../src/shared/conversation';
import { ChatError } from '../../../../src/core/errors';
import { jsonAnswer, ReplayServer, sseAnswer, sseEvents, chunkJson } from '../../../support/replayServer';

describe('ChatSession: automatic retries', () => {
  let server: ReplayServer;
  before(async () => {
    server = await ReplayServer.start();
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  function makeSession(): { session: ChatSession; changes: SessionChange[] } {
    const changes: SessionChange[] = [];
    const session = new ChatSession(newConversation('m'), {
      // Tiny waits: the test counts messages, never the clock.
      streamChat: (request, signal) => streamChat({ ...request, retry: { maxRetries: 1, baseDelayMs: 20, maxDelayMs: 20 } }, signal),
      settings: () => ({ ...SETTING_DEFAULTS, baseUrl: server.baseUrl }),
      credentials: async () => ({ baseUrl: server.baseUrl, token: 't' }),
      save: () => undefined,
      log: () => undefined,
    });
    session.onDidChange((change) => changes.push(change));
    return { session, changes };
  }

  it('posts a retrying message for the answer, with the attempt, the wait and the status', async () => {
    server.script(
      jsonAnswer(503, { error: { message: 'busy' } }, { 'retry-after-ms': '40' }),
      sseAnswer(sseEvents(chunkJson({ content: 'Hi' }), chunkJson({}, { finish: 'stop' }), '[DONE]')),
    );
    const { session, changes } = makeSession();
    const requestId = await session.send('q');
    const answer = session.conversation.entries[1] as AssistantEntry;
    assert.equal(answer.status, 'done');
    const retrying = changes.filter((change) => change.type === 'retrying');
    assert.deepEqual(retrying, [{ type: 'retrying', entryId: answer.id, requestId, attempt: 1, delayMs: 40, status: 503 }]);
    // The countdown comes before the answer's first text.
    const order = changes.map((change) => change.type);
    assert.ok(order.indexOf('retrying') < order.indexOf('delta'));
  });

  it('maps an oversized answer to an error without a Retry button', () => {
    const error = toAnswerError(new ChatError({ kind: 'too-large', message: 'The answer passed the 4 MB limit and was stopped; the text so far is kept.', partial: true }));
    assert.deepEqual(error, { kind: 'too-large', message: 'The answer passed the 4 MB limit and was stopped; the text so far is kept.', status: undefined });
  });
});
