import * as assert from 'node:assert/strict';
import { streamChat } from '../../../../src/core/chatClient';
import { HeaderSecrets } from '../../../../src/host/credentials/headerSecrets';
import type { SecretStore } from '../../../../src/host/credentials/tokenStore';
import { EndpointExtras } from '../../../../src/host/network/endpointExtras';
import type { SettingError } from '../../../../src/host/settings/settings';
import { FakeApiServer, openAiError, textReply } from '../../../support/fakeApiServer';
import { collectAnswer } from '../../../support/replayServer';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) {
    return this.values.get(key);
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
}

describe('endpoint extras (custom headers on the wire)', () => {
  let server: FakeApiServer;
  let store: MemorySecrets;
  let secrets: HeaderSecrets;
  let setting: unknown;
  let reported: SettingError[];
  let extras: EndpointExtras;
  const SECRET = 'gw-secret-value-0123456789';

  before(async () => {
    server = await new FakeApiServer().start();
  });
  after(() => server.stop());
  beforeEach(() => {
    server.requests.length = 0;
    store = new MemorySecrets();
    secrets = new HeaderSecrets(store);
    reported = [];
    setting = { 'X-Tenant': 'team-a', 'X-Gateway-Key': '${secret}', Authorization: 'Bearer nope' };
    extras = new EndpointExtras({ headerSetting: () => setting, secrets, network: { fetchFor: async () => undefined }, report: (problem) => reported.push(problem) });
  });

  it('sends plain and secret headers to the endpoint, the token in authorization untouched, and reports a refused entry once', async () => {
    await secrets.set(new URL(server.url).origin, 'X-Gateway-Key', SECRET);
    server.respondWith(textReply('ok'));
    for (let i = 0; i < 2; i++) {
      const request = await extras.forEndpoint(`${server.url}/v1`);
      const answer = await collectAnswer(streamChat({ baseUrl: `${server.url}/v1`, token: 'sk-user-token-123456', body: { model: 'm', messages: [{ role: 'user', content: 'q' }] }, ...request }));
      assert.equal(answer.error, undefined);
    }
    const sent = server.requests[0]!.headers;
    assert.equal(sent['x-tenant'], 'team-a');
    assert.equal(sent['x-gateway-key'], SECRET);
    assert.equal(sent.authorization, 'Bearer sk-user-token-123456');
    assert.equal(reported.length, 1, 'the Authorization entry is reported once, not per request');
    assert.match(reported[0]!.message, /completionsChat\.headers.*"Authorization"/);
  });

  it('keeps a secret to the origin it was stored for, and fails naming the header when none is stored', async () => {
    await secrets.set('https://other.example', 'x-gateway-key', SECRET);
    await assert.rejects(extras.forEndpoint(`${server.url}/v1`), (error: SettingError) => error.setting === 'completionsChat.headers' && /"x-gateway-key".*Set Header Secret/.test(error.message) && !error.message.includes(SECRET));
  });

  it('removes secret header values from error messages', async () => {
    await secrets.set(new URL(server.url).origin, 'x-gateway-key', SECRET);
    server.respondWith(openAiError(401, `Invalid gateway key ${SECRET} for tenant`));
    const request = await extras.forEndpoint(`${server.url}/v1`);
    const answer = await collectAnswer(streamChat({ baseUrl: `${server.url}/v1`, body: { model: 'm', messages: [{ role: 'user', content: 'q' }] }, retry: { maxRetries: 0 }, ...request }));
    const message = String((answer.error as Error).message);
    assert.match(message, /Invalid gateway key/);
    assert.ok(!message.includes(SECRET), message);
  });
});
