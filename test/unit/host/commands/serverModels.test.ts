// The model picker's server list against a loopback server: fetched with the token for the
// endpoint, hung up when its owner goes away (the picker closed, the extension deactivated).
import assert from 'node:assert/strict';
import { serverModels, type ServerModelsDeps } from '../../../../src/host/commands/serverModels';
import { SETTING_DEFAULTS } from '../../../../src/host/settings/settings';
import { ReplayServer } from '../../../support/replayServer';

describe('server models for the picker', () => {
  let server: ReplayServer;
  let logged: string[];
  let deps: ServerModelsDeps;

  before(async () => {
    server = await ReplayServer.start();
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    logged = [];
    deps = { settings: { ...SETTING_DEFAULTS, baseUrl: server.baseUrl }, tokenFor: async () => 'sk-models-token', log: (message) => logged.push(message) };
  });

  it('lists the endpoint’s models with its token', async () => {
    server.script((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: [{ id: 'm1' }, { id: 'm2' }] }));
    });
    assert.deepEqual(await serverModels(deps, new AbortController().signal), ['m1', 'm2']);
    assert.equal(server.requests[0]!.headers.authorization, 'Bearer sk-models-token');
  });

  it('asks nothing while the settings are bad', async () => {
    assert.deepEqual(await serverModels({ ...deps, settings: undefined }, new AbortController().signal), []);
    assert.equal(server.requests.length, 0);
  });

  it('hangs up when its owner is disposed: the server sees the connection close, nothing is logged', async () => {
    // Never answered; resolves when this request's own connection closes.
    let arrived!: (request: { closed: Promise<void> }) => void;
    const requested = new Promise<{ closed: Promise<void> }>((resolve) => (arrived = resolve));
    server.script((req) => arrived({ closed: new Promise<void>((resolve) => req.socket.once('close', () => resolve())) }));
    const owner = new AbortController();
    const listing = serverModels(deps, owner.signal);
    const { closed } = await requested;
    owner.abort();
    await assert.rejects(listing);
    await closed;
    assert.deepEqual(logged, []);
  });

  it('logs why a server has no list', async () => {
    server.script((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('no such route');
    });
    await assert.rejects(serverModels(deps, new AbortController().signal));
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /^No model list from the server/);
  });
});
