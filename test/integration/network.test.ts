// Corporate networks and custom headers in a real VS Code extension host (issue 12): the chat
// goes through an HTTP CONNECT proxy on loopback (http.proxy) to a made-up host name only that
// proxy can reach, served over HTTPS with a certificate trusted only through
// completionsChat.caCertificates, carrying the custom headers (one from secret storage). Once
// with VS Code's own fetch proxy support (on by default in 1.100), once without it
// (http.fetchAdditionalSupport: false), where the extension's undici dispatcher does it alone.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TestApi } from '../../src/extension';
import { readHeaderSetting } from '../../src/host/network/customHeadersCommand';
import { readNetworkSettings } from '../../src/host/network/vscodeNetwork';
import { ConnectProxy } from '../support/connectProxy';
import { FakeApiServer, textReply } from '../support/fakeApiServer';
import { activateForTests, EXTENSION_ID, enterApiToken, setSetting, until } from './extensionHarness';

async function setHttp(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('http').update(key, value, vscode.ConfigurationTarget.Global);
  const expected = JSON.stringify(value ?? vscode.workspace.getConfiguration('http').inspect(key)?.defaultValue);
  await until(() => JSON.stringify(vscode.workspace.getConfiguration('http').get(key)) === expected, `http.${key} to take effect`);
}

suite('Corporate networks and custom headers in a real VS Code', function () {
  this.timeout(60_000);
  const tlsDir = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'tls');
  const caFile = join(tlsDir, 'testCa.pem');
  const server = new FakeApiServer({ tls: { key: readFileSync(join(tlsDir, 'server.key'), 'utf8'), cert: readFileSync(join(tlsDir, 'server.pem'), 'utf8') }, models: ['via-proxy-model'] });
  const proxy = new ConnectProxy();
  let api: TestApi;
  let baseUrl: string;

  suiteSetup(async () => {
    await server.start();
    await proxy.start();
    api = await activateForTests();
    baseUrl = `https://chat.proxy.test:${server.port}/v1`;
    await setSetting('baseUrl', baseUrl);
    await setSetting('stream', true);
    await setSetting('headers', { 'X-Tenant': 'team-a', 'X-Gateway-Key': '${secret}' });
    await setHttp('proxy', proxy.url);
    await enterApiToken(api, 'it-network-token');
    // The header's secret, entered the way a user does: the command and its password box.
    let asked: vscode.InputBoxOptions | undefined;
    const answered = api.dialogs.answer({ showInputBox: async (options) => ((asked = options), 'gw-secret-4242') });
    try {
      await vscode.commands.executeCommand('completionsChat.setHeaderSecret');
    } finally {
      answered.dispose();
    }
    assert.ok(asked?.password, 'the header secret is asked for in a password box');
  });

  suiteTeardown(async () => {
    await setHttp('proxy', undefined);
    await setHttp('fetchAdditionalSupport', undefined);
    for (const key of ['baseUrl', 'headers', 'caCertificates']) await setSetting(key, undefined);
    await proxy.stop();
    await server.stop();
  });

  setup(() => {
    server.reset();
    proxy.tunnels.length = 0;
  });

  const sendAndExpect = async (text: string): Promise<void> => {
    server.enqueue(textReply(text));
    await api.session.send('Through the proxy?');
    const answer = api.session.lastAnswer()!;
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    assert.equal(answer.candidates[0]!.content, text);
    const [request] = server.chatRequests();
    assert.equal(request!.headers['x-tenant'], 'team-a');
    assert.equal(request!.headers['x-gateway-key'], 'gw-secret-4242');
    assert.equal(request!.headers.authorization, 'Bearer it-network-token');
    assert.ok(proxy.tunnels.includes(`chat.proxy.test:${server.port}`), `the proxy tunnelled ${JSON.stringify(proxy.tunnels)}`);
  };

  test('without the CA file the self-signed server is refused: the trust comes from the setting', async () => {
    await setSetting('caCertificates', undefined);
    server.enqueue(textReply('must not arrive'));
    await api.session.send('Trusted?');
    const error = api.session.lastAnswer()!.error;
    assert.ok(error, 'an untrusted certificate fails the request');
    assert.match(error.message, /certificate|self[- ]signed|issuer|chat\.proxy\.test/i);
    assert.equal(server.chatRequests().length, 0);
  });

  test('with the CA file, the chat goes through the proxy (VS Code\'s fetch support on) with the custom headers', async () => {
    await setSetting('caCertificates', [caFile]);
    await sendAndExpect('Answered through the proxy.');
  });

  test('with VS Code\'s fetch support off, the extension\'s own dispatcher goes through the proxy', async () => {
    await setSetting('caCertificates', [caFile]);
    await setHttp('fetchAdditionalSupport', false);
    try {
      await sendAndExpect('Answered through the proxy, by the extension alone.');
    } finally {
      await setHttp('fetchAdditionalSupport', undefined);
    }
  });

  test('the model list goes through the same proxy with the same headers', async () => {
    await setSetting('caCertificates', [caFile]);
    const picking = vscode.commands.executeCommand('completionsChat.selectModel');
    await until(() => server.requests.some((request) => request.path.endsWith('/models')), 'the model-list request');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await picking;
    const listing = server.requests.find((request) => request.path.endsWith('/models'))!;
    assert.equal(listing.headers['x-gateway-key'], 'gw-secret-4242');
    assert.ok(proxy.tunnels.length > 0);
  });

  test('untrusted, a workspace cannot add headers, CA files or a proxy: only the user\'s values count', async () => {
    await setSetting('caCertificates', [caFile]);
    const config = vscode.workspace.getConfiguration('completionsChat');
    // CA files are machine-scoped: VS Code refuses them in a workspace's settings at all.
    await assert.rejects(Promise.resolve(config.update('caCertificates', ['/tmp/repo-ca.pem'], vscode.ConfigurationTarget.Workspace)), /only into User settings/);
    try {
      await config.update('headers', { 'X-From-Repo': 'evil' }, vscode.ConfigurationTarget.Workspace);
      await until(() => JSON.stringify(vscode.workspace.getConfiguration('completionsChat').get('headers')).includes('X-From-Repo'), 'the workspace headers');
      // Trusted, VS Code merges the workspace's object into the user's: the workspace's entry counts.
      assert.deepEqual(readHeaderSetting(true), { 'X-Tenant': 'team-a', 'X-Gateway-Key': '${secret}', 'X-From-Repo': 'evil' });
      assert.deepEqual(readHeaderSetting(false), { 'X-Tenant': 'team-a', 'X-Gateway-Key': '${secret}' });
      assert.deepEqual(readNetworkSettings(false).caCertificates, [caFile]);
      assert.equal(readNetworkSettings(false).proxy, proxy.url);
    } finally {
      await config.update('headers', undefined, vscode.ConfigurationTarget.Workspace);
      await until(() => !JSON.stringify(vscode.workspace.getConfiguration('completionsChat').get('headers')).includes('X-From-Repo'), 'the workspace headers to be gone');
    }
  });
});
