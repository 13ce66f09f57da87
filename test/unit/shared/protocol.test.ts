import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../../src/shared/protocol';
import { openableUrl } from '../../../src/shared/links';

describe('webview message guard', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'send', text: 'hello' },
    { type: 'stop' },
    { type: 'openSettings' },
    { type: 'openSettings', setting: 'completionsChat.baseUrl' },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: 0 },
    { type: 'answerAction', action: 'copy', entryId: 'e1' },
    { type: 'openLink', url: 'https://example.com' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.equal(isWebviewMessage(message), true));
  }

  const invalid: unknown[] = [
    null, 'ready', 42, {}, { type: 'unknown' }, { type: 'toString' }, { type: '__proto__' },
    { type: 'send' }, { type: 'send', text: 5 },
    { type: 'codeAction', action: 'delete', entryId: 'e1', block: 0 },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: -1 },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: 1.5 },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: '0' },
    { type: 'openSettings', setting: 3 },
    { type: 'openLink' },
  ];
  for (const message of invalid) {
    it(`rejects ${JSON.stringify(message)}`, () => assert.equal(isWebviewMessage(message), false));
  }
});

describe('openableUrl', () => {
  it('allows http, https and mailto', () => {
    assert.equal(openableUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(openableUrl('http://example.com'), 'http://example.com/');
    assert.equal(openableUrl('mailto:someone@example.com'), 'mailto:someone@example.com');
  });
  it('refuses every other scheme and garbage', () => {
    for (const url of ['javascript:alert(1)', 'command:workbench.action.quit', 'file:///etc/passwd', 'vscode://x', 'data:text/html,hi', 'not a url', '']) {
      assert.equal(openableUrl(url), undefined, url);
    }
  });
});
