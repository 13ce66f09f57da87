import assert from 'node:assert/strict';
import { readJsonAnswer, jsonExportText } from '../../../src/shared/jsonAnswer';
import {
  effectiveOptions,
  effectiveProblems,
  optionProblems,
  parseOptionNumber,
  type OptionDefaults,
} from '../../../src/shared/requestOptions';
import type { AssistantEntry } from '../../../src/shared/conversation';
import { answerUsage, conversationUsage, estimateTokens, estimateUsage, formatTokens } from '../../../src/shared/usage';

const defaults: OptionDefaults = { temperature: 0.7, maxTokens: undefined, systemPrompt: 'Be brief.', stream: true };

describe('request options', () => {
  it('accepts every valid parameter and the empty object', () => {
    assert.deepEqual(optionProblems({}), []);
    assert.deepEqual(optionProblems({ temperature: 0, maxTokens: 1, systemPrompt: '', stream: false, n: 5, jsonMode: true }), []);
    assert.deepEqual(optionProblems({ temperature: 2 }), []);
  });

  it('refuses each bad value with a reason naming the rule', () => {
    const cases: [object, string, RegExp][] = [
      [{ temperature: 2.01 }, 'temperature', /0 to 2/],
      [{ temperature: -0.1 }, 'temperature', /0 to 2/],
      [{ temperature: Number.NaN }, 'temperature', /0 to 2/],
      [{ temperature: '1' }, 'temperature', /0 to 2/],
      [{ maxTokens: 0 }, 'maxTokens', /whole number/],
      [{ maxTokens: 1.5 }, 'maxTokens', /whole number/],
      [{ n: 6 }, 'n', /1 to 5/],
      [{ n: 0 }, 'n', /1 to 5/],
      [{ stream: 'yes' }, 'stream', /on or off/],
      [{ jsonMode: 1 }, 'jsonMode', /on or off/],
      [{ systemPrompt: 42 }, 'systemPrompt', /text/],
      [{ top_p: 1 }, 'top_p', /not a parameter/],
    ];
    for (const [options, field, reason] of cases) {
      const problems = optionProblems(options);
      assert.equal(problems.length, 1, JSON.stringify(options));
      assert.equal(problems[0]!.field, field);
      assert.match(problems[0]!.reason, reason);
    }
    assert.notDeepEqual(optionProblems(null), []);
    assert.notDeepEqual(optionProblems([]), []);
  });

  it('falls back to the settings, then to n = 1 and JSON off', () => {
    assert.deepEqual(effectiveOptions(defaults), { temperature: 0.7, maxTokens: undefined, systemPrompt: 'Be brief.', stream: true, n: 1, jsonMode: false });
    assert.deepEqual(effectiveOptions(defaults, { temperature: 0, systemPrompt: '', stream: false, n: 3, jsonMode: true, maxTokens: 64 }), {
      temperature: 0, maxTokens: 64, systemPrompt: '', stream: false, n: 3, jsonMode: true,
    });
  });

  it('checks effective values, leaving unset numbers to the server', () => {
    assert.deepEqual(effectiveProblems(effectiveOptions(defaults)), []);
    assert.equal(effectiveProblems({ ...effectiveOptions(defaults), n: 9 })[0]!.field, 'n');
  });

  it('parses typed numbers: empty follows the settings, only plain decimals count', () => {
    assert.deepEqual(parseOptionNumber('temperature', ' '), { ok: true, value: undefined });
    assert.deepEqual(parseOptionNumber('temperature', '0.5'), { ok: true, value: 0.5 });
    assert.deepEqual(parseOptionNumber('temperature', '.5'), { ok: true, value: 0.5 });
    assert.deepEqual(parseOptionNumber('maxTokens', '512'), { ok: true, value: 512 });
    for (const [field, text] of [['temperature', '3'], ['temperature', 'hot'], ['temperature', '0x1'], ['maxTokens', '1.5'], ['maxTokens', '0'], ['n', '6']] as const) {
      const parsed = parseOptionNumber(field, text);
      assert.equal(parsed.ok, false, `${field}=${text}`);
    }
  });
});

describe('usage', () => {
  const answer = (extra: Partial<AssistantEntry>): AssistantEntry => ({
    id: 'a', role: 'assistant', candidates: [{ content: 'x' }], chosen: 0, status: 'done', model: 'm', createdAt: 1, ...extra,
  });

  it('estimates about 4 characters a token over the messages and every candidate', () => {
    assert.equal(estimateTokens(''), 0);
    assert.equal(estimateTokens('abcde'), 2);
    const usage = estimateUsage(
      [{ role: 'system', content: 'abcd' }, { role: 'user', content: [{ type: 'text', text: 'abcdefgh' }, { type: 'image_url', image_url: { url: 'data:x' } }] }],
      ['abcd', 'abcdefghijkl'],
    );
    assert.deepEqual(usage, { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
  });

  it('sums a conversation and says when any part is estimated', () => {
    const entries = [
      answer({ id: '1', usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } }),
      { id: 'u', role: 'user' as const, text: 'q', createdAt: 1 },
      answer({ id: '2' }),
      answer({ id: '3', usage: { prompt_tokens: 1000, completion_tokens: 234 }, usageEstimated: true }),
    ];
    const total = conversationUsage(entries)!;
    assert.deepEqual(total, { prompt: 1010, completion: 239, total: 1249, estimated: true });
    assert.equal(formatTokens(total), '≈1,249 tokens (estimated)');
    assert.equal(formatTokens(answerUsage(entries[0] as AssistantEntry)!), '15 tokens');
    assert.equal(conversationUsage([answer({})]), undefined);
  });
});

describe('JSON answers', () => {
  it('pretty-prints JSON, also inside one json fence', () => {
    assert.deepEqual(readJsonAnswer('{"a":1,"b":[true,null]}'), { ok: true, pretty: '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}' });
    assert.deepEqual(readJsonAnswer('```json\n{"a":1}\n```'), { ok: true, pretty: '{\n  "a": 1\n}' });
  });

  it('says why text is not JSON and exports it unchanged', () => {
    const read = readJsonAnswer('{"a": 1,');
    assert.equal(read.ok, false);
    assert.match(read.ok ? '' : read.reason, /not valid JSON/);
    assert.equal(jsonExportText('{"a": 1,'), '{"a": 1,');
    assert.equal(jsonExportText('[1]'), '[\n  1\n]');
    assert.equal(readJsonAnswer('').ok, false);
  });
});
