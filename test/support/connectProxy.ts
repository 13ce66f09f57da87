// A tiny HTTP CONNECT proxy on loopback, the test's counterpart of a corporate proxy: it records
// every tunnel asked for (`host:port`), optionally checks Basic proxy credentials, and connects
// each tunnel where `route` says (by default, every host name to 127.0.0.1 at the asked port, so
// a made-up name like chat.proxy.test reaches a loopback server only through this proxy).
// Plain Node, no 'vscode'.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxyOptions {
  /** Where a tunnel to `host:port` really goes. */
  route?: (host: string, port: number) => { host: string; port: number };
  /** `user:password` the proxy demands (407 without it). */
  credentials?: string;
}

export class ConnectProxy {
  /** Every CONNECT target, in order (`chat.proxy.test:443`). */
  readonly tunnels: string[] = [];
  /** Every Proxy-Authorization header received. */
  readonly authorizations: (string | undefined)[] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: ConnectProxyOptions = {}) {}

  async start(): Promise<this> {
    const server = createServer((_req, res) => {
      res.writeHead(405, { 'content-type': 'text/plain' }).end('This test proxy only tunnels (CONNECT).');
    });
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => this.tunnel(req, client, head));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  /** `http://127.0.0.1:PORT`. */
  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = req.url ?? '';
    this.tunnels.push(target);
    const authorization = req.headers['proxy-authorization'];
    this.authorizations.push(authorization);
    if (this.options.credentials !== undefined && authorization !== `Basic ${Buffer.from(this.options.credentials).toString('base64')}`) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const match = /^(.+):(\d+)$/.exec(target);
    if (!match) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const asked = { host: match[1]!.replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) };
    const to = this.options.route ? this.options.route(asked.host, asked.port) : { host: '127.0.0.1', port: asked.port };
    const upstream = connect(to.port, to.host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  }
}
