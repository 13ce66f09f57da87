// The proxy and CA path for real: a CONNECT proxy and a self-signed HTTPS server on loopback,
// the chat client sending through the fetch RequestNetwork builds (with networkMain's undici
// dispatchers, as dist/network.js gives them in the extension).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listModels, streamChat } from '../../../../src/core/chatClient';
import { certificatesFor } from '../../../../src/host/network/caCertificates';
import * as networkMain from '../../../../src/host/network/networkMain';
import { RequestNetwork, type NetworkSettings } from '../../../../src/host/network/requestNetwork';
import { SettingError } from '../../../../src/host/settings/settings';
import { ConnectProxy } from '../../../support/connectProxy';
import { FakeApiServer, textReply } from '../../../support/fakeApiServer';
import { collectAnswer, findRepoRoot } from '../../../support/replayServer';

const TLS_DIR = join(findRepoRoot(), 'test/fixtures/tls');
const CA_FILE = join(TLS_DIR, 'testCa.pem');
const tls = { key: readFileSync(join(TLS_DIR, 'server.key'), 'utf8'), cert: readFileSync(join(TLS_DIR, 'server.pem'), 'utf8') };

describe('request network (proxy and CA files)', () => {
  let server: FakeApiServer;
  let proxy: ConnectProxy;
  const networks: RequestNetwork[] = [];

  before(async () => {
    server = await new FakeApiServer({ tls, models: ['m-1', 'm-2'] }).start();
    server.respondWith(textReply('through'));
  });
  beforeEach(async () => {
    proxy = await new ConnectProxy().start();
  });
  afterEach(async () => {
    networks.splice(0).forEach((network) => network.dispose());
    await proxy.stop();
  });
  after(() => server.stop());

  const network = (settings: Partial<NetworkSettings>, env: Record<string, string> = {}): RequestNetwork => {
    const built = new RequestNetwork({ settings: () => ({ strictSsl: true, caCertificates: [], ...settings }), env: () => env, load: () => networkMain, certificates: certificatesFor });
    networks.push(built);
    return built;
  };
  const ask = async (baseUrl: string, net: RequestNetwork) =>
    collectAnswer(streamChat({ baseUrl, body: { model: 'm', messages: [{ role: 'user', content: 'q' }], stream: true }, fetch: await net.fetchFor(), retry: { maxRetries: 0 } }));

  it('sends the chat through the http.proxy setting to a name only the proxy can reach, trusting the CA file', async () => {
    const answer = await ask(`https://chat.proxy.test:${server.port}/v1`, network({ proxy: proxy.url, caCertificates: [CA_FILE] }));
    assert.equal(answer.error, undefined);
    assert.equal(answer.choices.get(0)?.content, 'through');
    assert.deepEqual(proxy.tunnels, [`chat.proxy.test:${server.port}`]);
  });

  it('refuses the self-signed server without the CA file (the trust comes from the setting, nothing else)', async () => {
    const answer = await ask(`https://chat.proxy.test:${server.port}/v1`, network({ proxy: proxy.url }));
    assert.ok(answer.error, 'an untrusted certificate must fail');
    assert.match(String(answer.error), /certificate|self[- ]signed|issuer/i);
    const direct = await ask(`${server.url}/v1`, network({}));
    assert.match(String(direct.error), /certificate|self[- ]signed|issuer/i);
  });

  it('trusts the CA file on a direct connection too, adding to the usual roots', async () => {
    const answer = await ask(`${server.url}/v1`, network({ caCertificates: [CA_FILE] }));
    assert.equal(answer.error, undefined);
    assert.equal(proxy.tunnels.length, 0);
  });

  it('takes HTTPS_PROXY from the environment, and NO_PROXY or a loopback host goes direct', async () => {
    const viaEnv = await ask(`https://chat.proxy.test:${server.port}/v1`, network({ caCertificates: [CA_FILE] }, { HTTPS_PROXY: proxy.url }));
    assert.equal(viaEnv.error, undefined);
    assert.equal(proxy.tunnels.length, 1);
    const loopback = await ask(`https://localhost:${server.port}/v1`, network({ caCertificates: [CA_FILE], proxy: proxy.url }));
    assert.equal(loopback.error, undefined);
    const bypassed = await ask(`https://chat.proxy.test:${server.port}/v1`, network({ caCertificates: [CA_FILE], proxy: proxy.url, noProxy: [`.proxy.test:${server.port}`] }));
    assert.ok(bypassed.error, 'a bypassed made-up name cannot be reached directly');
    assert.equal(proxy.tunnels.length, 1, 'neither the loopback nor the bypassed host went through the proxy');
  });

  it('sends the proxy URL\'s credentials as Basic proxy authentication', async () => {
    await proxy.stop();
    proxy = await new ConnectProxy({ credentials: 'alice:s3cret' }).start();
    const withCredentials = proxy.url.replace('http://', 'http://alice:s3cret@');
    const answer = await ask(`https://chat.proxy.test:${server.port}/v1`, network({ proxy: withCredentials, caCertificates: [CA_FILE] }));
    assert.equal(answer.error, undefined);
    assert.equal(proxy.authorizations[0], `Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
  });

  it('lists models through the same proxy', async () => {
    const net = network({ proxy: proxy.url, caCertificates: [CA_FILE] });
    const ids = await listModels(`https://chat.proxy.test:${server.port}/v1`, undefined, new AbortController().signal, { fetch: await net.fetchFor() });
    assert.deepEqual(ids, ['m-1', 'm-2']);
    assert.deepEqual(proxy.tunnels, [`chat.proxy.test:${server.port}`]);
  });

  it('uses the global fetch when nothing is configured, and names the setting of an unusable CA file or proxy', async () => {
    assert.equal(await network({}).fetchFor(), undefined);
    await assert.rejects(network({ caCertificates: [join(TLS_DIR, 'missing.pem')] }).fetchFor(), (error: unknown) => error instanceof SettingError && error.setting === 'completionsChat.caCertificates' && /missing\.pem/.test(error.message));
    await assert.rejects(network({ caCertificates: [join(TLS_DIR, 'README.md')] }).fetchFor(), (error: unknown) => error instanceof SettingError && /no PEM certificate/.test(error.message));
    await assert.rejects(network({ caCertificates: ['relative.pem'] }).fetchFor(), (error: unknown) => error instanceof SettingError && /absolute/.test(error.message));
    await assert.rejects(network({ proxy: 'socks5://127.0.0.1:1080' }).fetchFor(), (error: unknown) => error instanceof SettingError && error.setting === 'http.proxy');
    await assert.rejects(network({}, { HTTPS_PROXY: 'ftp://p' }).fetchFor(), (error: unknown) => error instanceof SettingError && /HTTPS_PROXY/.test(error.message));
  });
});
