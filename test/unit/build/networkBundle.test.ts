// dist/network.js as it ships: built by scripts/networkBuild.mjs with undici's unreachable parts
// left out and the HTTP parser's WebAssembly in a file beside it, then used for real: a chat
// through a CONNECT proxy to a server trusted by a CA file, and an answer's image through the
// same proxy with the dispatcher's own `request` (the paths the extension takes).

import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Metafile } from 'esbuild';
import { streamChat } from '../../../src/core/chatClient';
import { fetchImage } from '../../../src/host/images/imageFetcher';
import { nodeImageRequest } from '../../../src/host/images/imageRequest';
import { certificatesFor } from '../../../src/host/network/caCertificates';
import { proxiedImageRequester } from '../../../src/host/network/proxiedImageRequest';
import { RequestNetwork, type NetworkModule } from '../../../src/host/network/requestNetwork';
import { FETCHED_IMAGE_LIMITS } from '../../../src/shared/imageLimits';
import { ConnectProxy } from '../../support/connectProxy';
import { FakeApiServer, textReply } from '../../support/fakeApiServer';
import { pngImage } from '../../support/imageFixtures';
import { collectAnswer, findRepoRoot } from '../../support/replayServer';

interface NetworkBuild {
  networkBuild(common: BuildOptions, options?: { outdir?: string }): BuildOptions;
}

const TLS_DIR = join(findRepoRoot(), 'test/fixtures/tls');
const CA_FILE = join(TLS_DIR, 'testCa.pem');
const tls = { key: readFileSync(join(TLS_DIR, 'server.key'), 'utf8'), cert: readFileSync(join(TLS_DIR, 'server.pem'), 'utf8') };

describe('the network bundle (dist/network.js) as it ships', function () {
  this.timeout(60_000);
  let outdir: string;
  let built: NetworkModule;
  let inputs: string[];
  let api: FakeApiServer;
  let images: Server;
  let proxy: ConnectProxy;

  before(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'cc-network-'));
    const { networkBuild } = (await import(pathToFileURL(resolve('scripts/networkBuild.mjs')).href)) as NetworkBuild;
    const esbuild = await import('esbuild');
    const result = await esbuild.build({ ...networkBuild({ bundle: true, logLevel: 'silent', minify: true }, { outdir }), metafile: true });
    inputs = Object.keys((result.metafile as Metafile).inputs);
    built = require(join(outdir, 'network.js')) as NetworkModule;
    api = await new FakeApiServer({ tls }).start();
    api.respondWith(textReply('through the bundle'));
    images = createServer(tls, (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from(pngImage())));
    await new Promise<void>((done) => images.listen(0, '127.0.0.1', done));
    proxy = await new ConnectProxy().start();
  });
  after(async () => {
    await proxy.stop();
    await api.stop();
    await new Promise((done) => images.close(done));
    rmSync(outdir, { recursive: true, force: true });
  });

  const network = (): RequestNetwork =>
    new RequestNetwork({ settings: () => ({ proxy: proxy.url, strictSsl: true, caCertificates: [CA_FILE] }), env: () => ({}), load: () => built, certificates: certificatesFor });

  it("leaves out undici's parts the extension cannot reach", () => {
    const undici = inputs.filter((file) => file.includes('node_modules/undici/'));
    assert.ok(undici.some((file) => file.endsWith('dispatcher/proxy-agent.js')));
    for (const leftOut of ['web/webidl/index.js', 'web/fetch/util.js', 'core/socks5-client.js']) {
      assert.ok(!undici.some((file) => file.endsWith(leftOut)), `${leftOut} is in the bundle`);
    }
    assert.doesNotMatch(readFileSync(join(outdir, 'network.js'), 'utf8'), /AGFzbQEAAAAB/, 'the parser is not inlined as base64');
  });

  it('streams a chat through a CONNECT proxy to a server trusted by the CA file', async () => {
    const net = network();
    try {
      const body = { model: 'm', messages: [{ role: 'user' as const, content: 'q' }], stream: true };
      const answer = await collectAnswer(streamChat({ baseUrl: `https://chat.proxy.test:${api.port}/v1`, body, fetch: await net.fetchFor(), retry: { maxRetries: 0 } }));
      assert.equal(answer.error, undefined);
      assert.equal(answer.choices.get(0)?.content, 'through the bundle');
      assert.deepEqual(proxy.tunnels.splice(0), [`chat.proxy.test:${api.port}`]);
    } finally {
      net.dispose();
    }
  });

  it("fetches an answer's image through the proxy with the dispatcher's request", async () => {
    const net = network();
    const port = (images.address() as AddressInfo).port;
    const resolveTo = ((_name: string, _options: unknown, callback: (error: null, found: { address: string; family: number }[]) => void) =>
      callback(null, [{ address: '203.0.113.7', family: 4 }])) as unknown as LookupFunction;
    try {
      const image = await fetchImage(`https://chat.proxy.test:${port}/a.png`, {
        limits: FETCHED_IMAGE_LIMITS,
        signal: new AbortController().signal,
        resolve: resolveTo,
        request: proxiedImageRequester(net, nodeImageRequest),
      });
      assert.equal(image.info.mimeType, 'image/png');
      assert.deepEqual(proxy.tunnels.splice(0), [`203.0.113.7:${port}`]);
    } finally {
      net.dispose();
    }
  });
});
