// Who is calling: the key of the per-address rate limits. In production the service sits behind a TLS
// terminating reverse proxy (it listens on 127.0.0.1, and session cookies are Secure), so the socket's peer is
// the proxy and every client would share one budget. X-Forwarded-For is believed only when the peer is a proxy
// the operator listed (NBR_TRUSTED_PROXIES), and only as far as the chain passes through listed proxies: the
// entries a client writes itself sit to the left of what our proxy appends, so reading from the right and
// stopping at the first address that is not a listed proxy cannot be spoofed (RFC 7239 section 8.1: the
// header can be trusted only as far as the proxies that wrote it; applied to the de facto X-Forwarded-For).

import { isIP } from 'node:net';
import { trustedProxyList } from '../net/proxy-list.js';

/** peer: the socket's remote address; forwardedFor: the X-Forwarded-For value(s), read only when needed. */
export type ClientAddressResolver = (
  peer: string | undefined,
  forwardedFor: () => string | undefined,
) => string;

/** "::ffff:192.0.2.1" (an IPv4 client on a dual-stack socket) is the IPv4 address. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * IPv6 clients are keyed by their /64: one subscriber gets a whole /64 and can pick any address in it, so
 * per-address keys would give them 2^64 budgets (RFC 6177, RFC 7934 on /64 assignment).
 */
export function rateLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = '', tail] = address.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddressResolver {
  const resolve = resolveClient(trustedProxies);
  return (peer, forwardedFor) => rateLimitKey(resolve(peer, forwardedFor));
}

function resolveClient(trustedProxies: readonly string[]): ClientAddressResolver {
  if (trustedProxies.length === 0) return (peer) => (peer === undefined ? 'local' : normalise(peer));
  const list = trustedProxyList(trustedProxies);
  const trusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (peer, forwardedFor) => {
    let client = peer === undefined ? 'local' : normalise(peer);
    if (!trusted(client)) return client;
    const hops = (forwardedFor() ?? '').split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalise(hops[i]!.trim());
      if (hop === '') continue;
      // A malformed entry: nothing left of it can be trusted; the last proxy reached is the key (its budget
      // is shared, which limits more, never less).
      if (isIP(hop) === 0) return client;
      client = hop;
      if (!trusted(hop)) return hop;
    }
    return client;
  };
}
