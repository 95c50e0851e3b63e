/**
 * Where payee may POST notifications. Deployed stacks send only to public https endpoints: a
 * notifyUrl naming a private, loopback, link-local, unique-local or CGNAT address (or localhost)
 * would let any merchant make payee's functions call into their own network (SSRF). The local
 * stack (`NOTIFY_URL_POLICY=local`) allows http and local addresses, where the merchant's test
 * server lives. Checked on the URL at create and again on the resolved addresses at each send,
 * so a name that later resolves to a private address (DNS rebinding) is refused too.
 */
import { BlockList, isIP } from 'node:net';

export type NotifyUrlPolicy = 'public' | 'local';

/** The policy of this function, from its environment (set to `local` by the local stack only). */
export const notifyUrlPolicy = (): NotifyUrlPolicy => (process.env.NOTIFY_URL_POLICY === 'local' ? 'local' : 'public');

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata endpoints
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated, still routed by some stacks)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** An IPv4 address carried in an IPv6 one (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), dotted. */
function embeddedIpv4(ip: string): string | undefined {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(ip);
  if (!m) return undefined;
  if (m[1]) return m[1];
  const [hi, lo] = [parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** True for an address a notification must not be sent to outside the local stack. */
export function isPrivateAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(bare);
  return v4 ? blocked.check(v4, 'ipv4') : blocked.check(bare, 'ipv6');
}

/** Why `url` may not be a notifyUrl under `policy`, or undefined when it may. */
export function notifyUrlProblem(url: string, policy: NotifyUrlPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (policy === 'local') return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? undefined : 'must be an http(s) URL';
  if (parsed.protocol !== 'https:') return 'must be an https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at localhost';
  if (isPrivateAddress(host)) return 'must not point at a private, loopback or link-local address';
  return undefined;
}
