// Ceilings for bench/verify-http.ts: bare node:http servers with no framework.
// The port comes from the PORT environment variable.
//   sig  PUBLIC_KEY: parses the same JSON, decodes the same QR, checks the same Ed25519 signature with a
//                         cached KeyObject, answers {"valid":...}. The ceiling.
//   full KEYS_DIR PASSPHRASE DATABASE_URL: runs the whole verifier core (policy, status list, the registry's
//                         log copy loaded from the database) like the registry and answers the full result:
//                         what the registry would cost without Hono and middleware.
// Usage: node --import tsx bench/bare-verify-server.ts sig|full ...

import { connect } from '../src/db/connect.js';
import { registryLogView } from '../src/services/log/log-view.js';
import { createServer } from 'node:http';
import { verify as cryptoVerify } from 'node:crypto';
import { decodeCoseSign1, sigStructure } from '../src/core/cose.js';
import { DocumentTypeRegistry } from '../src/core/document-types.js';
import { fromQrText } from '../src/core/qr-text.js';
import { verify } from '../src/core/verify.js';
import { publicKeyObject } from '../src/crypto/ed25519-node.js';
import { loadKeyring } from '../src/trust/keyring.js';

const [mode, ...rest] = process.argv.slice(2);
const port = Number(process.env.PORT);

type Check = (qr: string) => Promise<unknown>;
let check: Check;
if (mode === 'sig') {
  const key = publicKeyObject(new Uint8Array(Buffer.from(rest[0]!, 'base64url')));
  check = async (qr) => {
    const text = fromQrText(qr);
    if (!text.ok) return { valid: false };
    const cose = decodeCoseSign1(text.bytes);
    return {
      valid: cryptoVerify(null, sigStructure(cose.protectedBytes, cose.payload), key, cose.signature),
    };
  };
} else {
  const keyring = await loadKeyring(rest[0]!, rest[1]!);
  const registry = new DocumentTypeRegistry();
  const status = { issuedAt: 0, nextUpdate: 2 ** 40, size: 131_072, isRevoked: () => false, source: '' };
  // The log copy, as the registry keeps it (services/log/log-view.ts): without it every answer is UNCONFIRMED.
  const log = registryLogView(connect(rest[2]!).db, { now: () => Date.now() });
  await log.refresh();
  check = (qr) =>
    verify(qr, {
      trust: keyring.trust,
      status,
      log,
      now: Math.floor(Date.now() / 1000),
      documentTypes: registry,
    });
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    let result: unknown;
    try {
      result = await check((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { qr: string }).qr);
    } catch {
      result = { valid: false };
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(result));
  });
}).listen(port, '127.0.0.1');

// Exit normally on SIGTERM so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));
