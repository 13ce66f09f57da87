import * as assert from 'node:assert/strict';
import { MAX_HEADERS, readHeaderSettings, SECRET_REFERENCE, secretValueProblem } from '../../../../src/host/settings/customHeaders';

const problemsOf = (raw: unknown, tokenHeader?: 'authorization' | 'api-key') => readHeaderSettings(raw, tokenHeader).problems.map((problem) => problem.message);

describe('custom headers setting', () => {
  it('keeps valid headers (names in lower case) and the names of secret ones apart', () => {
    const read = readHeaderSettings({ 'X-Tenant': 'team-a', 'X-Gateway-Key': SECRET_REFERENCE, 'X-Empty': '' });
    assert.deepEqual(read.plain, { 'x-tenant': 'team-a', 'x-empty': '' });
    assert.deepEqual(read.secret, ['x-gateway-key']);
    assert.deepEqual(read.problems, []);
  });

  it('refuses Authorization and the api-key header in use, naming the setting and the header, and keeps the rest', () => {
    const read = readHeaderSettings({ Authorization: 'Bearer other', 'X-Ok': '1' });
    assert.deepEqual(read.plain, { 'x-ok': '1' });
    assert.equal(read.problems.length, 1);
    assert.equal(read.problems[0]!.setting, 'completionsChat.headers');
    assert.match(read.problems[0]!.message, /completionsChat\.headers.*"Authorization".*cannot be overridden.*Set API Token/);
    // Bearer endpoints may take an api-key header (a gateway's); Azure's api-key is the token.
    assert.deepEqual(readHeaderSettings({ 'api-key': SECRET_REFERENCE }).secret, ['api-key']);
    assert.match(problemsOf({ 'API-Key': 'x' }, 'api-key')[0]!, /"API-Key".*cannot be overridden/);
  });

  it('refuses CR/LF and other unsendable values, bad names, connection headers, duplicates and non-text', () => {
    const read = readHeaderSettings({
      'X-Inject': 'a\r\nX-Evil: 1',
      'X-Nul': 'a\u0000b',
      'X-Unicode': 'café',
      'Bad Name': 'x',
      'X:Colon': 'x',
      Host: 'elsewhere.example',
      'Content-Length': '1',
      'X-Dup': 'first',
      'x-dup': 'second',
      'X-Number': 5,
      'X-Long': 'x'.repeat(5000),
      'X-Fine': 'fine',
    });
    assert.deepEqual(read.plain, { 'x-dup': 'first', 'x-fine': 'fine' });
    const text = read.problems.map((problem) => problem.message).join('\n');
    for (const name of ['X-Inject', 'X-Nul', 'X-Unicode', 'Bad Name', 'X:Colon', 'Host', 'Content-Length', 'x-dup', 'X-Number', 'X-Long']) {
      assert.ok(text.includes(`"${name}"`), `${name} is named in:\n${text}`);
    }
    assert.equal(read.problems.length, 10);
    assert.ok(!text.includes('\r'), 'a reported value never carries its line break');
  });

  it('bounds the number of headers and refuses a value that is not an object', () => {
    const many = Object.fromEntries(Array.from({ length: MAX_HEADERS + 5 }, (_, index) => [`X-H${index}`, 'v']));
    const read = readHeaderSettings(many);
    assert.equal(Object.keys(read.plain).length, MAX_HEADERS);
    assert.match(read.problems[0]!.message, /only the first 50/);
    assert.match(problemsOf(['X-A: b'])[0]!, /must be an object/);
    assert.match(problemsOf('X-A: b')[0]!, /must be an object/);
    assert.deepEqual(readHeaderSettings(undefined), { plain: {}, secret: [], problems: [] });
  });

  it('sends a plain secret-looking value but warns that it belongs in secret storage', () => {
    const read = readHeaderSettings({ 'X-Api-Token': 'abcdefgh12345678', 'X-Trace-Id': 'abcdefgh12345678' });
    assert.equal(read.plain['x-api-token'], 'abcdefgh12345678');
    assert.equal(read.problems.length, 1);
    assert.match(read.problems[0]!.message, /"X-Api-Token".*looks like a secret.*Set Header Secret/);
    assert.ok(!read.problems[0]!.message.includes('abcdefgh12345678'), 'the value itself is never quoted');
  });

  it('checks a typed secret value with the same rules', () => {
    assert.equal(secretValueProblem('ok-value'), undefined);
    assert.match(secretValueProblem('a\nb')!, /line breaks/);
    assert.match(secretValueProblem('')!, /empty/);
  });
});
