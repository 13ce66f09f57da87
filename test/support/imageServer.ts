// A loopback HTTP server that serves images (and non-images, redirects, huge bodies) and
// records every request with its headers, so tests can prove what was fetched, when, and
// with which headers — and, above all, that nothing was fetched before it was allowed.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ImageServerRequest {
  path: string;
  headers: IncomingHttpHeaders;
}

export type Route = (response: ServerResponse, server: ImageServer) => void;

export class ImageServer {
  readonly requests: ImageServerRequest[] = [];
  private readonly routes = new Map<string, Route>();
  private server: Server | undefined;

  /** `address`: another loopback address (127.0.0.2) stands for a machine other than the API endpoint's. */
  constructor(private readonly address = '127.0.0.1') {}

  /** Serves `body` at `path` with `type` (any bytes under any declared type). */
  serve(path: string, body: Uint8Array | string, type = 'image/png'): this {
    return this.route(path, (response) => {
      response.writeHead(200, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
      response.end(body);
    });
  }

  redirect(path: string, location: string, status = 302): this {
    return this.route(path, (response) => {
      response.writeHead(status, { location });
      response.end();
    });
  }

  route(path: string, route: Route): this {
    this.routes.set(path, route);
    return this;
  }

  /** Requests for `path` (or all of them). */
  count(path?: string): number {
    return path === undefined ? this.requests.length : this.requests.filter((request) => request.path === path).length;
  }

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      this.requests.push({ path, headers: request.headers });
      const route = this.routes.get(path);
      if (route) route(response, this);
      else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('not found');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, this.address, resolve));
    this.server = server;
    return this;
  }

  /** `127.0.0.1:PORT`: the host an allow-list names. */
  get host(): string {
    return `${this.address}:${(this.server!.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
    this.server = undefined;
  }
}
