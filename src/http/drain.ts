// A stop without resets (issue 21). On SIGTERM the service first drains: it keeps accepting connections and
// answers /healthz 503 (a load balancer takes it out) and every request that starts now 503 with Retry-After
// (the client retries elsewhere), while requests already in flight finish. Only after NBR_DRAIN_SECONDS does
// it stop listening (main.ts). Before, it stopped listening at once, and connections the kernel had queued
// but the server not yet accepted were reset: a clerk saw a network error instead of an answer.

import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { errorBody } from './errors.js';

export interface Drain {
  readonly draining: boolean;
  start(): void;
}

export function createDrain(): Drain {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    start() {
      draining = true;
    },
  };
}

/** Seconds a client is asked to wait: another instance answers at once, this one not again. */
const RETRY_AFTER = '2';
/** A body the refused request is still sending is read (not left unread, which resets) for at most this. */
const BODY_WAIT_MS = 2_000;

/** The listener, with every request that starts during a drain answered 503 instead. */
export function withDrain(drain: Drain, listener: RequestListener): RequestListener {
  return (req, res) => {
    if (!drain.draining) return listener(req, res);
    answerStopping(req, res);
  };
}

function answerStopping(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify(
    req.url === '/healthz'
      ? { ok: false, draining: true }
      : errorBody('SERVICE_STOPPING', 'this instance is stopping; retry'),
  );
  const send = () => {
    if (res.headersSent) return;
    res.writeHead(503, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'Retry-After': RETRY_AFTER,
      Connection: 'close',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  };
  // Read the request to its end before answering: closing a socket with unread data sends a reset, and
  // the client would see that instead of the 503.
  const timer = setTimeout(send, BODY_WAIT_MS);
  req.on('end', () => {
    clearTimeout(timer);
    send();
  });
  req.on('error', () => clearTimeout(timer));
  req.resume();
}
