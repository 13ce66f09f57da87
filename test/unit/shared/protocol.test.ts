import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../../src/shared/protocol';
import { openableUrl } from '../../../src/shared/links';

describe('webview message guard', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'ready', drawn: 7 },
    { type: 'send', text: 'hello' },
    { type: 'stop' },
    { type: 'stop', requestId: '0b5f6c1e-9a3d-4c2b-8e71-2f4a6d8c0b19' },
    { type: 'openSettings' },
    { type: 'openSettings', setting: 'completionsChat.baseUrl' },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: 0 },
    { type: 'answerAction', action: 'copy', entryId: 'e1' },
    { type: 'openLink', url: 'https://example.com' },
    { type: 'codeAction', action: 'copy', entryId: 'e1', block: 2, candidate: 1 },
    { type: 'answerAction', action: 'insert', entryId: 'e1', candidate: 0 },
    { type: 'setOptions', options: {} },
    { type: 'setOptions', options: { temperature: 0, maxTokens: 1, systemPrompt: '', stream: false, n: 5, jsonMode: true } },
    { type: 'chooseCandidate', entryId: 'e1', index: 2 },
    { type: 'saveJson', entryId: 'e1' },
    { type: 'saveJson', entryId: 'e1', candidate: 3 },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message)}`, () => assert.equal(isWebviewMessage(message), true));
  }

  const invalid: unknown[] = [
    null, 'ready', 42, {}, { type: 'unknown' }, { type: 'toString' }, { type: '__proto__' },
    { type: 'send' }, { type: 'send', text: 5 },
    { type: 'ready', drawn: 0 }, { type: 'ready', drawn: -1 }, { type: 'ready', drawn: 1.5 }, { type: 'ready', drawn: '7' }, { type: 'ready', drawn: 2 ** 53 },
    { type: 'codeAction', action: 'delete', entryId: 'e1', block: 0 },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: -1 },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: 1.5 },
    { type: 'codeAction', action: 'insert', entryId: 'e1', block: '0' },
    { type: 'openSettings', setting: 3 },
    { type: 'openLink' },
    { type: 'codeAction', action: 'copy', entryId: 'e1', block: 0, candidate: -1 },
    { type: 'answerAction', action: 'copy', entryId: 'e1', candidate: '1' },
    { type: 'setOptions' },
    { type: 'setOptions', options: null },
    { type: 'setOptions', options: { temperature: 2.5 } },
    { type: 'setOptions', options: { temperature: '1' } },
    { type: 'setOptions', options: { maxTokens: 0 } },
    { type: 'setOptions', options: { n: 6 } },
    { type: 'setOptions', options: { stream: 'no' } },
    { type: 'setOptions', options: { top_p: 1 } },
    { type: 'chooseCandidate', entryId: 'e1' },
    { type: 'chooseCandidate', entryId: 'e1', index: 0.5 },
    { type: 'saveJson' },
    { type: 'stop', requestId: 42 },
    { type: 'stop', requestId: null },
    { type: 'stop', requestId: 'r'.repeat(129) },
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
