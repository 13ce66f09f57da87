// Answers' images through a proxy: the address is checked here and the proxy is asked to tunnel
// to that address (never to a name it could resolve to the user's network).

import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { join } from 'node:path';
import { fetchImage } from '../../../../src/host/images/imageFetcher';
import { nodeImageConnector, nodeImageRequest } from '../../../../src/host/images/imageRequest';
import { certificatesFor } from '../../../../src/host/network/caCertificates';
import * as networkMain from '../../../../src/host/network/networkMain';
import { proxiedImageRequester } from '../../../../src/host/network/proxiedImageRequest';
import { RequestNetwork } from '../../../../src/host/network/requestNetwork';
import { FETCHED_IMAGE_LIMITS } from '../../../../src/shared/imageLimits';
import { ConnectProxy } from '../../../support/connectProxy';
import { pngImage } from '../../../support/imageFixtures';
import { findRepoRoot } from '../../../support/replayServer';

const TLS_DIR = join(findRepoRoot(), 'test/fixtures/tls');

const resolvingTo = (address: string, names: string[]): LookupFunction =>
  ((hostname: string, _options: unknown, callback: (error: null, addresses: { address: string; family: number }[]) => void) => {
    names.push(hostname);
    callback(null, [{ address, family: 4 }]);
  }) as unknown as LookupFunction;

describe('answer images through a proxy', () => {
  let server: Server;
  let proxy: ConnectProxy;
  let network: RequestNetwork;
  let hostHeaders: (string | undefined)[];
  const signal = new AbortController().signal;

  before(async () => {
    server = createServer({ key: readFileSync(join(TLS_DIR, 'server.key')), cert: readFileSync(join(TLS_DIR, 'server.pem')) }, (req, res) => {
      hostHeaders.push(req.headers.host);
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(pngImage()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(async () => {
    hostHeaders = [];
    proxy = await new ConnectProxy().start();
    network = new RequestNetwork({ settings: () => ({ proxy: proxy.url, strictSsl: true, caCertificates: [join(TLS_DIR, 'testCa.pem')] }), env: () => ({}), load: () => networkMain, certificates: certificatesFor });
  });
  afterEach(async () => {
    network.dispose();
    await proxy.stop();
  });

  const port = () => (server.address() as AddressInfo).port;

  it('tunnels to the address checked here, with the name in TLS and Host', async () => {
    const names: string[] = [];
    const image = await fetchImage(`https://chat.proxy.test:${port()}/a.png`, {
      limits: FETCHED_IMAGE_LIMITS,
      signal,
      resolve: resolvingTo('203.0.113.7', names),
      request: proxiedImageRequester(network, nodeImageRequest),
    });
    assert.equal(image.info.mimeType, 'image/png');
    assert.deepEqual(names, ['chat.proxy.test']);
    assert.deepEqual(proxy.tunnels, [`203.0.113.7:${port()}`], 'the proxy never gets the name to resolve');
    assert.deepEqual(hostHeaders, [`chat.proxy.test:${port()}`]);
  });

  it('refuses a name that resolves to a private address before asking the proxy', async () => {
    await assert.rejects(
      fetchImage(`https://intranet.corp.example:${port()}/a.png`, { limits: FETCHED_IMAGE_LIMITS, signal, resolve: resolvingTo('10.1.2.3', []), request: proxiedImageRequester(network, nodeImageRequest) }),
      /intranet\.corp\.example:\d+ is on this computer or its local network/,
    );
    assert.deepEqual(proxy.tunnels, []);
  });

  it('goes direct when no proxy applies (the loopback endpoint\'s own images)', async () => {
    let directCalls = 0;
    const direct: typeof nodeImageRequest = (url, options) => (directCalls++, nodeImageRequest(url, options));
    await assert.rejects(fetchImage(`https://127.0.0.1:${port()}/a.png`, { limits: FETCHED_IMAGE_LIMITS, signal, privateHostAllowed: '127.0.0.1', request: proxiedImageRequester(network, direct), resolve: nodeImageConnector.resolve }));
    assert.equal(directCalls, 1, 'loopback is never proxied');
    assert.deepEqual(proxy.tunnels, []);
  });
});
