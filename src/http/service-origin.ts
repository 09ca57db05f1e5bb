// The service's own address, where a page or answer has to name it (the offline verifier's refresh origin
// and CSP, the address printed on documents, the OpenAPI server): NBR_PUBLIC_URL, never the Host header
// (issue 21: `Host: evil.example;script-src` put a token into the offline page's CSP). Without it, a
// development instance names the address its socket listens on, which no client can change; a production
// instance refuses to guess.

import type { Context } from 'hono';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

export function serviceOrigin(c: Context, config: Pick<Config, 'publicUrl' | 'devMode'>): string {
  if (config.publicUrl) return config.publicUrl;
  const socket = (
    c.env as { incoming?: { socket?: { localAddress?: string; localPort?: number } } } | undefined
  )?.incoming?.socket;
  if (!socket) return 'http://127.0.0.1'; // app.request() in tests: no socket, no client
  if (config.devMode && socket.localAddress && socket.localPort) {
    const host = socket.localAddress.includes(':') ? `[${socket.localAddress}]` : socket.localAddress;
    return `http://${host.replace(/^\[::ffff:(.*)\]$/, '$1')}:${socket.localPort}`;
  }
  throw new AppError(
    'INTERNAL',
    'set NBR_PUBLIC_URL to the address the public reaches this service at (docs/operations.md)',
  );
}
