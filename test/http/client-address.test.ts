// The rate-limit key behind a reverse proxy: X-Forwarded-For is read only from listed proxies, from the right,
// and stops at the first address that is not a listed proxy, so a client cannot choose its own key.
import { describe, expect, it } from 'vitest';
import { clientAddressResolver } from '../../src/http/client-address.js';
import { trustedProxyList } from '../../src/net/proxy-list.js';
import { listen } from '../../src/http/server.js';
import { statusOf } from '../helpers/raw-http.js';
import { testRegistry } from '../helpers/registry.js';

describe('client address', () => {
  it('is the socket peer when no proxy is listed, whatever the headers say', () => {
    const addressOf = clientAddressResolver([]);
    expect(addressOf('203.0.113.7', () => '198.51.100.1')).toBe('203.0.113.7');
    expect(addressOf('::ffff:203.0.113.7', () => undefined)).toBe('203.0.113.7');
    expect(addressOf(undefined, () => undefined)).toBe('local');
  });

  it('follows X-Forwarded-For through listed proxies only', () => {
    const addressOf = clientAddressResolver(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);
    // The proxy appended the client; a forged entry on the left is ignored.
    expect(addressOf('127.0.0.1', () => '6.6.6.6, 203.0.113.7')).toBe('203.0.113.7');
    // Two proxies (CDN edge in 10/8, then the local one).
    expect(addressOf('::ffff:127.0.0.1', () => '203.0.113.7, 10.1.2.3')).toBe('203.0.113.7');
    expect(addressOf('fd00::1', () => '2001:db8::42')).toBe('2001:db8:0:0::/64'); // IPv6 clients are keyed by their /64
    // A peer that is not a listed proxy is the client, even with the header.
    expect(addressOf('198.51.100.9', () => '203.0.113.7')).toBe('198.51.100.9');
    // No header, or only proxies in it: the last proxy reached.
    expect(addressOf('127.0.0.1', () => undefined)).toBe('127.0.0.1');
    expect(addressOf('127.0.0.1', () => '10.0.0.5')).toBe('10.0.0.5');
    // Garbage stops the walk at the last trustworthy hop rather than letting the client pick a key.
    expect(addressOf('127.0.0.1', () => '203.0.113.7, not-an-ip')).toBe('127.0.0.1');
    expect(addressOf('127.0.0.1', () => '203.0.113.7, , 10.0.0.5')).toBe('203.0.113.7');
  });

  it('refuses malformed proxy lists', () => {
    expect(() => trustedProxyList(['localhost'])).toThrow(/not an IP address/);
    expect(() => trustedProxyList(['10.0.0.0/33'])).toThrow(/prefix length/);
    expect(() => trustedProxyList(['10.0.0.0/8/1'])).toThrow(/not an IP address/);
    expect(() => trustedProxyList(['::1/129'])).toThrow(/prefix length/);
    expect(() => trustedProxyList(['::1/128', '192.0.2.0/24'])).not.toThrow();
  });

  it('gives each client behind a listed proxy its own budget, on the verify lane and through Hono alike', async () => {
    const r = await testRegistry({
      config: { trustedProxies: ['127.0.0.1'], publicRateLimit: 2, trustRateLimit: 2 },
    });
    const started = await listen(r.deps, { port: 0, hostname: '127.0.0.1' });
    const call = (method: string, path: string, client: string) =>
      statusOf(
        started.port,
        method,
        path,
        { 'x-forwarded-for': client },
        method === 'POST' ? JSON.stringify({ qr: 'NB1:X' }) : undefined,
      );
    try {
      // Client A spends its budgets of 2: verifications on the lane (POST /api/v1/verify), the trust material
      // on Hono routes (a budget of its own, issue 15).
      expect(await call('POST', '/api/v1/verify', '203.0.113.7')).toBe(200);
      expect(await call('POST', '/api/v1/verify', '203.0.113.7')).toBe(200);
      expect(await call('POST', '/api/v1/verify', '203.0.113.7')).toBe(429);
      expect(await call('GET', '/trust-list', '203.0.113.7')).toBe(200);
      expect(await call('GET', '/status-list', '203.0.113.7')).toBe(200);
      expect(await call('GET', '/status-list', '203.0.113.7')).toBe(429);
      // Client B behind the same proxy is not affected, and cannot borrow A's key by forging it on the left.
      expect(await call('POST', '/api/v1/verify', '203.0.113.8')).toBe(200);
      expect(await call('GET', '/trust-list', '203.0.113.7, 203.0.113.8')).toBe(200);
      expect(await call('GET', '/trust-list', '203.0.113.8')).toBe(200);
      expect(await call('GET', '/trust-list', '203.0.113.8')).toBe(429);
    } finally {
      await new Promise<void>((res) => started.server.close(() => res()));
      await r.close();
    }
  });
});

describe('rate-limit keys and a limiter that a flood cannot flush (issue 10)', () => {
  it('keys an IPv6 client by its /64 and leaves IPv4 alone', async () => {
    const { rateLimitKey } = await import('../../src/http/client-address.js');
    expect(rateLimitKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('keeps a limited client limited while distinct keys flood it', async () => {
    const { createRateLimiter } = await import('../../src/http/middleware/rate-limit.js');
    let t = 0;
    const limiter = createRateLimiter({ windowMs: 60_000, max: 3, now: () => t, maxKeys: 100 });
    for (let i = 0; i < 4; i++) limiter.take('attacker');
    expect(limiter.take('attacker').limited).toBe(true);
    for (let i = 0; i < 1_000; i++) limiter.take(`flood-${i}`); // newcomers share one overflow window
    expect(limiter.take('attacker').limited).toBe(true);
    expect(limiter.take('one-more-newcomer').limited).toBe(true);
    t += 61_000; // windows expire and are swept: room again
    expect(limiter.take('attacker').limited).toBe(false);
  });
});
