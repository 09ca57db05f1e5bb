// The Node request listener: POST /api/v1/verify goes straight to the verification endpoint, everything else
// to Hono through @hono/node-server. The endpoint is the same function the Hono route calls (see
// src/http/verify-endpoint.ts for why it exists); this lane only saves building a Request, a Context and a
// Response for the one hot public call. Any other spelling of the path (a query string, a trailing slash) takes
// the Hono route, which answers the same.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClientAddressResolver } from './client-address.js';
import { readNodeBody } from './validate.js';
import { VERIFY_PATH, type VerifyEndpoint } from './verify-endpoint.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Content-Length from the raw header list: reading req.headers would build the whole header object for one
 * value. Node's parser has already refused conflicting or malformed lengths (RFC 9112 section 6.3).
 */
function declaredLength(raw: string[]): number | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 14 && name.toLowerCase() === 'content-length') return Number(raw[i + 1]);
  }
  return undefined;
}

/** Every X-Forwarded-For field line, joined as one list (RFC 9110 section 5.3), again from the raw headers. */
function forwardedFor(raw: string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 15 && name.toLowerCase() === 'x-forwarded-for')
      value = value === undefined ? raw[i + 1]! : `${value}, ${raw[i + 1]!}`;
  }
  return value;
}

/** The X-Api-Key header (an integrator's key, services/integrators/integrator-keys.ts), if the request has one. */
function apiKeyOf(raw: string[]): string | undefined {
  for (let i = 0; i < raw.length; i += 2)
    if (raw[i]!.length === 9 && raw[i]!.toLowerCase() === 'x-api-key') return raw[i + 1]!;
  return undefined;
}

export function withVerifyLane(
  next: Listener,
  endpoint: VerifyEndpoint,
  addressOf: ClientAddressResolver,
): Listener {
  async function verifyLane(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const out = await endpoint({
      address: addressOf(req.socket.remoteAddress, () => forwardedFor(req.rawHeaders)),
      contentLength: declaredLength(req.rawHeaders),
      readBody: (limit) => readNodeBody(req, limit),
      apiKey: apiKeyOf(req.rawHeaders),
      contentType: req.headers['content-type'],
    });
    // An oversized body was left unread: close the connection rather than drain it.
    if (out.status === 413) out.headers.push(['Connection', 'close']);
    // Encoded once, so that the length is known (no chunked framing) without a second pass over the text.
    const body = Buffer.from(out.body, 'utf8');
    out.headers.push(['Content-Length', String(body.length)]);
    res.writeHead(out.status, out.headers);
    res.end(body);
  }
  return function listener(req, res) {
    if (req.method === 'POST' && req.url === VERIFY_PATH) return verifyLane(req, res);
    return next(req, res);
  };
}
