// The core's error messages in the display language: the host installs its translator (here the
// real l10n/bundle.l10n.zh-cn.json through the same table lookup the panel uses) and a
// provider's error comes out in Chinese, its code, trace id and the server's own text kept
// exactly as sent (data, never translated, never markup). Without a translator: English.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChatError, streamChat } from '../../../src/core/chatClient';
import { formatMessage, setCoreTranslator } from '../../../src/core/l10n';
import { tableTranslator } from '../../../src/shared/l10n';
import { collectAnswer, findRepoRoot, jsonAnswer, ReplayServer, type Handler } from '../../support/replayServer';

const chinese = JSON.parse(readFileSync(join(findRepoRoot(), 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

describe('core messages in the display language', () => {
  let server: ReplayServer;
  before(async () => (server = await ReplayServer.start()));
  after(async () => server.close());
  afterEach(() => setCoreTranslator(formatMessage));

  async function failureOf(handler: Handler): Promise<ChatError> {
    server.reset();
    server.always(handler);
    const answer = await collectAnswer(
      streamChat({ baseUrl: server.baseUrl, token: 'tok-123456789', body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true }, retry: { maxRetries: 0 } }),
    );
    assert.ok(answer.error instanceof ChatError);
    return answer.error;
  }

  const aceData = (code: string, message: string) => ({ success: false, error: { code, message }, trace_id: 'trace-42' });

  it('says an AceData error code in Chinese, keeping the code, the trace id and the server\'s text as sent', async () => {
    setCoreTranslator(tableTranslator(chinese));
    const error = await failureOf(jsonAnswer(401, aceData('invalid_token', '令牌无效 <b>x</b>')));
    assert.equal(error.message, '服务器拒绝了 API 令牌：令牌无效 <b>x</b>。 请为此端点设置有效的 API 令牌，然后重试。 (HTTP 401，错误码 invalid_token，追踪 ID trace-42)');
    assert.equal(error.code, 'invalid_token');
    assert.equal(error.providerMessage, '令牌无效 <b>x</b>');
  });

  it('translates every AceData code the provider documents, and the wait it asks for', async () => {
    setCoreTranslator(tableTranslator(chinese));
    const cases: [number, string, RegExp][] = [
      [400, 'token_mismatched', /^该 API 令牌不属于此 API：m。 请设置为此 API 签发的令牌，然后重试。/],
      [400, 'api_not_implemented', /^配置的端点不提供此 API：m。 请检查设置中的基础 URL 和模型名称。/],
      [429, 'too_many_requests', /^服务器正在限制请求频率：m。 请稍候再试。/],
      [500, 'api_error', /^服务器出错：m。 请稍后重试/],
    ];
    for (const [status, code, expected] of cases) {
      const error = await failureOf(jsonAnswer(status, aceData(code, 'm')));
      assert.match(error.message, expected, code);
      assert.match(error.message, new RegExp(`错误码 ${code}`));
    }
    const limited = await failureOf((_request, response) => {
      response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '90' });
      response.end(JSON.stringify(aceData('too_many_requests', 'slow down')));
    });
    assert.match(limited.message, /服务器要求等待：请在 2 分钟 后重试。/);
  });

  it('stays English without a translator', async () => {
    const error = await failureOf(jsonAnswer(401, aceData('invalid_token', 'bad')));
    assert.match(error.message, /^The server rejected the API token: bad\. Set a valid API token for this endpoint and try again\. \(HTTP 401, code invalid_token, trace id trace-42\)$/);
  });
});
