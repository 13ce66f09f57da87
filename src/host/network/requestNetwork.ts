// How the extension's requests reach the network: through a proxy (VS Code's http.proxy /
// http.noProxy / http.proxySupport settings, or HTTPS_PROXY / NO_PROXY) and trusting the CAs of
// `completionsChat.caCertificates` besides the usual ones. Free of `vscode`.
//
// VS Code's own proxy support (http.fetchAdditionalSupport, on by default since 1.96) patches the
// global fetch: it resolves proxies (PAC and system settings included), adds the system's
// certificates and, when a request brings its own dispatcher, keeps that dispatcher's CAs. So:
// - nothing configured here: the global fetch as it is (VS Code's support, where present, applies);
// - a proxy or CA files configured: the global fetch with an undici dispatcher for that URL, which
//   VS Code's support takes over when active (its resolution honours the same settings) and which
//   does the job alone where it is not (VS Code before 1.96, `http.fetchAdditionalSupport: false`).
// The dispatchers come from dist/network.js, loaded only then.

import type { Dispatcher } from 'undici';
import type { FetchFunction } from '../../core/chatClient';
import { SETTING_IDS } from '../contributionIds';
import { SettingError } from '../settings/settings';
import type { DispatcherSpec } from './networkMain';
import { parseProxyUrl, ProxyConfigError, selectProxy, type ProxyConfig, type ProxyEnvironment } from './proxyRules';
import { t } from '../../shared/l10n';

export interface NetworkSettings {
  /** `http.proxy`, `http.noProxy`, `http.proxySupport`, `http.proxyStrictSSL`. */
  proxy?: string;
  noProxy?: readonly string[];
  proxySupport?: string;
  strictSsl: boolean;
  /** `completionsChat.caCertificates`. */
  caCertificates: readonly string[];
}

/** What dist/network.js offers (networkMain.ts). */
export interface NetworkModule {
  createDispatcher(spec: DispatcherSpec): Dispatcher;
}

export const CA_SETTING = SETTING_IDS.caCertificates;
const PROXY_SETTING = 'http.proxy';
/**
 * The certificates trusted, or why a listed file cannot be used (for the setting's error): a
 * result, not a thrown class, as the reader lives in the desktop's own bundle.
 */
export type TrustedCertificates = { list: string[] } | { problem: string };

/** Env names that can name a proxy; one set makes a dispatcher worth building. */
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

export class RequestNetwork {
  private readonly dispatchers = new Map<string, Dispatcher>();
  private certificates: { key: string; list: Promise<TrustedCertificates> } | undefined;
  private module: NetworkModule | undefined;

  constructor(
    private readonly deps: {
      settings(): NetworkSettings;
      /** The proxy variables (Node's process.env on the desktop). */
      env(): ProxyEnvironment;
      /** Loads dist/network.js (a test hands in networkMain itself). */
      load(): NetworkModule;
      /** Node's and the system's roots plus the user's CA files (caCertificates.ts, Node only). */
      certificates(paths: readonly string[]): Promise<TrustedCertificates>;
    },
  ) {}

  /**
   * The fetch for the next request, or undefined when nothing is configured (the global fetch).
   * Throws a SettingError naming the setting when a proxy or a CA file cannot be used.
   */
  async fetchFor(): Promise<FetchFunction | undefined> {
    const settings = this.deps.settings();
    const config: ProxyConfig = { proxy: settings.proxy, noProxy: settings.noProxy, proxySupport: settings.proxySupport, env: this.deps.env() };
    const proxied = config.proxySupport !== 'off' && (Boolean(config.proxy?.trim()) || PROXY_VARIABLES.some((name) => Boolean(config.env[name]?.trim())));
    if (!proxied && settings.caCertificates.length === 0) return undefined;
    if (proxied) checkProxyValues(config);
    const ca = settings.caCertificates.length > 0 ? await this.trusted(settings.caCertificates) : undefined;
    return (url, init) => {
      const proxy = asSettingError(() => selectProxy(url, config));
      if (proxy === undefined && ca === undefined) return fetch(url, init);
      const dispatcher = this.dispatcher({ proxy: proxy?.href, ca, strictSsl: settings.strictSsl });
      // Node's fetch (undici 6 in Node 20) takes an undici 7 dispatcher: the dispatch interface is the same.
      return fetch(url, { ...init, dispatcher } as unknown as RequestInit);
    };
  }

  /**
   * For an answer's image: the proxy it would go through (undefined: direct) with the CAs and
   * strictness for it, and the network bundle to build a dispatcher of its own.
   */
  async imagePlan(url: URL): Promise<{ proxy?: URL; ca?: string[]; strictSsl: boolean; module(): NetworkModule }> {
    const settings = this.deps.settings();
    const config: ProxyConfig = { proxy: settings.proxy, noProxy: settings.noProxy, proxySupport: settings.proxySupport, env: this.deps.env() };
    const proxy = asSettingError(() => selectProxy(url, config));
    if (proxy === undefined) return { strictSsl: settings.strictSsl, module: () => this.loaded() };
    const ca = settings.caCertificates.length > 0 ? await this.trusted(settings.caCertificates) : undefined;
    return { proxy, ca, strictSsl: settings.strictSsl, module: () => this.loaded() };
  }

  /** Closes every dispatcher (on a settings change and at shutdown); the next request builds anew. */
  reset(): void {
    for (const dispatcher of this.dispatchers.values()) void dispatcher.close().catch(() => undefined);
    this.dispatchers.clear();
    this.certificates = undefined;
  }

  dispose(): void {
    this.reset();
  }

  private dispatcher(spec: DispatcherSpec): Dispatcher {
    const key = `${spec.proxy ?? ''}\n${spec.strictSsl}\n${spec.ca?.length ?? 0}`;
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = this.loaded().createDispatcher(spec);
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  private loaded(): NetworkModule {
    this.module ??= this.deps.load();
    return this.module;
  }

  private async trusted(paths: readonly string[]): Promise<string[]> {
    const key = JSON.stringify(paths);
    if (this.certificates?.key !== key) {
      const list = this.deps.certificates(paths);
      this.certificates = { key, list };
      // A failed read is not kept: fixing the file and sending again must work.
      const forget = (): void => {
        if (this.certificates?.list === list) this.certificates = undefined;
      };
      list.then((found) => ('problem' in found ? forget() : undefined), forget);
    }
    const found = await this.certificates!.list;
    if ('problem' in found) throw new SettingError(CA_SETTING, found.problem);
    return found.list;
  }
}

/** Checks every configured proxy up front, so a bad one fails the request naming it before anything is sent. */
function checkProxyValues(config: ProxyConfig): void {
  const setting = config.proxy?.trim();
  if (setting) asSettingError(() => parseProxyUrl(setting, t('The setting "{0}"', PROXY_SETTING)));
  for (const name of PROXY_VARIABLES) {
    const value = config.env[name]?.trim();
    if (value) asSettingError(() => parseProxyUrl(value, t('The environment variable {0}', name), name));
  }
}

function asSettingError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof ProxyConfigError)) throw error;
    if (error.variable === undefined) throw new SettingError(PROXY_SETTING, error.reason);
    // The environment cannot be opened from a button; http.proxy is where it is overridden.
    throw new SettingError(PROXY_SETTING, t('is empty, and the environment variable {0} {1} Set http.proxy to override it.', error.variable, error.reason));
  }
}
