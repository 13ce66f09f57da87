// The globals shared may use. Its code runs both in the extension host (Node) and in the
// webview (a browser), so its project sees neither Node's typings nor the DOM's: only what
// both runtimes provide, declared here as far as shared needs it. Add to this list only
// what Node and browsers both have.

declare class URL {
  constructor(url: string, base?: string | URL);
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  toString(): string;
}
