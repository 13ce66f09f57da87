import assert from 'node:assert/strict';
import { ipv6Groups, isPrivateAddress } from '../../../../src/host/images/privateAddress';

describe('isPrivateAddress', () => {
  it('knows the machine and private networks, in every spelling', () => {
    const privateOnes = [
      '127.0.0.1', '127.255.255.254', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1', '192.168.255.255',
      '169.254.169.254', '0.0.0.0', '0.1.2.3', '100.64.0.1', '224.0.0.1', '255.255.255.255',
      '::1', '[::1]', '::', '0:0:0:0:0:0:0:1', 'fc00::1', 'fdff:ffff::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1',
      '::ffff:127.0.0.1', '[::ffff:7f00:1]', '::ffff:10.0.0.1', '::ffff:c0a8:101', '::ffff:a9fe:a9fe', '::127.0.0.1', '64:ff9b::10.0.0.1',
    ];
    for (const address of privateOnes) assert.equal(isPrivateAddress(address), true, address);
  });

  it('lets public addresses and host names through', () => {
    const publicOnes = [
      '8.8.8.8', '93.184.215.14', '172.15.255.255', '172.32.0.1', '192.167.255.255', '192.169.0.1', '169.253.0.1', '100.128.0.1', '11.0.0.1',
      '2606:4700::1111', '[2001:db8::1]', 'fbff::1', 'fe00::1', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8',
      'localhost', 'example.com', '', 'not an address',
    ];
    for (const address of publicOnes) assert.equal(isPrivateAddress(address), false, address);
  });

  it('expands IPv6 addresses', () => {
    assert.deepEqual(ipv6Groups('::ffff:127.0.0.1'), [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]);
    assert.deepEqual(ipv6Groups('[fe80::1%lo]'), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(ipv6Groups('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(ipv6Groups('1.2.3.4'), undefined);
  });
});
