import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { ipVersion } from '../../../../src/host/images/privateAddress';

describe('ipVersion (node:net isIP without Node, for the web build)', () => {
  it('agrees with Node on addresses, near-addresses and names', () => {
    const samples = [
      '127.0.0.1', '0.0.0.0', '255.255.255.255', '256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '1.2.3.4 ', '1..2.3',
      '::', '::1', 'fe80::1', 'fc00::', '::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::10.0.0.1', '2001:db8::1', '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::', 'g::1', '::ffff:256.0.0.1', '::ffff:01.0.0.1', 'example.com', 'localhost', '', '[::1]',
    ];
    for (const sample of samples) assert.equal(ipVersion(sample), isIP(sample), sample);
  });
});
