import assert from 'node:assert/strict';
import { TOKEN_SECRET_KEY, TokenStore, type SecretStore } from '../../../../src/host/credentials/tokenStore';

class MemorySecrets implements SecretStore {
  readonly values = new Map<string, string>();
  async get(key: string) { return this.values.get(key); }
  async store(key: string, value: string) { this.values.set(key, value); }
  async delete(key: string) { this.values.delete(key); }
}

describe('TokenStore', () => {
  it('returns the token only for the origin it was entered for', async () => {
    const store = new TokenStore(new MemorySecrets());
    await store.set('https://api.acedata.cloud', ' secret-1 ');
    assert.equal(await store.get('https://api.acedata.cloud'), 'secret-1');
    assert.equal(await store.get('https://api.openai.com'), undefined);
    assert.equal(await store.get('https://api.acedata.cloud:8443'), undefined);
    assert.equal(await store.storedOrigin(), 'https://api.acedata.cloud');
  });

  it('keeps one entry under one key and clears it', async () => {
    const secrets = new MemorySecrets();
    const store = new TokenStore(secrets);
    await store.set('https://a.example', 'one');
    await store.set('https://b.example', 'two');
    assert.deepEqual([...secrets.values.keys()], [TOKEN_SECRET_KEY]);
    assert.equal(await store.get('https://a.example'), undefined);
    await store.clear();
    assert.equal(await store.get('https://b.example'), undefined);
  });

  it('treats an unreadable entry as no token', async () => {
    const secrets = new MemorySecrets();
    secrets.values.set(TOKEN_SECRET_KEY, 'not json');
    assert.equal(await new TokenStore(secrets).get('https://a.example'), undefined);
  });
});
