// Starting the HTTP server: the Hono app under @hono/node-server, with the verification lane in front.
// main.ts and the tests that need a real socket (browser tests, the lane's own tests) start it the same way.

import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Deps } from '../services/deps.js';
import { createHttp, type AppOptions } from './app.js';
import { withVerifyLane } from './node-listener.js';

export interface ListenOptions extends AppOptions {
  port: number;
  hostname: string;
}

export function listen(
  deps: Deps,
  options: ListenOptions,
): Promise<{ server: Server; app: Hono; port: number }> {
  const { app, verifyEndpoint, addressOf } = createHttp(deps, options);
  return new Promise((resolve, reject) => {
    const server = createServer(
      withVerifyLane(
        getRequestListener(app.fetch, { hostname: options.hostname }),
        verifyEndpoint,
        addressOf,
      ),
    );
    server.once('error', reject);
    server.listen(options.port, options.hostname, () =>
      resolve({ server, app, port: (server.address() as { port: number }).port }),
    );
  });
}
