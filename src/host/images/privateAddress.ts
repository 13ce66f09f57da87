// Which IP addresses are on the user's machine or network. An answer's image link must not
// make the host reach them (a router's admin page, a local dev server, a cloud metadata
// service): the answer is the model's, and the model's text may be anyone's. Free of `vscode`.

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
/** Dotted decimal only, no leading zeros: what Node's `net.isIPv4` accepts. */
const IPV4 = new RegExp(`^(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}$`);

/**
 * 4 or 6 for an IP address, 0 otherwise, like Node's `net.isIP` (not imported: the web build has
 * no node:net). IPv6 is judged by the URL parser, which takes exactly the RFC 4291 forms.
 */
export function ipVersion(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  if (!text.includes(':') || /[^0-9a-f:.]/i.test(text)) return 0;
  try {
    new URL(`http://[${text}]/`);
    return 6;
  } catch {
    return 0;
  }
}

/** Private IPv4 blocks as (first address, prefix length). */
const PRIVATE_IPV4: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local machine
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT, shared address space
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

function ipv4Number(text: string): number {
  return text.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inIpv4Block(address: number, [base, prefix]: readonly [string, number]): boolean {
  const size = 2 ** (32 - prefix);
  return Math.floor(address / size) === Math.floor(ipv4Number(base) / size);
}

function isPrivateIpv4(text: string): boolean {
  const address = ipv4Number(text);
  return PRIVATE_IPV4.some((block) => inIpv4Block(address, block));
}

/** The eight 16-bit groups of an IPv6 address (brackets and a zone allowed), or undefined. */
export function ipv6Groups(text: string): number[] | undefined {
  let address = text.toLowerCase().replace(/^\[(.*)\]$/, '$1').split('%')[0]!;
  if (ipVersion(address) !== 6) return undefined;
  // An embedded IPv4 tail (`::ffff:127.0.0.1`) becomes two groups.
  const lastColon = address.lastIndexOf(':');
  const tail = address.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number) as [number, number, number, number];
    address = `${address.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const parse = (part: string) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const halves = address.split('::');
  if (halves.length === 1) return parse(address);
  const head = parse(halves[0]!);
  const rest = parse(halves[1]!);
  return [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
}

function embeddedIpv4(groups: number[]): string {
  const [high, low] = [groups[6]!, groups[7]!];
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

function isPrivateIpv6(groups: number[]): boolean {
  const zeroUpTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d: all of ::/96 is refused.
  if (zeroUpTo(6)) return true;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  if (zeroUpTo(5) && groups[5] === 0xffff) return isPrivateIpv4(embeddedIpv4(groups));
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) return isPrivateIpv4(embeddedIpv4(groups));
  const first = groups[0]!;
  return (
    (first & 0xfe00) === 0xfc00 || // fc00::/7 unique local
    (first & 0xffc0) === 0xfe80 || // fe80::/10 link-local
    (first & 0xffc0) === 0xfec0 || // fec0::/10 site-local (deprecated)
    (first & 0xff00) === 0xff00 // ff00::/8 multicast
  );
}

/**
 * True for a literal IP address (IPv4, or IPv6 with or without brackets) on the machine or a
 * private network: 127/8, 10/8, 172.16/12, 192.168/16, 169.254/16, 0/8, 100.64/10, multicast
 * and reserved; ::, ::1, fc00::/7, fe80::/10, multicast, and IPv4-mapped or NAT64 forms of
 * the IPv4 ones. False for anything that is not an IP address (a host name).
 */
export function isPrivateAddress(text: string): boolean {
  const bare = text.replace(/^\[(.*)\]$/, '$1');
  if (ipVersion(bare) === 4) return isPrivateIpv4(bare);
  const groups = ipv6Groups(bare);
  return groups !== undefined && isPrivateIpv6(groups);
}
