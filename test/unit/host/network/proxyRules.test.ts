import * as assert from 'node:assert/strict';
import { bypasses, parseProxyUrl, ProxyConfigError, selectProxy, type ProxyConfig } from '../../../../src/host/network/proxyRules';

const select = (url: string, config: Partial<ProxyConfig>): string | undefined => selectProxy(new URL(url), { env: {}, ...config })?.href;

describe('proxy rules', () => {
  it('uses the http.proxy setting for http and https, before the environment', () => {
    const config = { proxy: 'http://proxy.corp:3128', env: { HTTPS_PROXY: 'http://env.corp:8080' } };
    assert.equal(select('https://api.example.com/v1', config), 'http://proxy.corp:3128/');
    assert.equal(select('http://api.example.com/v1', config), 'http://proxy.corp:3128/');
  });

  it('falls back to the environment: https_proxy, then HTTPS_PROXY, then http_proxy for https; only http_proxy for http', () => {
    assert.equal(select('https://a.example', { proxy: '', env: { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' } }), 'http://lower:2/');
    assert.equal(select('https://a.example', { env: { HTTPS_PROXY: 'http://upper:1', HTTP_PROXY: 'http://plain:3' } }), 'http://upper:1/');
    assert.equal(select('https://a.example', { env: { HTTP_PROXY: 'http://plain:3' } }), 'http://plain:3/');
    assert.equal(select('http://a.example', { env: { HTTPS_PROXY: 'http://upper:1' } }), undefined);
    assert.equal(select('https://a.example', { proxy: '   ', env: {} }), undefined);
  });

  it('never proxies loopback hosts, and nothing when http.proxySupport is off', () => {
    const config = { proxy: 'http://proxy.corp:3128' };
    for (const url of ['http://localhost:11434/v1', 'http://127.0.0.1:8080', 'http://[::1]:1/']) assert.equal(select(url, config), undefined, url);
    assert.equal(select('https://api.example.com', { ...config, proxySupport: 'off' }), undefined);
    assert.equal(select('https://api.example.com', { ...config, proxySupport: 'on' }), 'http://proxy.corp:3128/');
  });

  it('bypasses hosts and their subdomains at a label boundary, from the setting and NO_PROXY alike', () => {
    const config = { proxy: 'http://p:1', noProxy: ['internal.corp'], env: { NO_PROXY: '.example.org, *.wild.test' } };
    assert.equal(select('https://internal.corp/x', config), undefined);
    assert.equal(select('https://api.internal.corp/x', config), undefined);
    assert.equal(select('https://notinternal.corp/x', config), 'http://p:1/');
    assert.equal(select('https://example.org/x', config), undefined);
    assert.equal(select('https://a.b.example.org/x', config), undefined);
    assert.equal(select('https://x.wild.test/', config), undefined);
    assert.equal(select('https://wild.test/', config), undefined);
    assert.equal(select('https://mywild.test/', config), 'http://p:1/');
  });

  it('matches a port when the entry names one (default ports included) and `*` matches everything', () => {
    const entries = ['gateway.corp:8443', 'plain.corp:80', '10.0.0.5', '[fd00::1]:443'];
    assert.equal(bypasses(new URL('https://gateway.corp:8443/'), entries), true);
    assert.equal(bypasses(new URL('https://gateway.corp/'), entries), false);
    assert.equal(bypasses(new URL('http://plain.corp/'), entries), true);
    assert.equal(bypasses(new URL('https://plain.corp/'), entries), false);
    assert.equal(bypasses(new URL('https://10.0.0.5:9/'), entries), true);
    assert.equal(bypasses(new URL('https://110.0.0.5/'), entries), false);
    assert.equal(bypasses(new URL('https://[fd00::1]/'), entries), true);
    assert.equal(bypasses(new URL('https://[fd00::1]:8443/'), entries), false);
    assert.equal(bypasses(new URL('https://anything.example/'), ['*']), true);
    assert.equal(select('https://x.example', { env: { HTTPS_PROXY: 'http://p:1', no_proxy: '*' } }), undefined);
  });

  it('is case-insensitive and ignores empty entries and non-text ones', () => {
    const noProxy = ['', 'Example.COM', 42 as unknown as string];
    assert.equal(select('https://API.example.com', { proxy: 'http://p:1', noProxy }), undefined);
    assert.equal(select('https://other.test', { proxy: 'http://p:1', noProxy }), 'http://p:1/');
  });

  it('accepts host:port without a scheme, keeps credentials, refuses other schemes naming the source', () => {
    assert.equal(parseProxyUrl('proxy.corp:3128', 'x').href, 'http://proxy.corp:3128/');
    assert.equal(parseProxyUrl('https://user:pa%20ss@proxy.corp', 'x').password, 'pa%20ss');
    assert.throws(() => select('https://a.example', { proxy: 'socks5://p:1080' }), (error: unknown) => error instanceof ProxyConfigError && /http\.proxy.*socks5/.test(error.message));
    assert.throws(() => select('https://a.example', { env: { HTTPS_PROXY: 'http://[bad' } }), (error: unknown) => error instanceof ProxyConfigError && /HTTPS_PROXY/.test(error.message));
    assert.throws(() => parseProxyUrl(`http://${'a'.repeat(3000)}`, 'x'), ProxyConfigError);
  });
});
