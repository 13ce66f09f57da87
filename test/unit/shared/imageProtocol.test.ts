import assert from 'node:assert/strict';
import { isWebviewMessage, MAX_ATTACHMENT_DATA_URL_LENGTH } from '../../../src/shared/protocol';

describe('webview message guard: images', () => {
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  const valid: unknown[] = [
    { type: 'pickImages' },
    { type: 'attachImage', name: 'shot.png', dataUrl: png },
    // The declared type is not trusted either way: the host judges the bytes.
    { type: 'attachImage', name: 'x', dataUrl: 'data:application/octet-stream;base64,TVqQAAMAAAAEAAAA' },
    { type: 'attachImage', name: 'x', dataUrl: 'data:;base64,AAAA' },
    { type: 'removeAttachment', id: 'abc' },
    { type: 'loadImage', entryId: 'e1', url: 'https://images.example.com/a.png' },
    { type: 'allowImageHost', entryId: 'e1', url: 'https://images.example.com/a.png' },
    { type: 'imageAction', action: 'save', entryId: 'e1', url: 'https://images.example.com/a.png' },
    { type: 'imageAction', action: 'copyLink', entryId: 'e1', url: 'https://images.example.com/a.png' },
  ];
  for (const message of valid) {
    it(`accepts ${JSON.stringify(message).slice(0, 100)}`, () => assert.equal(isWebviewMessage(message), true));
  }

  const tooLong = `data:image/png;base64,${'A'.repeat(MAX_ATTACHMENT_DATA_URL_LENGTH)}`;
  const invalid: [string, unknown][] = [
    ['an attachment without data', { type: 'attachImage', name: 'x' }],
    ['a remote URL as attachment', { type: 'attachImage', name: 'x', dataUrl: 'https://evil.example/x.png' }],
    ['a file URL as attachment', { type: 'attachImage', name: 'x', dataUrl: 'file:///etc/passwd' }],
    ['non-base64 data', { type: 'attachImage', name: 'x', dataUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }],
    ['data over the size limit', { type: 'attachImage', name: 'x', dataUrl: tooLong }],
    ['a name that is not text', { type: 'attachImage', name: 5, dataUrl: png }],
    ['an unknown image action', { type: 'imageAction', action: 'delete', entryId: 'e1', url: 'https://a/b.png' }],
    ['a code action on an image', { type: 'imageAction', action: 'insert', entryId: 'e1', url: 'https://a/b.png' }],
    ['loadImage without url', { type: 'loadImage', entryId: 'e1' }],
    ['allowImageHost with a host instead of a URL field', { type: 'allowImageHost', entryId: 'e1', host: 'evil.example' }],
    ['removeAttachment without id', { type: 'removeAttachment' }],
  ];
  for (const [name, message] of invalid) {
    it(`rejects ${name}`, () => assert.equal(isWebviewMessage(message), false));
  }

  it('still checks code block actions', () => {
    assert.equal(isWebviewMessage({ type: 'codeAction', action: 'save', entryId: 'e1', block: 0 }), false);
    assert.equal(isWebviewMessage({ type: 'answerAction', action: 'copyLink', entryId: 'e1' }), false);
  });
});
