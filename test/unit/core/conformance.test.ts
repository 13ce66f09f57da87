// Every recorded server answer in test/fixtures/conformance/streams, replayed through a real HTTP
// server on loopback: whole, one byte per write, and cut at odd offsets. Each case's sidecar
// states the outcome a correct client reaches; this asserts it. New recordings are picked up
// by listing the folder.

import * as assert from 'node:assert/strict';
import { streamChat, ChatError } from '../../../src/core/chatClient';
import { AnswerAssembler } from '../../../src/core/answerAssembler';
import { AnswerDecoder } from '../../../src/core/answerDecoder';
import type { ChatRequest } from '../../../src/core/types';
import {
  collectAnswer,
  loadConformanceCases,
  oddCutOffsets,
  replayCase,
  ReplayServer,
  type CollectedAnswer,
  type ConformanceCase,
  type ExpectedChoice,
  type ReplayMode,
} from '../../support/replayServer';

const cases = loadConformanceCases();
const TOKEN = 'sk-test-conformance-0123456789abcdef';

function isPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('placeholder');
}

function requestFor(testCase: ConformanceCase, baseUrl: string): ChatRequest {
  return {
    baseUrl,
    token: TOKEN,
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], ...testCase.request },
    // Each replay answers once: a retry would find no second recording.
    retry: { maxRetries: 0 },
    timeouts: { firstByteMs: 5_000, idleMs: 5_000, totalMs: 20_000 },
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

function assertOutcome(testCase: ConformanceCase, answer: CollectedAnswer, label: string): void {
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
      assert.equal(error.status, want.http_status, `${label}: status`);
      if (want.code !== undefined && want.code !== null) assert.equal(error.code, String(want.code), `${label}: code`);
      if (want.message !== undefined && !isPlaceholder(want.message)) {
        assert.equal(error.providerMessage, want.message, `${label}: provider message`);
        assert.ok(error.message.includes(want.message), `${label}: the message quotes the provider's`);
      }
      const traceId = want.trace_id ?? want.request_id;
      if (traceId !== undefined) {
        assert.equal(error.traceId, traceId, `${label}: trace id`);
        assert.ok(error.message.includes(traceId), `${label}: the message quotes the trace id`);
      }
      if (want.retryable !== undefined) assert.equal(error.retryable, want.retryable, `${label}: retryable`);
      if (want.retry_after_ms !== undefined) assert.equal(error.retryAfterMs, want.retry_after_ms ?? undefined, `${label}: retry after`);
      assert.match(error.message, new RegExp(`HTTP ${want.http_status}`), `${label}: the message names the status`);
      assert.ok(!error.message.includes(TOKEN), `${label}: token in message`);
      assertChoices(answer, expected.partial_choices ?? [], label);
      break;
    }
  }
}

describe('conformance: recorded server answers', function () {
  this.timeout(60_000);
  let server: ReplayServer;

  before(async () => {
    server = await ReplayServer.start();
  });
  after(async () => {
    await server.close();
  });

  it('finds the recordings', () => {
    assert.ok(cases.length >= 20, `only ${cases.length} cases found`);
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
          server.script(replayCase(testCase, mode));
          const answer = await collectAnswer(streamChat(requestFor(testCase, server.baseUrl)));
          assertOutcome(testCase, answer, `${testCase.name} (${label})`);
          assert.equal(server.requests.length, 1, 'one request, no retry');
          assert.equal(server.requests[0]!.headers.authorization, `Bearer ${TOKEN}`);
          assert.equal(server.requests[0]!.url, '/v1/chat/completions');
        });
      }
    });
  }
});

/** The decoder alone, fed every piece size from 1 to 9 bytes: every split position is hit. */
describe('conformance: decoder over every split position', () => {
  for (const testCase of cases.filter((c) => c.http.status >= 200 && c.http.status < 300 && !c.http.headers['content-encoding'])) {
    it(testCase.name, () => {
      const reference = decodeInPieces(testCase, testCase.body.length);
      for (let size = 1; size <= 9; size++) {
        assert.deepEqual(decodeInPieces(testCase, size), reference, `${testCase.name}: pieces of ${size} bytes`);
      }
    });
  }
});

/** The assembled text and finish reasons after feeding the body in pieces of `size` bytes. */
function decodeInPieces(testCase: ConformanceCase, size: number): unknown {
  const assembler = new AnswerAssembler();
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
  assembler.finish();
  take();
  return { text: Object.fromEntries(text), complete: assembler.isComplete, error: decoder.error?.message };
}
