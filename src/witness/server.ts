// The witness's HTTP server: POST /add-checkpoint (C2SP tlog-witness), GET / says who it is. No framework:
// one route, and a witness is meant to run on someone else's machine with as little as possible.

import { createServer, type Server } from 'node:http';
import type { WitnessAnswer } from './witness.js';

const MAX_BODY = 64 * 1024;

export function witnessServer(handle: (body: string) => Promise<WitnessAnswer>, about: string): Server {
  return createServer((req, res) => {
    const send = (a: WitnessAnswer) => {
      res.writeHead(a.status, { 'Content-Type': a.contentType, 'Cache-Control': 'no-store' });
      res.end(a.body);
    };
    if (req.method === 'GET' && req.url === '/')
      return send({ status: 200, contentType: 'text/plain', body: about });
    if (req.method !== 'POST' || req.url !== '/add-checkpoint')
      return send({ status: 404, contentType: 'text/plain', body: 'not found\n' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        send({ status: 413, contentType: 'text/plain', body: 'request too large\n' });
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (size > MAX_BODY) return;
      handle(Buffer.concat(chunks).toString('utf8')).then(send, (e: Error) =>
        send({ status: 500, contentType: 'text/plain', body: `${e.message}\n` }),
      );
    });
  });
}
