// The webview message guard against huge and hostile strings: every string field has a cap
// (named in protocol.ts), and the check runs in linear time whatever the string, so a
// compromised or buggy view cannot freeze the extension host with one message. The mocha
// timeout is the generous bound here: a backtracking check takes minutes to hours on these.
import assert from 'node:assert/strict';
import {
  isWebviewMessage, MAX_ATTACHMENT_DATA_URL_LENGTH, MAX_FILE_NAME_LENGTH, MAX_ID_LENGTH, MAX_INDEX, MAX_QUESTION_LENGTH,
  MAX_SETTING_ID_LENGTH, MAX_URL_LENGTH,
} from '../../../src/shared/protocol';

/** editorContext.ts's MAX_CONTEXT_CHARS (that module needs `vscode`): the selection sent at most. */
const MAX_CONTEXT_CHARS = 48_000;

describe('webview message guard: caps and linear time', () => {
  it('caps every string field, with caps that fit the product', () => {
    assert.ok(MAX_QUESTION_LENGTH >= 10 * MAX_CONTEXT_CHARS, 'a pasted question can be far larger than a selection');
    assert.ok(MAX_ID_LENGTH >= 64 && MAX_ID_LENGTH <= 256, 'ids are UUIDs and sha-256 hex');
    const cases: [string, (value: string) => unknown, number][] = [
      ['send.text', (text) => ({ type: 'send', text }), MAX_QUESTION_LENGTH],
      ['codeAction.entryId', (entryId) => ({ type: 'codeAction', action: 'copy', entryId, block: 0 }), MAX_ID_LENGTH],
      ['answerAction.entryId', (entryId) => ({ type: 'answerAction', action: 'copy', entryId }), MAX_ID_LENGTH],
      ['chooseCandidate.entryId', (entryId) => ({ type: 'chooseCandidate', entryId, index: 0 }), MAX_ID_LENGTH],
      ['stop.requestId', (requestId) => ({ type: 'stop', requestId }), MAX_ID_LENGTH],
      ['saveJson.entryId', (entryId) => ({ type: 'saveJson', entryId }), MAX_ID_LENGTH],
      ['removeAttachment.id', (id) => ({ type: 'removeAttachment', id }), MAX_ID_LENGTH],
      ['openSettings.setting', (setting) => ({ type: 'openSettings', setting }), MAX_SETTING_ID_LENGTH],
      ['openLink.url', (url) => ({ type: 'openLink', url }), MAX_URL_LENGTH],
      ['loadImage.url', (url) => ({ type: 'loadImage', entryId: 'e1', url }), MAX_URL_LENGTH],
      ['loadImage.entryId', (entryId) => ({ type: 'loadImage', entryId, url: 'https://x/a.png' }), MAX_ID_LENGTH],
      ['allowImageHost.url', (url) => ({ type: 'allowImageHost', entryId: 'e1', url }), MAX_URL_LENGTH],
      ['imageAction.url', (url) => ({ type: 'imageAction', action: 'copyLink', entryId: 'e1', url }), MAX_URL_LENGTH],
      ['attachImage.name', (name) => ({ type: 'attachImage', name, dataUrl: 'data:image/png;base64,AAAA' }), MAX_FILE_NAME_LENGTH],
      ['attachImage.dataUrl', (tail) => ({ type: 'attachImage', name: 'a.png', dataUrl: `data:image/png;base64,${tail}` }), MAX_ATTACHMENT_DATA_URL_LENGTH - 'data:image/png;base64,'.length],
    ];
    for (const [field, message, cap] of cases) {
      assert.equal(isWebviewMessage(message('A'.repeat(cap))), true, `${field} at its cap`);
      assert.equal(isWebviewMessage(message('A'.repeat(cap + 1))), false, `${field} over its cap`);
    }
  });

  it('caps indexes', () => {
    assert.equal(isWebviewMessage({ type: 'codeAction', action: 'copy', entryId: 'e1', block: MAX_INDEX }), true);
    for (const block of [MAX_INDEX + 1, 1e300, Number.MAX_SAFE_INTEGER, Infinity, NaN]) {
      assert.equal(isWebviewMessage({ type: 'codeAction', action: 'copy', entryId: 'e1', block }), false, String(block));
    }
  });

  it('refuses a huge hostile data: URL in linear time (no backtracking)', () => {
    const length = MAX_ATTACHMENT_DATA_URL_LENGTH - 10;
    // Each defeats a backtracking pattern for the media type in a different place.
    const hostile = [
      `data:${'a'.repeat(length)}!`,
      `data:${'a'.repeat(length / 2)}/${'a'.repeat(length / 2)}!`,
      `data:${'a/'.repeat(length / 2)}`,
      `data:image/png;base64,${'A'.repeat(length - 30)}!`,
      `data:${';base64'.repeat(length / 7)}`,
    ];
    for (const dataUrl of hostile) assert.equal(isWebviewMessage({ type: 'attachImage', name: 'x.png', dataUrl }), false);
  });

  it('still accepts ordinary data: URLs and refuses malformed ones', () => {
    const ok = ['data:image/png;base64,iVBORw0KGgo=', 'data:;base64,AAAA', 'data:application/octet-stream;base64,', 'data:image/svg+xml;base64,PHN2Zz4='];
    for (const dataUrl of ok) assert.equal(isWebviewMessage({ type: 'attachImage', name: 'x', dataUrl }), true, dataUrl);
    const bad = ['data:image/png,raw', 'data:image/png;base64,a b', 'data:image//png;base64,AA', 'data:ima ge/png;base64,AA', 'javascript:alert(1);base64,AA', 'DATA:image/png;base64,AA'.slice(1)];
    for (const dataUrl of bad) assert.equal(isWebviewMessage({ type: 'attachImage', name: 'x', dataUrl }), false, dataUrl);
  });

  it('handles a message with a huge number of fields or a huge options object without trouble', () => {
    const wide: Record<string, unknown> = { type: 'stop' };
    for (let i = 0; i < 200_000; i++) wide[`f${i}`] = i;
    assert.equal(isWebviewMessage(wide), true, 'extra fields are ignored, not walked');
    const options: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) options[`f${i}`] = i;
    assert.equal(isWebviewMessage({ type: 'setOptions', options }), false);
    assert.equal(isWebviewMessage({ type: 'setOptions', options: { systemPrompt: 'x'.repeat(10_000_000) } }), false);
  });
});
