import assert from 'node:assert/strict';
import { concatBytes, portableBase64, portableFromBase64, portableLatin1, portableLatin1Bytes } from '../../../src/core/byteStrings';

describe('byteStrings: the portable path (a web worker has no Buffer) equals Node\'s', () => {
  const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);

  it('latin1 both ways, across the chunk size', () => {
    const text = portableLatin1(bytes);
    assert.equal(text, Buffer.from(bytes).toString('latin1'));
    assert.deepEqual(portableLatin1Bytes(text), bytes);
  });

  it('base64 both ways, with whitespace and without padding', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 1000]) {
      const part = bytes.subarray(0, length);
      const encoded = portableBase64(part);
      assert.equal(encoded, Buffer.from(part).toString('base64'));
      assert.deepEqual(portableFromBase64(encoded), new Uint8Array(part));
      assert.deepEqual(portableFromBase64(`${encoded.replace(/=+$/, '')}\n`), new Uint8Array(Buffer.from(encoded, 'base64')));
    }
  });

  it('joins chunks', () => {
    assert.deepEqual(concatBytes([Uint8Array.of(1), Uint8Array.of(), Uint8Array.of(2, 3)]), Uint8Array.of(1, 2, 3));
  });
});
