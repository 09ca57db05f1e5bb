// Writes test/vectors/data-at-rest.json: the encodings of docs/data-at-rest.md computed straight from the
// specification with node:crypto (not through src/), with fixed keys and nonces, so that the test can hold
// our implementation to them and a third party can check theirs.  npx tsx scripts/data-at-rest-vectors.ts

import { createCipheriv, createHmac, hkdfSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const dek = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
const indexKey = Buffer.from('f0e0d0c0b0a09080706050403020100f1e2e3e4e5e6e7e8e9eaebecedeeef000', 'hex');
const seed = Buffer.from('5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed', 'hex');

function gcm(key: Buffer, nonce: Buffer, aad: string, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  c.setAAD(Buffer.from(aad));
  return Buffer.concat([nonce, c.update(plain), c.final(), c.getAuthTag()]);
}

const place = { table: 'applicants', column: 'surname', row: '0193a1b2-0000-7000-8000-000000000001' };
const aad = `nbr-field/1|${place.table}|${place.column}|${place.row}`;
const textNonce = Buffer.from('a1a2a3a4a5a6a7a8a9aaabac', 'hex');
const text = `ev1:d1:${gcm(dek, textNonce, aad, Buffer.from('Навіцкая', 'utf8')).toString('base64url')}`;
const photoPlace = { table: 'photos', column: 'data', row: '0193a1b2-0000-7000-8000-000000000001' };
const photo = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const bytes = Buffer.concat([
  Buffer.from([0x00, 0x65, 0x76, 0x31, 2]),
  Buffer.from('d1'),
  gcm(
    dek,
    Buffer.from('b1b2b3b4b5b6b7b8b9babbbc', 'hex'),
    `nbr-field/1|photos|data|${photoPlace.row}`,
    photo,
  ),
]);
const kek = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), 'nbr-data-kek/1', 32));
const kekName = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), 'nbr-data-kek-id/1', 32));
const wrapped = gcm(kek, Buffer.from('c1c2c3c4c5c6c7c8c9cacbcc', 'hex'), 'nbr-dek/1|d1', dek);
const beacon = (domain: string, scope: string, value: string, bits: number) =>
  createHmac('sha256', indexKey)
    .update(`nbr-beacon/1|${domain}|${scope}|${value}`)
    .digest('hex')
    .slice(0, bits / 4);
const office = '0193a1b2-0000-7000-8000-0000000000aa';

const vectors = {
  description: 'docs/data-at-rest.md: sealed values, key wrapping and beacons, with fixed keys and nonces',
  dataKey: { id: 'd1', key: hex(dek) },
  indexKey: hex(indexKey),
  text: { place, plain: 'Навіцкая', sealed: text },
  bytes: { place: photoPlace, plain: hex(photo), sealed: hex(bytes) },
  keyFile: {
    seed: hex(seed),
    kek: hex(kek),
    kekName: hex(kekName),
    wrappedDataKey: { id: 'd1', base64url: wrapped.toString('base64url') },
  },
  beacons: [
    { domain: 'name-prefix', scope: office, value: 'нави', bits: 32 },
    { domain: 'name-prefix', scope: office, value: 'navic', bits: 32 },
    { domain: 'birth-date', scope: office, value: '1990-03-15', bits: 32 },
    { domain: 'personal-number', scope: office, value: '4150390A001PB1', bits: 32 },
    { domain: 'document-number', scope: '', value: 'PA1234567', bits: 64 },
    { domain: 'personal-number', scope: '', value: '4150390A001PB1', bits: 64 },
  ].map((b) => ({ ...b, beacon: beacon(b.domain, b.scope, b.value, b.bits) })),
};
writeFileSync(
  join(import.meta.dirname, '..', 'test', 'vectors', 'data-at-rest.json'),
  `${JSON.stringify(vectors, null, 2)}\n`,
);
