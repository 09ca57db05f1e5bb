// The ceiling for bench/verify-http.ts: a bare node:http server that parses the same JSON body, decodes the
// same QR text and checks the same Ed25519 signature with a cached KeyObject, and nothing else.
// Usage: node --import tsx bench/bare-verify-server.ts PORT PUBLIC_KEY_BASE64URL

import { createServer } from 'node:http';
import { verify } from 'node:crypto';
import { decodeCoseSign1, sigStructure } from '../src/core/cose.js';
import { fromQrText } from '../src/core/qr-text.js';
import { publicKeyObject } from '../src/crypto/ed25519-node.js';

const [port, publicKey] = process.argv.slice(2);
const key = publicKeyObject(new Uint8Array(Buffer.from(publicKey!, 'base64url')));

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let valid = false;
    try {
      const { qr } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { qr: string };
      const text = fromQrText(qr);
      if (text.ok) {
        const cose = decodeCoseSign1(text.bytes);
        valid = verify(null, sigStructure(cose.protectedBytes, cose.payload), key, cose.signature);
      }
    } catch {
      valid = false;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ valid }));
  });
}).listen(Number(port), '127.0.0.1');
