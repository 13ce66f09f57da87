// Which proxy a request goes through: VS Code's `http.proxy`, `http.noProxy` and
// `http.proxySupport` settings and the conventional environment (`HTTPS_PROXY`, `HTTP_PROXY`,
// `NO_PROXY`, lower case first, as VS Code reads them). Pure rules, free of `vscode` and of any
// network code, so they are unit-tested and the same for chat, the model list and images.
//
// - The `http.proxy` setting wins over the environment; an empty setting means "use the
//   environment".
// - `http.proxySupport: "off"` means no proxy at all, as for VS Code's own proxy support.
// - Loopback hosts never go through a proxy (VS Code does the same): a local Ollama stays local.
// - Bypass entries (the setting's list and NO_PROXY's, both apply): `*` (everything), a host
//   name matching itself and its subdomains (`example.com`, `.example.com`, `*.example.com`), an
//   IP address exactly, each optionally with `:port` (then only that port). No CIDR ranges.

import { isLoopbackHost } from '../../core/endpoint';
import { t } from '../../shared/l10n';

export interface ProxyEnvironment {
  [name: string]: string | undefined;
}

export interface ProxyConfig {
  /** `http.proxy` ('' or undefined: none set). */
  proxy?: string;
  /** `http.noProxy`. */
  noProxy?: readonly string[];
  /** `http.proxySupport` ('override' when unset). */
  proxySupport?: string;
  /** The extension host's environment. */
  env: ProxyEnvironment;
}

/** A proxy setting or variable that cannot be used; `source` names where it came from. */
export class ProxyConfigError extends Error {
  constructor(
    readonly source: string,
    readonly reason: string,
    /** The environment variable the value came from; undefined for the setting. */
    readonly variable?: string,
  ) {
    super(`${source} ${reason}`);
    this.name = 'ProxyConfigError';
  }
}

/** Longer proxy URLs or bypass lists are refused, not parsed: they are not real configurations. */
const MAX_PROXY_URL_LENGTH = 2048;
const MAX_BYPASS_ENTRIES = 500;

/** The proxy for `url`, or undefined to connect directly. Throws ProxyConfigError for an unusable proxy. */
export function selectProxy(url: URL, config: ProxyConfig): URL | undefined {
  if (config.proxySupport === 'off') return undefined;
  if (isLoopbackHost(url.hostname)) return undefined;
  const chosen = proxyFor(url, config);
  if (chosen === undefined) return undefined;
  if (bypasses(url, bypassList(config))) return undefined;
  return parseProxyUrl(chosen.value, chosen.source, chosen.variable);
}

function proxyFor(url: URL, config: ProxyConfig): { value: string; source: string; variable?: string } | undefined {
  const setting = config.proxy?.trim();
  if (setting) return { value: setting, source: t('The setting "{0}"', 'http.proxy') };
  const names = url.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'] : ['http_proxy', 'HTTP_PROXY'];
  for (const name of names) {
    const value = config.env[name]?.trim();
    if (value) return { value, source: t('The environment variable {0}', name), variable: name };
  }
  return undefined;
}

/** The bypass entries of the setting and of NO_PROXY / no_proxy, lower case, empty ones dropped. */
export function bypassList(config: ProxyConfig): string[] {
  const fromEnv = (config.env.no_proxy ?? config.env.NO_PROXY ?? '').split(/[\s,]+/);
  const fromSetting = Array.isArray(config.noProxy) ? config.noProxy.filter((entry): entry is string => typeof entry === 'string') : [];
  return [...fromSetting, ...fromEnv]
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .slice(0, MAX_BYPASS_ENTRIES);
}

/** Whether any bypass entry matches the URL's host (and port, when the entry names one). */
export function bypasses(url: URL, entries: readonly string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return entries.some((entry) => matchesEntry(host, port, entry));
}

function matchesEntry(host: string, port: string, raw: string): boolean {
  if (raw === '*') return true;
  const { name, entryPort } = splitEntry(raw);
  if (entryPort !== undefined && entryPort !== port) return false;
  if (name === '') return false;
  if (name === '*') return true;
  const suffix = name.replace(/^\*?\./, '');
  if (suffix !== name || !isIpLiteral(suffix)) {
    // A name matches itself and anything below it, at a label boundary (`ample.com` does not match `example.com`).
    return host === suffix || host.endsWith(`.${suffix}`);
  }
  return host === suffix;
}

/** `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address (no port then). */
function splitEntry(raw: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]*)\](?::(\d{1,5}))?$/.exec(raw);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] };
  const colons = raw.split(':').length - 1;
  if (colons === 1) {
    const [name, port] = raw.split(':') as [string, string];
    return /^\d{1,5}$/.test(port) ? { name, entryPort: port } : { name: raw };
  }
  return { name: raw };
}

function isIpLiteral(name: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(name) || name.includes(':');
}

/**
 * A proxy URL as VS Code and curl accept it: `http://host:port`, `https://host:port`, or a bare
 * `host:port` (taken as http). Credentials in it (`http://user:pass@host`) are kept for the
 * proxy's Basic authentication. Other schemes (socks…) are refused with the source named.
 */
export function parseProxyUrl(value: string, source: string, variable?: string): URL {
  if (value.length > MAX_PROXY_URL_LENGTH) throw new ProxyConfigError(source, t('is too long to be a proxy address.'), variable);
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ProxyConfigError(source, t('is not a valid proxy address such as http://proxy.example.com:8080.'), variable);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ProxyConfigError(source, t('names a {0} proxy; only http:// and https:// proxies are supported.', url.protocol.replace(/:$/, '')), variable);
  }
  if (url.hostname === '') throw new ProxyConfigError(source, t('names no proxy host.'), variable);
  return url;
}

/** The proxy's address without its credentials, for messages and logs. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}
