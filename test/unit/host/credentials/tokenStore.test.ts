import assert from 'node:assert/strict';
import { TOKEN_SECRET_KEY, TokenStore, tokenSecretKey, type SecretStore } from '../../../../src/host/credentials/tokenStore';

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

// Endpoint profiles (issue 12): each profile's token under its own key.
describe('TokenStore per endpoint profile', () => {
  it('keeps the Default profile on the key tokens had before profiles', () => {
    assert.equal(tokenSecretKey(undefined), TOKEN_SECRET_KEY);
    assert.equal(tokenSecretKey('default'), TOKEN_SECRET_KEY);
    assert.notEqual(tokenSecretKey('work'), TOKEN_SECRET_KEY);
    assert.notEqual(tokenSecretKey('work'), tokenSecretKey('local'));
  });

  it('keeps one token per profile: setting or clearing one leaves the others', async () => {
    const secrets = new MemorySecrets();
    const store = (profile?: string) => new TokenStore(secrets, tokenSecretKey(profile));
    await store().set('https://api.example', 'default-token');
    await store('work').set('https://api.example', 'work-token');
    await store('local').set('http://127.0.0.1:1234', 'local-token');
    assert.equal(await store().get('https://api.example'), 'default-token');
    assert.equal(await store('work').get('https://api.example'), 'work-token');
    // Still bound to its origin: a profile's token goes to no other server.
    assert.equal(await store('work').get('https://other.example'), undefined);
    await store('work').clear();
    assert.equal(await store('work').get('https://api.example'), undefined);
    assert.equal(await store().get('https://api.example'), 'default-token');
    assert.equal(await store('local').get('http://127.0.0.1:1234'), 'local-token');
  });

  it('keys a profile with any name safely (no key of another profile or of Default)', () => {
    assert.equal(tokenSecretKey('a.b'), `${TOKEN_SECRET_KEY}.profile.a.b`);
    assert.equal(tokenSecretKey('my team/eu'), `${TOKEN_SECRET_KEY}.profile.my%20team%2Feu`);
  });
});
