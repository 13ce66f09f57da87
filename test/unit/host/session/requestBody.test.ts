import assert from 'node:assert/strict';
import { ChatError } from '../../../../src/core/chatClient';
import { buildRequestBody, isStreamOptionsRefusal, JSON_MODE_INSTRUCTION, withJsonInstruction } from '../../../../src/host/session/requestBody';
import type { EffectiveOptions } from '../../../../src/shared/requestOptions';

const base: EffectiveOptions = { temperature: undefined, maxTokens: undefined, systemPrompt: 'S', stream: true, n: 1, jsonMode: false };
const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'Hi' }];

describe('request body', () => {
  it('sends only what was chosen: server defaults stay in charge otherwise', () => {
    assert.deepEqual(buildRequestBody({ model: 'm', messages, options: { ...base, stream: false }, includeUsage: true }), {
      model: 'm', messages, stream: false,
    });
  });

  it('carries temperature, max_tokens, n, response_format and include_usage', () => {
    const body = buildRequestBody({ model: 'm', messages, options: { ...base, temperature: 0, maxTokens: 100, n: 3, jsonMode: true }, includeUsage: true });
    assert.equal(body.temperature, 0);
    assert.equal(body.max_tokens, 100);
    assert.equal(body.n, 3);
    assert.deepEqual(body.response_format, { type: 'json_object' });
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.equal(buildRequestBody({ model: 'm', messages, options: base, includeUsage: false }).stream_options, undefined);
  });

  it('names JSON in the system message in JSON mode, adding one when there is none', () => {
    const withSystem = withJsonInstruction(messages);
    assert.equal(withSystem[0]!.content, `Be brief.\n\n${JSON_MODE_INSTRUCTION}`);
    assert.equal(messages[0]!.content, 'Be brief.', 'the input is not changed');
    const without = withJsonInstruction([{ role: 'user', content: 'Hi' }]);
    assert.deepEqual(without[0], { role: 'system', content: JSON_MODE_INSTRUCTION });
    const already = [{ role: 'system' as const, content: 'Reply in json.' }, { role: 'user' as const, content: 'Hi' }];
    assert.equal(withJsonInstruction(already), already);
    assert.match(JSON_MODE_INSTRUCTION, /JSON/);
  });

  it('recognises a 400 that names stream_options, and nothing else', () => {
    const refusal = new ChatError({ kind: 'bad-request', status: 400, message: 'Bad request.', providerMessage: 'Unrecognized request argument supplied: stream_options' });
    assert.equal(isStreamOptionsRefusal(refusal), true);
    assert.equal(isStreamOptionsRefusal(refusal.with({ status: 500 })), false);
    assert.equal(isStreamOptionsRefusal(new ChatError({ kind: 'bad-request', status: 400, message: 'model not found' })), false);
    assert.equal(isStreamOptionsRefusal(new Error('stream_options')), false);
  });
});
