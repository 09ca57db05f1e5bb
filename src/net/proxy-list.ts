// Address lists parsed from configuration (NBR_TRUSTED_PROXIES). Lives outside the HTTP layer so that
// config.ts can check the setting at start-up without importing HTTP code.

import { BlockList, isIP } from 'node:net';

/** Parses "192.0.2.10, 10.0.0.0/8, ::1" into a BlockList; throws with the offending entry. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!/^\d{1,3}$/.test(prefix) || bits > (family === 6 ? 128 : 32))
        throw new Error(`"${entry}" has an invalid prefix length`);
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}
