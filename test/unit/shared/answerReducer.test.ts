import assert from 'node:assert/strict';
import { MAX_CHOICES } from '../../../src/core/answerLimits';
import { applyEvent, foldEvent, MAX_ANSWER_CANDIDATES, partEvent } from '../../../src/shared/answerReducer';
import type { AssistantEntry } from '../../../src/shared/conversation';

function streaming(extra: Partial<AssistantEntry> = {}): AssistantEntry {
  return { id: 'a1', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'm', createdAt: 1, ...extra };
}

describe('answer reducer', () => {
  it('folds text, refusal, reasoning, finish, usage and model into the answer', () => {
    const answer = streaming();
    applyEvent(answer, { type: 'reasoning', index: 0, content: 'Think' });
    applyEvent(answer, { type: 'reasoning', index: 0, content: 'ing.' });
    applyEvent(answer, { type: 'delta', index: 0, content: 'Hel' });
    applyEvent(answer, { type: 'delta', index: 1, content: 'Other' });
    applyEvent(answer, { type: 'delta', index: 0, content: 'lo' });
    applyEvent(answer, { type: 'refusal', index: 1, content: 'No.' });
    applyEvent(answer, { type: 'finish', index: 0, reason: 'stop' });
    applyEvent(answer, { type: 'usage', usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 } });
    applyEvent(answer, { type: 'model', model: 'served-model' });
    assert.deepEqual(answer.candidates, [
      { content: 'Hello', reasoning: 'Thinking.', finishReason: 'stop' },
      { content: 'Other', refusal: 'No.' },
    ]);
    assert.deepEqual(answer.usage, { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 });
    assert.equal(answer.model, 'served-model');
  });

  it('changes the answer in place and returns the same object (no copy per delta)', () => {
    const answer = streaming();
    const candidates = answer.candidates;
    assert.equal(applyEvent(answer, { type: 'delta', index: 0, content: 'x' }), answer);
    assert.equal(answer.candidates, candidates);
  });

  it('says what changed: text for appended text, entry for the rest, nothing for what it ignores', () => {
    const answer = streaming();
    assert.equal(foldEvent(answer, { type: 'delta', index: 0, content: 'a' }), 'text');
    assert.equal(foldEvent(answer, { type: 'reasoning', index: 0, content: 'a' }), 'text');
    assert.equal(foldEvent(answer, { type: 'finish', index: 0, reason: 'length' }), 'entry');
    assert.equal(foldEvent(answer, { type: 'model', model: 'x' }), 'entry');
    assert.equal(foldEvent(answer, { type: 'delta', index: 0, content: '' }), undefined);
    assert.equal(foldEvent(answer, { type: 'toolCall', index: 0, toolIndex: 0, arguments: '{}' }), undefined);
    assert.deepEqual(answer.candidates, [{ content: 'a', reasoning: 'a', finishReason: 'length' }]);
  });

  it('never allocates for an index out of range, whoever sent it', () => {
    assert.equal(MAX_ANSWER_CANDIDATES, MAX_CHOICES, 'the same cap as the core');
    const answer = streaming();
    for (const index of [MAX_ANSWER_CANDIDATES, 1e9, -1, 0.5, NaN, Infinity]) {
      assert.equal(foldEvent(answer, { type: 'delta', index, content: 'x' }), undefined, String(index));
      assert.equal(foldEvent(answer, { type: 'finish', index, reason: 'stop' }), undefined, String(index));
    }
    assert.equal(answer.candidates.length, 1);
    assert.equal(foldEvent(answer, { type: 'delta', index: MAX_ANSWER_CANDIDATES - 1, content: 'last' }), 'text');
    assert.equal(answer.candidates.length, MAX_ANSWER_CANDIDATES);
  });

  it('leaves an answer that is no longer streaming alone (a late event of an ended request)', () => {
    for (const status of ['done', 'stopped', 'error', 'interrupted'] as const) {
      const answer = streaming({ status, candidates: [{ content: 'kept' }] });
      assert.equal(foldEvent(answer, { type: 'delta', index: 0, content: ' late' }), undefined);
      assert.equal(foldEvent(answer, { type: 'model', model: 'late' }), undefined);
      assert.deepEqual(answer.candidates, [{ content: 'kept' }]);
      assert.equal(answer.model, 'm');
    }
  });

  it('reads a paced delta part as the text event it carries', () => {
    assert.deepEqual(partEvent({ index: 2, content: 'a' }), { type: 'delta', index: 2, content: 'a' });
    assert.deepEqual(partEvent({ index: 0, content: 'b', channel: 'reasoning' }), { type: 'reasoning', index: 0, content: 'b' });
    assert.deepEqual(partEvent({ index: 0, content: 'c', channel: 'refusal' }), { type: 'refusal', index: 0, content: 'c' });
  });

  it('folds 50,000 deltas into a 4 MB answer by appending to the one candidate', () => {
    const answer = streaming();
    const piece = 'x'.repeat(80);
    for (let i = 0; i < 50_000; i++) applyEvent(answer, { type: 'delta', index: 0, content: piece });
    assert.equal(answer.candidates[0]!.content.length, 4_000_000);
  });
});
