// Starting the HTTP server: the Hono app under @hono/node-server, with the verification lane in front.
// main.ts and the tests that need a real socket (browser tests, the lane's own tests) start it the same way.

import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import { createHttp, type AppOptions } from './app.js';
import { type Drain, withDrain } from './drain.js';
import { withVerifyLane } from './node-listener.js';

export interface ListenOptions extends AppOptions {
  port: number;
  hostname: string;
  /** While draining, every new request is answered 503 (src/http/drain.ts). */
  drain?: Drain;
}

export function listen(
  deps: Deps,
  options: ListenOptions,
): Promise<{ server: Server; app: Hono; port: number }> {
  const { app, verifyEndpoint, addressOf } = createHttp(deps, options);
  return new Promise((resolve, reject) => {
    const listener = withVerifyLane(
      getRequestListener(app.fetch, { hostname: options.hostname }),
      verifyEndpoint,
      addressOf,
    );
    const server = createServer(options.drain ? withDrain(options.drain, listener) : listener);
    server.once('error', reject);
    server.listen(options.port, options.hostname, () =>
      resolve({ server, app, port: (server.address() as { port: number }).port }),
    );
  });
}
