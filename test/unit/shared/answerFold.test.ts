// Property: however a recorded stream is cut into deltas and however the pacer batches them,
// the answer the host saves and the answer the webview holds are the same, and both equal the
// recorded events folded once by the shared reducer.

import './../webview/setupDom';
import assert from 'node:assert/strict';
import type { ChatEvent } from '../../../src/core/types';
import { applyEvent } from '../../../src/shared/answerReducer';
import type { AssistantEntry } from '../../../src/shared/conversation';
import { loadConformanceCases } from '../../support/replayServer';
import { seededRandom } from '../../support/manualClock';
import { joinHostAndView, recordedEvents, splitEvents } from './foldHarness';

/** What both sides fold from the stream (the host adds status, errors and estimates at the end). */
function folded(answer: AssistantEntry): unknown {
  return { candidates: answer.candidates, model: answer.model, usage: answer.usageEstimated ? undefined : answer.usage };
}

/** The streamed text of each candidate (what only deltas carry), candidates never named counted as empty. */
function texts(answer: AssistantEntry, count: number): unknown {
  return Array.from({ length: count }, (_, index) => {
    const candidate = answer.candidates[index];
    return { content: candidate?.content ?? '', refusal: candidate?.refusal ?? '', reasoning: candidate?.reasoning ?? '' };
  });
}

function reference(events: readonly ChatEvent[]): unknown {
  const answer: AssistantEntry = { id: 'r', role: 'assistant', candidates: [{ content: '' }], chosen: 0, status: 'streaming', model: 'gpt-4o-mini', createdAt: 0 };
  for (const event of events) applyEvent(answer, event);
  return folded(answer);
}

/** Streams `events` through host, pacer and webview; the pacer's clock and frames move at random. */
async function foldBothSides(events: readonly ChatEvent[], random: () => number): Promise<{ host: AssistantEntry; view: unknown; viewFinal: unknown }> {
  const joined = joinHostAndView(async function* () {
    for (const event of events) {
      if (random() < 0.5) joined.clock.advance(Math.floor(random() * 40));
      if (random() < 0.2) joined.frames.runFrame();
      yield event;
    }
  });
  let view: unknown;
  joined.beforeHandle = (message) => {
    if (message.type !== 'entryUpdated') return;
    const held = joined.view.answer(message.entry.id)!;
    // The pacer sends all pending text before any update, so the text the webview folded from
    // the deltas alone must be the text of the host's snapshot that is about to replace it.
    const count = Math.max(held.candidates.length, message.entry.candidates.length);
    assert.deepEqual(texts(held, count), texts(message.entry, count), 'the text the webview folded equals the host\'s at each update');
    // The webview's own fold, just before the host's final snapshot replaces it.
    if (message.entry.status !== 'streaming') view = structuredClone(held);
  };
  await joined.session.send('Hello');
  const host = joined.session.lastAnswer()!;
  assert.ok(view, 'the webview held the answer before its end');
  return { host, view: folded(view as AssistantEntry), viewFinal: joined.view.answer(host.id) };
}

describe('one answer reducer on both sides (recorded streams, random splits and pacing)', function () {
  this.timeout(120_000);
  const cases = loadConformanceCases().filter((testCase) => testCase.http.status >= 200 && testCase.http.status < 300 && !testCase.http.headers['content-encoding']);

  it('has recorded streams with text to fold', () => {
    assert.ok(cases.length >= 10, `only ${cases.length} cases`);
    assert.ok(cases.some((testCase) => recordedEvents(testCase).some((event) => event.type === 'delta' && event.index > 0)), 'a multi-candidate stream');
  });

  for (const testCase of cases) {
    it(testCase.name, async () => {
      const events = recordedEvents(testCase);
      const expected = reference(events);
      for (let seed = 1; seed <= 12; seed++) {
        const random = seededRandom(seed * 7919 + testCase.name.length);
        const split = splitEvents(events, random);
        const { host, view, viewFinal } = await foldBothSides(split, random);
        const label = `${testCase.name}, seed ${seed}`;
        assert.deepEqual(folded(host), expected, `${label}: host`);
        assert.deepEqual(view, expected, `${label}: webview, from entryAdded and paced deltas`);
        assert.deepEqual(viewFinal, structuredClone(host), `${label}: webview after the final update`);
      }
    });
  }
});
