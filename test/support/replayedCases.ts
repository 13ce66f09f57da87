// The replay of a folder of recorded cases (NAME.sse + NAME.json) through a real HTTP server
// on loopback: whole, one byte per write, and cut at odd offsets, each checked against the
// outcome its sidecar states. The conformance set and the hostile set share it.

import * as assert from 'node:assert/strict';
import { streamChat, ChatError } from '../../src/core/chatClient';
import { AnswerAssembler } from '../../src/core/answerAssembler';
import { AnswerDecoder } from '../../src/core/answerDecoder';
import { choiceCountOf } from '../../src/core/answerLimits';
import type { ChatRequest } from '../../src/core/types';
import {
  collectAnswer,
  oddCutOffsets,
  replayCase,
  ReplayServer,
  type CollectedAnswer,
  type ConformanceCase,
  type ExpectedChoice,
  type ReplayMode,
} from './replayServer';

export const REPLAY_TOKEN = 'sk-test-conformance-0123456789abcdef';

function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('placeholder');
}

export function requestFor(testCase: ConformanceCase, baseUrl: string): ChatRequest {
  return {
    baseUrl,
    token: REPLAY_TOKEN,
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], ...testCase.request },
    // Each replay answers once unless a case asks for retries: a retry would find the same recording.
    retry: { maxRetries: 0, ...testCase.client?.retry },
    timeouts: { firstByteMs: 5_000, idleMs: 5_000, totalMs: 20_000, ...testCase.client?.timeouts },
    limits: testCase.client?.limits,
  };
}

function assertChoices(answer: CollectedAnswer, expected: ExpectedChoice[], label: string): void {
  for (const want of expected) {
    const got = answer.choices.get(want.index);
    const wantsText = (want.content ?? '') !== '' || (want.reasoning ?? '') !== '' || (want.refusal ?? '') !== '' || want.finish_reason;
    if (!wantsText && got === undefined) continue;
    assert.ok(got, `${label}: choice ${want.index} missing`);
    assert.equal(got.content, want.content ?? '', `${label}: content of choice ${want.index}`);
    assert.equal(got.finishReason, want.finish_reason ?? null, `${label}: finish_reason of choice ${want.index}`);
    if (want.reasoning !== undefined) assert.equal(got.reasoning, want.reasoning, `${label}: reasoning of choice ${want.index}`);
    else assert.equal(got.reasoning, '', `${label}: no reasoning expected in choice ${want.index}`);
    assert.equal(got.refusal, want.refusal ?? '', `${label}: refusal of choice ${want.index}`);
    if (want.tool_calls) {
      assert.deepEqual(
        got.toolCalls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
        want.tool_calls.map((call) => ({ id: call.id, name: call.name, arguments: call.arguments })),
        `${label}: tool calls of choice ${want.index}`,
      );
    }
  }
  const expectedIndices = expected.map((choice) => choice.index).sort();
  const textIndices = [...answer.choices.entries()].filter(([, c]) => c.content || c.reasoning || c.refusal || c.finishReason).map(([index]) => index).sort();
  for (const index of textIndices) assert.ok(expectedIndices.includes(index), `${label}: unexpected choice ${index}`);
}

export function assertOutcome(testCase: ConformanceCase, answer: CollectedAnswer, label: string): void {
  const expected = testCase.expected;
  switch (expected.outcome) {
    case 'success': {
      assert.equal(answer.error, undefined, `${label}: unexpected error ${String(answer.error)}`);
      assertChoices(answer, expected.choices ?? [], label);
      if (expected.usage === null) assert.equal(answer.usageEvents, 0, `${label}: no usage expected`);
      else {
        assert.equal(answer.usageEvents, 1, `${label}: usage is reported once`);
        assert.deepEqual(answer.usage, expected.usage, `${label}: usage`);
      }
      break;
    }
    case 'incomplete': {
      assert.ok(answer.error instanceof ChatError, `${label}: a cut-off stream must throw a ChatError, got ${String(answer.error)}`);
      assert.ok(['network', 'protocol'].includes(answer.error.kind), `${label}: kind ${answer.error.kind}`);
      assert.match(answer.error.message, /cut off/i, label);
      assert.equal(answer.error.partial, true, `${label}: partial`);
      assertChoices(answer, expected.choices ?? [], label);
      break;
    }
    case 'error': {
      const error = answer.error;
      assert.ok(error instanceof ChatError, `${label}: expected a ChatError, got ${String(error)}`);
      const want = expected.error!;
      if (want.http_status === null) {
        assert.equal(error.status, undefined, `${label}: no HTTP status`);
      } else {
        assert.equal(error.status, want.http_status, `${label}: status`);
        assert.match(error.message, new RegExp(`HTTP ${want.http_status}`), `${label}: the message names the status`);
      }
      if (want.kind !== undefined) assert.equal(error.kind, want.kind, `${label}: kind (${error.message})`);
      if (want.code !== undefined && want.code !== null) assert.equal(error.code, String(want.code), `${label}: code`);
      if (want.message !== undefined && !isPlaceholder(want.message)) {
        assert.equal(error.providerMessage, want.message, `${label}: provider message`);
        assert.ok(error.message.includes(want.message), `${label}: the message quotes the provider's`);
      }
      for (const words of want.message_includes ?? []) assert.ok(error.message.includes(words), `${label}: "${words}" in: ${error.message}`);
      if (want.partial !== undefined) assert.equal(error.partial, want.partial, `${label}: partial`);
      const traceId = want.trace_id ?? want.request_id;
      if (traceId !== undefined) {
        assert.equal(error.traceId, traceId, `${label}: trace id`);
        assert.ok(error.message.includes(traceId), `${label}: the message quotes the trace id`);
      }
      if (want.retryable !== undefined) assert.equal(error.retryable, want.retryable, `${label}: retryable`);
      if (want.retry_after_ms !== undefined) assert.equal(error.retryAfterMs, want.retry_after_ms ?? undefined, `${label}: retry after`);
      assert.ok(!error.message.includes(REPLAY_TOKEN), `${label}: token in message`);
      assertChoices(answer, expected.partial_choices ?? [], label);
      break;
    }
  }
}

