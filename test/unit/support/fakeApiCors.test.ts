// The loopback API server answers CORS as real providers do, so the web extension (fetch in a
// browser worker, another origin) reaches it in the e2e flows.
import * as assert from 'node:assert/strict';
import { FakeApiServer, textReply } from '../../support/fakeApiServer';

describe('FakeApiServer CORS', () => {
  let server: FakeApiServer;
  beforeEach(async () => {
    server = await new FakeApiServer().start();
  });
  afterEach(() => server.stop());

  it('answers a preflight with the asked-for headers, and does not record it as a request', async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://vscode.dev', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.equal(response.headers.get('access-control-allow-headers'), 'authorization,content-type');
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /POST/);
    assert.equal(server.requests.length, 0);
  });

  it('lets any origin read a streamed answer and the model list', async () => {
    server.enqueue(textReply('hi'));
    const chat = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { origin: 'https://vscode.dev', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', messages: [], stream: true }),
    });
    assert.equal(chat.headers.get('access-control-allow-origin'), '*');
    await chat.text();
    const models = await fetch(`${server.url}/v1/models`, { headers: { origin: 'https://vscode.dev' } });
    assert.equal(models.headers.get('access-control-allow-origin'), '*');
  });
});
