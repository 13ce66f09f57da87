import * as assert from 'node:assert/strict';
import { isLoopbackHost, resolveChatCompletionsUrl, resolveModelsUrl } from '../../../src/core/endpoint';
import { ChatError } from '../../../src/core/errors';

describe('endpoint', () => {
  const chatUrl = (base: string): string => resolveChatCompletionsUrl(base).href;

  it('appends /chat/completions to a base, with or without a trailing slash', () => {
    assert.equal(chatUrl('https://api.acedata.cloud/openai'), 'https://api.acedata.cloud/openai/chat/completions');
    assert.equal(chatUrl('https://api.acedata.cloud/openai/'), 'https://api.acedata.cloud/openai/chat/completions');
    assert.equal(chatUrl('https://api.openai.com/v1'), 'https://api.openai.com/v1/chat/completions');
    assert.equal(chatUrl('https://api.openai.com/v1//'), 'https://api.openai.com/v1/chat/completions');
    assert.equal(chatUrl('  https://api.openai.com/v1  '), 'https://api.openai.com/v1/chat/completions');
  });

  it('takes a full …/chat/completions URL as it is', () => {
    assert.equal(chatUrl('https://api.acedata.cloud/openai/chat/completions'), 'https://api.acedata.cloud/openai/chat/completions');
    assert.equal(chatUrl('https://api.openai.com/v1/chat/completions/'), 'https://api.openai.com/v1/chat/completions');
  });

  it('never adds /v1 on its own', () => {
    assert.equal(chatUrl('https://example.com'), 'https://example.com/chat/completions');
    assert.equal(chatUrl('https://api.acedata.cloud/openai'), 'https://api.acedata.cloud/openai/chat/completions');
  });

  it('drops a pasted query string and fragment', () => {
    assert.equal(chatUrl('https://api.openai.com/v1?x=1#top'), 'https://api.openai.com/v1/chat/completions');
  });

  it('allows plain http only for loopback hosts', () => {
    assert.equal(chatUrl('http://127.0.0.1:11434/v1'), 'http://127.0.0.1:11434/v1/chat/completions');
    assert.equal(chatUrl('http://localhost:8000'), 'http://localhost:8000/chat/completions');
    assert.equal(chatUrl('http://[::1]:8080/v1'), 'http://[::1]:8080/v1/chat/completions');
    for (const remote of ['http://api.example.com/v1', 'http://10.0.0.5:8000/v1', 'http://127.0.0.1.nip.io/v1']) {
      assert.throws(
        () => resolveChatCompletionsUrl(remote),
        (error: unknown) => error instanceof ChatError && error.kind === 'bad-request' && /plain http/.test(error.message) && /https:\/\//.test(error.message),
        remote,
      );
    }
  });

  it('refuses other schemes and text that is not a URL, saying what to set', () => {
    assert.throws(() => resolveChatCompletionsUrl('ftp://example.com/v1'), (error: unknown) => error instanceof ChatError && /https:\/\//.test(error.message));
    assert.throws(() => resolveChatCompletionsUrl('api.openai.com/v1'), (error: unknown) => error instanceof ChatError && /not a valid URL/.test(error.message));
    assert.throws(() => resolveChatCompletionsUrl(''), ChatError);
  });

  it('refuses credentials in the URL without repeating them', () => {
    assert.throws(
      () => resolveChatCompletionsUrl('https://user:hunter2secret@api.example.com/v1'),
      (error: unknown) => error instanceof ChatError && !error.message.includes('hunter2secret') && /user name or password/.test(error.message),
    );
  });

  it('knows loopback hosts: localhost, 127.0.0.0/8 and ::1 only', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '127.1.2.3', '127.255.255.255', '::1', '[::1]', '0:0:0:0:0:0:0:1']) assert.ok(isLoopbackHost(host), host);
    const notLoopback = [
      'example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com', '127.0.0.1.example.com',
      // A name under .localhost is resolved by whatever resolver is configured, and 0.0.0.0
      // reaches every interface: neither is "never leaves the machine".
      'app.localhost', 'evil.localhost', 'localhost.', '0.0.0.0', '[::]', '::ffff:127.0.0.1', '[::ffff:7f00:1]', '127.0.0.256',
    ];
    for (const host of notLoopback) assert.ok(!isLoopbackHost(host), host);
  });

  it('allows plain http to no host that only looks local', () => {
    for (const url of ['http://app.localhost:8080/v1', 'http://0.0.0.0:11434/v1', 'http://[::ffff:127.0.0.1]:8080/v1']) {
      assert.throws(() => resolveChatCompletionsUrl(url), (error: unknown) => error instanceof ChatError && /plain http/.test(error.message), url);
    }
  });

  it('finds /models beside the chat endpoint', () => {
    assert.equal(resolveModelsUrl('https://api.openai.com/v1/').href, 'https://api.openai.com/v1/models');
    assert.equal(resolveModelsUrl('https://api.acedata.cloud/openai/chat/completions').href, 'https://api.acedata.cloud/openai/models');
  });
});