/**
 * One mocha suite per case of `cases`, each replayed whole, byte by byte and cut at odd
 * offsets (and at the sidecar's `split_at`), then the decoder alone over every split position.
 */
export function describeReplayedCases(title: string, cases: ConformanceCase[], minimumCases: number): void {
  describe(title, function () {
    this.timeout(60_000);
    let server: ReplayServer;

    before(async () => {
      server = await ReplayServer.start();
    });
    after(async () => {
      await server.close();
    });

    it('finds the recordings', () => {
      assert.ok(cases.length >= minimumCases, `only ${cases.length} cases found`);
    });

    for (const testCase of cases) {
      describe(testCase.name, () => {
        const modes: [string, ReplayMode][] = [
          ['whole', { kind: 'whole' }],
          ['one byte per write', { kind: 'bytes' }],
          ['cut at odd offsets', { kind: 'cuts', at: oddCutOffsets(testCase.body, 7) }],
          ['cut at other odd offsets', { kind: 'cuts', at: oddCutOffsets(testCase.body, 1234, 40) }],
        ];
        if (testCase.replay?.split_at) modes.push(['cut at the recorded offsets', { kind: 'cuts', at: testCase.replay.split_at }]);

        for (const [label, mode] of modes) {
          it(`${testCase.expected.outcome}: ${label}`, async () => {
            server.reset();
            server.always(replayCase(testCase, mode));
            const answer = await collectAnswer(streamChat(requestFor(testCase, server.baseUrl)));
            assertOutcome(testCase, answer, `${testCase.name} (${label})`);
            assert.equal(server.requests.length, testCase.expected.requests ?? 1, 'requests sent');
            assert.equal(server.requests[0]!.headers.authorization, `Bearer ${REPLAY_TOKEN}`);
            assert.equal(server.requests[0]!.url, '/v1/chat/completions');
          });
        }
      });
    }
  });

  /** The decoder alone, fed every piece size from 1 to 9 bytes: every split position is hit. */
  describe(`${title}: decoder over every split position`, () => {
    for (const testCase of cases.filter((c) => c.http.status >= 200 && c.http.status < 300 && !c.http.headers['content-encoding'])) {
      it(testCase.name, () => {
        const reference = decodeInPieces(testCase, testCase.body.length);
        for (let size = 1; size <= 9; size++) {
          assert.deepEqual(decodeInPieces(testCase, size), reference, `${testCase.name}: pieces of ${size} bytes`);
        }
      });
    }
  });
}

/** The assembled text and finish reasons after feeding the body in pieces of `size` bytes. */
function decodeInPieces(testCase: ConformanceCase, size: number): unknown {
  const request = requestFor(testCase, 'http://127.0.0.1/');
  const assembler = new AnswerAssembler({ choices: choiceCountOf(request.body.n), maxTextChars: request.limits?.maxAnswerChars });
  const decoder = new AnswerDecoder(assembler, testCase.http.status, new Headers(testCase.http.headers));
  const text = new Map<string, string>();
  const take = (): void => {
    for (const event of assembler.drain()) {
      const key = event.type === 'usage' || event.type === 'model' ? event.type : `${event.type}:${event.index}`;
      const value = event.type === 'usage' ? JSON.stringify(event.usage) : event.type === 'model' ? event.model : event.type === 'finish' ? event.reason : event.type === 'toolCall' ? event.arguments : event.content;
      text.set(key, (text.get(key) ?? '') + value);
    }
  };
  for (let start = 0; start < testCase.body.length && !decoder.finished; start += size) {
    decoder.push(testCase.body.subarray(start, start + size));
    take();
  }
  decoder.end();
  if (decoder.error === undefined) assembler.finish();
  take();
  return { text: Object.fromEntries(text), complete: assembler.isComplete, error: decoder.error?.message };
}
