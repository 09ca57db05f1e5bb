// Generates test/vectors/ from fixed, published TEST keys and a fixed clock. Ed25519 signatures are
// deterministic (RFC 8032 5.1.6), so running this again must reproduce the committed files byte for byte;
// test/vectors.test.ts checks that. Usage: npx tsx scripts/make-vectors.ts [outDir]

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { toBase64Url, toHex } from '../src/core/bytes.js';
import { encodeCbor, type CborKey, type CborValue } from '../src/core/cbor.js';
import { encodeCoseSign1, encodeProtectedHeader, sigStructure } from '../src/core/cose.js';
import type { Ed25519Signer } from '../src/core/crypto-port.js';
import { isoSeconds } from '../src/core/dates.js';
import { DocumentTypeRegistry } from '../src/core/document-types.js';
import { encodePayload, type PortraitToSeal } from '../src/core/payload.js';
import { QR_PREFIX, toQrText } from '../src/core/qr-text.js';
import { setBit, signStatusList } from '../src/core/status-list.js';
import type { TrustListKeyJson, TrustListPayload } from '../src/core/trust-list.js';
import { nodeSigner } from '../src/crypto/ed25519-node.js';
import { issuerKeyEntry, signTrustList, statusKeyEntry } from '../src/trust/trust-list-builder.js';
import { encodeBase45 } from '../src/core/base45.js';
import { formatCheckpoint } from '../src/core/log/checkpoint.js';
import { CompactRange } from '../src/core/log/compact-range.js';
import { documentEntry } from '../src/core/log/entry.js';
import {
  cosignNoteText,
  formatNote,
  formatVerifierKey,
  SIG_COSIGNATURE_V1,
  signNoteText,
} from '../src/core/log/note.js';
import { encodeBundle, tilePath } from '../src/core/log/tiles.js';
import type { DocumentVector } from '../test/helpers/vectors.js';

const outDir = process.argv[2] ?? 'test/vectors';
const registry = new DocumentTypeRegistry();
const t = (iso: string) => Date.parse(iso) / 1000;

// Fixed validation time for every case unless a case says otherwise.
const VALIDATION_TIME = t('2027-01-15T12:00:00Z');
const T0 = t('2027-01-01T00:00:00Z');

/** TEST keys: seeds are SHA-256 of a public label. Never use them for anything but tests. */
function testKey(label: string): { signer: Ed25519Signer; seedHex: string } {
  const seed = createHash('sha256').update(`nbr test vector key: ${label}`).digest();
  return { signer: nodeSigner(new Uint8Array(seed)), seedHex: seed.toString('hex') };
}

const keys = {
  root: testKey('root'),
  status: testKey('status'),
  plWaw: testKey('issuer PL-WAW'),
  ltVno: testKey('issuer LT-VNO (passport only)'),
  revoked: testKey('issuer PL-WAW, revoked'),
  expired: testKey('issuer CZ-PRG, validity ended'),
  unknown: testKey('not in the trust list'),
  log: testKey('transparency log'),
  witness: testKey('witness 1'),
};

// The transparency log of the vectors: every document built without an explicit logIndex is registered in
// order; the checkpoint is cosigned by one witness an hour before the validation time.
const LOG_ORIGIN = 'log.test.nbr/registry';
const WITNESS_NAME = 'witness.test.nbr/w1';
const LOG_TIME = VALIDATION_TIME - 3600;
const MAX_MERGE_DELAY = 3600;
const logEntries: Uint8Array[] = [];

const entry = (
  k: { signer: Ed25519Signer },
  office: string,
  types: string[],
  from: number,
  signDays = 365,
): TrustListKeyJson =>
  issuerKeyEntry(
    k.signer.publicKey,
    k.signer.kid,
    { office, documentTypes: types, from, signDays },
    registry,
  );

const allTypes = registry.all().map((d) => d.name);
const revokedEntry = entry(keys.revoked, 'PL-WAW', allTypes, T0 - 30 * 86_400);
// Revoked when the log held one entry: the document registered first (signed-before-key-revocation).
revokedEntry.revoked = { at: isoSeconds(T0 + 5 * 86_400), reason: 'key-compromise', logSize: 1 };
const expiredEntry: TrustListKeyJson = {
  ...entry(keys.expired, 'CZ-PRG', ['passport'], T0 - 400 * 86_400),
  validUntil: isoSeconds(T0 + 10 * 86_400),
};

const trustPayload: TrustListPayload = {
  iss: 'NB-CABINET',
  sequence: 1,
  issuedAt: isoSeconds(T0),
  nextUpdate: isoSeconds(T0 + 31 * 86_400),
  offices: [
    { code: 'PL-WAW', name: "People's Embassy of Belarus in Poland (TEST)", country: 'PL' },
    { code: 'LT-VNO', name: "People's Embassy of Belarus in Lithuania (TEST)", country: 'LT' },
    { code: 'CZ-PRG', name: "People's Embassy of Belarus in Czechia (TEST)", country: 'CZ' },
  ],
  keys: [
    statusKeyEntry(keys.status.signer.publicKey, keys.status.signer.kid, T0 - 86_400),
    entry(keys.plWaw, 'PL-WAW', allTypes, T0 - 86_400),
    entry(keys.ltVno, 'LT-VNO', ['passport'], T0 - 86_400),
    revokedEntry,
    expiredEntry,
    {
      kid: toBase64Url(keys.log.signer.kid),
      use: 'log',
      signFrom: isoSeconds(T0 - 86_400),
      signUntil: isoSeconds(T0 + 365 * 86_400),
      validUntil: null,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(keys.log.signer.publicKey) },
    },
    // A malformed entry: verifiers must skip it and keep the rest of the list (DOMAIN.md section 1).
    {
      kid: 'bWFsZm9ybWVk',
      use: 'documents',
      office: 'PL-WAW',
      documentTypes: ['passport'],
      signFrom: isoSeconds(T0),
      signUntil: isoSeconds(T0),
      validUntil: null,
      jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' },
    },
  ],
  log: {
    origin: LOG_ORIGIN,
    maxMergeDelay: MAX_MERGE_DELAY,
    witnesses: [
      {
        name: WITNESS_NAME,
        key: formatVerifierKey(WITNESS_NAME, SIG_COSIGNATURE_V1, keys.witness.signer.publicKey),
      },
    ],
    quorum: 1,
  },
};

const REVOKED_INDEX = 777;
const STATUS_SIZE = 131_072;

const records: Record<string, Record<string, string>> = {
  passport: {
    number: 'PA7K3QX2M',
    surname: 'Навіцкая',
    givenNames: 'Кацярына',
    surnameLatin: 'NAVITSKAIA',
    givenNamesLatin: 'KATSIARYNA',
    birthDate: '1990-03-15',
    sex: 'F',
    issueDate: '2027-01-10',
    expiryDate: '2037-01-09',
  },
  'birth-certificate': {
    number: 'BA2R8TT4W',
    surname: 'Шчаглоў',
    givenNames: 'Уладзіслаў',
    patronymic: 'Ігаравіч',
    birthDate: '2026-06-01',
    birthPlace: 'Варшава, Польшча',
    sex: 'M',
    motherName: 'Шчаглова Марыя, BLR',
    fatherName: 'Шчаглоў Ігар, BLR',
    recordNumber: '0123/2026',
    recordDate: '2026-06-10',
    issueDate: '2027-01-10',
  },
  'marriage-certificate': {
    number: 'MA5J9PL0C',
    spouse1NameBefore: 'Рудзь Ганна-Марыя',
    spouse1NameAfter: 'Бяляцкая Ганна-Марыя',
    spouse1BirthDate: '1994-02-28',
    spouse2NameBefore: 'Бяляцкі Яўген',
    spouse2NameAfter: 'Бяляцкі Яўген',
    spouse2BirthDate: '1992-11-30',
    marriageDate: '2026-12-20',
    marriagePlace: 'Вільня, Літва',
    recordNumber: '0456/2026',
    issueDate: '2027-01-10',
  },
  'name-change-certificate': {
    number: 'NA3H6VB8D',
    nameBefore: 'Вераб\u2019ёў Міхаіл',
    nameAfter: 'Верабей Міхаіл',
    birthDate: '1985-07-07',
    changeDate: '2026-12-01',
    recordNumber: '0789/2026',
    issueDate: '2027-01-10',
  },
  'identity-attestation': {
    number: 'IA8Z2KQ5N',
    surname: 'Жыгімонт',
    givenNames: 'Ёсіф',
    surnameLatin: 'ZHYHIMONT',
    givenNamesLatin: 'IOSIF',
    birthDate: '1970-01-31',
    sex: 'M',
    expiredPassportNumber: 'MP1234567',
    expiredPassportExpiry: '2024-05-01',
    issueDate: '2027-01-10',
    expiryDate: '2029-01-09',
  },
  'power-of-attorney-attestation': {
    number: 'PW4T7YC1S',
    principalName: 'Навіцкі Аляксандр',
    principalBirthDate: '1960-09-09',
    agentName: 'Навіцкая Святлана',
    agentBirthDate: '1962-12-12',
    powers: 'Sale of the flat at Minsk, vul. Kalvaryiskaia 1-23; representation before notaries',
    issueDate: '2027-01-10',
    expiryDate: '2028-01-09',
  },
};

type Case = DocumentVector;

const cases: Case[] = [];

async function build(opts: {
  signer: Ed25519Signer;
  type: string;
  office?: string;
  issuedAt?: number;
  statusIndex?: number;
  /** Without it the document is registered at the log's next index. */
  logIndex?: number;
  fields?: Record<string, string>;
  portrait?: PortraitToSeal;
  payload?: Uint8Array;
  protectedBytes?: Uint8Array;
}): Promise<{ qr: string; stages: Record<string, string> }> {
  const docType = registry.byName(opts.type)!;
  const register = opts.logIndex === undefined;
  const payload =
    opts.payload ??
    encodePayload(docType, {
      office: opts.office ?? 'PL-WAW',
      issuedAt: opts.issuedAt ?? T0 + 10 * 86_400 + 3600,
      statusIndex: opts.statusIndex ?? 4242,
      logIndex: opts.logIndex ?? logEntries.length,
      fields: opts.fields ?? records[opts.type]!,
      ...(opts.portrait ? { portrait: opts.portrait } : {}),
    });
  const protectedBytes = opts.protectedBytes ?? encodeProtectedHeader(opts.signer.kid);
  const toSign = sigStructure(protectedBytes, payload);
  const signature = await opts.signer.sign(toSign);
  if (register) logEntries.push(documentEntry(toSign, signature));
  const cose = encodeCoseSign1(protectedBytes, payload, signature);
  return {
    qr: toQrText(cose),
    stages: {
      protectedHeaderHex: toHex(protectedBytes),
      payloadHex: toHex(payload),
      sigStructureHex: toHex(toSign),
      signatureHex: toHex(signature),
      coseSign1Hex: toHex(cose),
      base45: encodeBase45(cose),
    },
  };
}

function add(
  name: string,
  description: string,
  code: string,
  built: { qr: string; stages?: Record<string, string> },
  validationTime = VALIDATION_TIME,
) {
  cases.push({
    name,
    description,
    validationTime: isoSeconds(validationTime),
    expected: { valid: code === 'VALID', code },
    qr: built.qr,
    ...(built.stages ? { stages: built.stages } : {}),
  });
}

async function main() {
  // Registered first, at log index 0: its key is revoked with logSize 1 (below), so it stays valid.
  const beforeRevocation = await build({
    signer: keys.revoked.signer,
    type: 'passport',
    issuedAt: T0 + 4 * 86_400,
  });
  for (const type of Object.keys(records)) {
    add(
      `valid-${type}`,
      `A valid ${type} signed by the PL-WAW test key`,
      'VALID',
      await build({ signer: keys.plWaw.signer, type }),
    );
  }
  const good = await build({ signer: keys.plWaw.signer, type: 'passport' });

  // Envelope problems.
  add('wrong-prefix', 'EU DCC prefix instead of NB2:', 'MALFORMED', {
    qr: `HC1:${good.qr.slice(QR_PREFIX.length)}`,
  });
  add('future-version-prefix', 'A later format version this verifier does not know', 'UNSUPPORTED_VERSION', {
    qr: `NB3:${good.qr.slice(QR_PREFIX.length)}`,
  });
  add(
    'old-version-prefix',
    'Format version 1 (before the transparency log), no longer accepted',
    'UNSUPPORTED_VERSION',
    {
      qr: `NB1:${good.qr.slice(QR_PREFIX.length)}`,
    },
  );
  add('truncated', 'The last 30 characters are missing', 'MALFORMED', { qr: good.qr.slice(0, -30) });
  add('trailing-garbage', 'Three extra base45 characters (two bytes) after the COSE_Sign1', 'MALFORMED', {
    qr: `${good.qr}000`,
  });
  add('invalid-base45', 'A lower-case letter is not in the base45 alphabet', 'MALFORMED', {
    qr: `${good.qr.slice(0, 20)}a${good.qr.slice(21)}`,
  });
  add('empty', 'Empty text', 'MALFORMED', { qr: '' });

  // Signature problems.
  const sigFlipped = Uint8Array.from(Buffer.from(good.stages.coseSign1Hex!, 'hex'));
  sigFlipped[sigFlipped.length - 10]! ^= 0x01;
  add('bad-signature', 'One bit of the signature flipped', 'SIGNATURE_INVALID', { qr: toQrText(sigFlipped) });
  const forgedPayload = encodePayload(registry.byName('passport')!, {
    office: 'PL-WAW',
    issuedAt: T0 + 10 * 86_400 + 3600,
    statusIndex: 4242,
    logIndex: 7,
    fields: { ...records.passport!, expiryDate: '2047-01-09' },
  });
  const forged = encodeCoseSign1(
    new Uint8Array(Buffer.from(good.stages.protectedHeaderHex!, 'hex')),
    forgedPayload,
    new Uint8Array(Buffer.from(good.stages.signatureHex!, 'hex')),
  );
  add('tampered-payload', 'Expiry date changed after signing, signature kept', 'SIGNATURE_INVALID', {
    qr: toQrText(forged),
  });
  add(
    'unknown-key',
    'Signed by a key that is not in the trust list',
    'UNKNOWN_KEY',
    await build({ signer: keys.unknown.signer, type: 'passport' }),
  );
  add(
    'unsupported-algorithm',
    'Protected header says ES256 (alg -7)',
    'UNSUPPORTED_ALGORITHM',
    await build({
      signer: keys.plWaw.signer,
      type: 'passport',
      protectedBytes: encodeCbor(
        new Map<CborKey, CborValue>([
          [1, -7],
          [4, keys.plWaw.signer.kid],
        ]),
      ),
    }),
  );

  // Signed but not acceptable.
  add(
    'issuer-mismatch',
    'PL-WAW key signs a document naming LT-VNO as issuer',
    'ISSUER_MISMATCH',
    await build({ signer: keys.plWaw.signer, type: 'passport', office: 'LT-VNO' }),
  );
  add(
    'key-not-allowed-for-type',
    'LT-VNO key (passports only) signs a birth certificate',
    'KEY_NOT_ALLOWED_FOR_TYPE',
    await build({ signer: keys.ltVno.signer, type: 'birth-certificate', office: 'LT-VNO' }),
  );
  add(
    'key-revoked',
    'Signed after its key was revoked',
    'KEY_REVOKED',
    await build({ signer: keys.revoked.signer, type: 'passport', issuedAt: T0 + 6 * 86_400, logIndex: 50 }),
  );
  add(
    'key-revoked-backdated',
    'Signed with the revoked key by its thief, dated before the revocation, at a log position after it',
    'KEY_REVOKED',
    await build({ signer: keys.revoked.signer, type: 'passport', issuedAt: T0 + 4 * 86_400, logIndex: 3 }),
  );
  add(
    'signed-before-key-revocation',
    'Signed before its key was revoked and registered at log index 0, below the revocation: stays valid',
    'VALID',
    beforeRevocation,
  );
  add(
    'not-registered',
    'Signed by a trusted key, claiming log index 1, which holds another document (forgery with a stolen key)',
    'NOT_REGISTERED',
    await build({
      signer: keys.plWaw.signer,
      type: 'passport',
      logIndex: 1,
      fields: { ...records.passport!, number: 'PA9F0RG3D', givenNames: 'Алена', givenNamesLatin: 'ALENA' },
    }),
  );
  add(
    'not-registered-beyond-log',
    'Claims a log index beyond the log, signed long before the log copy was witnessed',
    'NOT_REGISTERED',
    await build({ signer: keys.plWaw.signer, type: 'passport', logIndex: 100 }),
  );
  add(
    'unconfirmed',
    "Claims a log index beyond the verifier's copy, signed within the merge delay before the copy's time",
    'UNCONFIRMED',
    await build({ signer: keys.plWaw.signer, type: 'passport', logIndex: 100, issuedAt: LOG_TIME - 60 }),
  );
  add(
    'signed-outside-key-period',
    'Signed before the key was certified',
    'SIGNED_OUTSIDE_KEY_PERIOD',
    await build({ signer: keys.plWaw.signer, type: 'passport', issuedAt: T0 - 10 * 86_400 }),
  );
  add(
    'key-expired',
    "Checked after the key's validity ended",
    'KEY_EXPIRED',
    await build({
      signer: keys.expired.signer,
      type: 'passport',
      office: 'CZ-PRG',
      issuedAt: T0 - 100 * 86_400,
    }),
  );
  add(
    'expired',
    'Passport whose expiry date has passed',
    'EXPIRED',
    await build({
      signer: keys.plWaw.signer,
      type: 'passport',
      issuedAt: T0,
      fields: { ...records.passport!, issueDate: '2016-12-01', expiryDate: '2027-01-14' },
    }),
  );
  add(
    'not-yet-valid',
    'Signing time one hour after the validation time',
    'NOT_YET_VALID',
    await build({ signer: keys.plWaw.signer, type: 'passport', issuedAt: VALIDATION_TIME + 3600 }),
  );
  add(
    'revoked',
    `Document whose status index (${REVOKED_INDEX}) is set in the status list`,
    'REVOKED',
    await build({ signer: keys.plWaw.signer, type: 'passport', statusIndex: REVOKED_INDEX }),
  );
  add(
    'status-index-outside-list',
    'Status index beyond the list size',
    'STATUS_UNAVAILABLE',
    await build({ signer: keys.plWaw.signer, type: 'passport', statusIndex: STATUS_SIZE + 5 }),
  );
  add(
    'status-list-stale',
    'Validation time after the status list next update',
    'STATUS_LIST_STALE',
    good,
    T0 + 22 * 86_400,
  );
  add(
    'trust-list-stale',
    'Validation time after the trust list next update',
    'TRUST_LIST_STALE',
    good,
    T0 + 40 * 86_400,
  );

  // Payload problems behind a valid signature.
  const docType99 = encodeCbor(
    new Map<CborKey, CborValue>([
      [1, 'PL-WAW'],
      [6, T0 + 864_000],
      [-65537, [99, 1, 1, new Map(), 0]],
    ]),
  );
  add(
    'unsupported-document-type',
    'Document type code 99',
    'UNSUPPORTED_DOCUMENT_TYPE',
    await build({ signer: keys.plWaw.signer, type: 'passport', payload: docType99 }),
  );
  add(
    'non-canonical-payload',
    'Signed payload whose map keys are out of deterministic order',
    'MALFORMED',
    await build({ signer: keys.plWaw.signer, type: 'passport', payload: encodeNonCanonical() }),
  );
  // The face in the seal (section 5.1): a fixed WebP made once by the registry's sealer from
  // test/fixtures/faces/holder.jpg (an encoder's output changes between versions; the vector must not).
  const face = new Uint8Array(readFileSync('test/fixtures/faces/holder-seal.webp'));
  const withFace = await build({
    signer: keys.plWaw.signer,
    type: 'passport',
    portrait: { format: 4, image: face },
  });
  add(
    'passport-with-portrait',
    "A valid passport with the holder's face sealed in it (format 4, WebP, 36 x 48 grey)",
    'VALID',
    withFace,
  );
  const faceCose = Uint8Array.from(Buffer.from(withFace.stages.coseSign1Hex!, 'hex'));
  const faceAt = Buffer.from(faceCose).indexOf(Buffer.from(face.subarray(0, 16)));
  faceCose[faceAt + 40]! ^= 0x01;
  add('portrait-tampered', 'One bit of the sealed face changed', 'SIGNATURE_INVALID', {
    qr: toQrText(faceCose),
  });
  const portraitPayload = (portrait: CborValue) =>
    encodeCbor(
      new Map<CborKey, CborValue>([
        [1, 'PL-WAW'],
        [4, t('2037-01-10T00:00:00Z')],
        [6, T0 + 10 * 86_400 + 3600],
        [
          -65537,
          [
            1,
            1,
            4242,
            new Map<CborKey, CborValue>([
              [1, records.passport!.number!],
              [2, records.passport!.surname!],
              [3, records.passport!.givenNames!],
              [4, records.passport!.surnameLatin!],
              [5, records.passport!.givenNamesLatin!],
              [6, 19900315],
              [7, 'F'],
              [8, 20270110],
              [9, 20370109],
            ]),
            logEntries.length,
            portrait,
          ],
        ],
      ]),
    );
  add(
    'portrait-unknown-format',
    'A signed portrait with format code 9',
    'MALFORMED',
    await build({ signer: keys.plWaw.signer, type: 'passport', payload: portraitPayload([9, face]) }),
  );
  add(
    'portrait-not-its-format',
    'A signed portrait declared JPEG (1) whose bytes are WebP',
    'MALFORMED',
    await build({ signer: keys.plWaw.signer, type: 'passport', payload: portraitPayload([1, face]) }),
  );

  const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
  const untagged = encodeCbor([
    hex(good.stages.protectedHeaderHex!),
    new Map(),
    hex(good.stages.payloadHex!),
    hex(good.stages.signatureHex!),
  ]);
  add('untagged-cose', 'COSE_Sign1 without CBOR tag 18', 'MALFORMED', { qr: toQrText(untagged) });

  // Trust material.
  const bits = new Uint8Array(STATUS_SIZE / 8);
  setBit(bits, REVOKED_INDEX, true);
  const statusList = await signStatusList(
    bits,
    STATUS_SIZE,
    { issuedAt: T0 + 13 * 86_400, nextUpdate: T0 + 20 * 86_400 },
    'NB-CABINET',
    keys.status.signer,
  );
  const trustList = await signTrustList(trustPayload, keys.root.signer);
  const range = CompactRange.empty();
  for (const e of logEntries) range.appendEntry(e);
  const cpText = formatCheckpoint({
    origin: LOG_ORIGIN,
    size: logEntries.length,
    root: range.root(),
    extensions: [],
  });
  const noteSigner = (name: string, k: { signer: Ed25519Signer }) => ({
    name,
    publicKey: k.signer.publicKey,
    sign: (m: Uint8Array) => k.signer.sign(m),
  });
  const checkpoint = formatNote({
    text: cpText,
    signatures: [
      await signNoteText(cpText, noteSigner(LOG_ORIGIN, keys.log)),
      await cosignNoteText(cpText, noteSigner(WITNESS_NAME, keys.witness), LOG_TIME),
    ],
  });

  rmSync(join(outDir, 'documents'), { recursive: true, force: true });
  mkdirSync(join(outDir, 'documents'), { recursive: true });
  mkdirSync(join(outDir, 'trust'), { recursive: true });
  const rootJwk = {
    kty: 'OKP',
    crv: 'Ed25519',
    x: toBase64Url(keys.root.signer.publicKey),
    kid: toBase64Url(keys.root.signer.kid),
  };
  writeFileSync(join(outDir, 'trust', 'root.jwk.json'), `${JSON.stringify(rootJwk, null, 2)}\n`);
  writeFileSync(join(outDir, 'trust', 'trust-list.jws'), `${trustList}\n`);
  writeFileSync(
    join(outDir, 'trust', 'trust-list.payload.json'),
    `${JSON.stringify(trustPayload, null, 2)}\n`,
  );
  writeFileSync(join(outDir, 'trust', 'status-list.jws'), `${statusList}\n`);
  // The log as a mirror serves it (C2SP tlog-tiles): the checkpoint and the one, partial, entry bundle.
  const logDir = join(outDir, 'registry-log');
  const bundlePath = join(logDir, tilePath('entries', 0, logEntries.length));
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(dirname(bundlePath), { recursive: true });
  writeFileSync(join(logDir, 'checkpoint'), checkpoint);
  writeFileSync(bundlePath, encodeBundle(logEntries));
  const published = Object.fromEntries(
    Object.entries(keys).map(([k, v]) => [
      k,
      { seedHex: v.seedHex, publicKey: toBase64Url(v.signer.publicKey), kid: toBase64Url(v.signer.kid) },
    ]),
  );
  writeFileSync(
    join(outDir, 'trust', 'TEST-ONLY-keys.json'),
    `${JSON.stringify({ warning: 'PUBLISHED TEST KEYS. Anything signed with them is a test vector, never a document.', keys: published }, null, 2)}\n`,
  );
  for (const c of cases)
    writeFileSync(join(outDir, 'documents', `${c.name}.json`), `${JSON.stringify(c, null, 2)}\n`);
  process.stdout.write(`wrote ${cases.length} document vectors to ${outDir}\n`);
}

/** A passport payload with the same claims as a good one but keys in the wrong order (6 before 1). */
function encodeNonCanonical(): Uint8Array {
  const good = encodePayload(registry.byName('passport')!, {
    office: 'PL-WAW',
    issuedAt: T0 + 864_000,
    statusIndex: 1,
    logIndex: 0,
    fields: records.passport!,
  });
  // good = a3 | 01 <iss> | 06 <iat> | 3a00010000 <doc>; swap the first two entries.
  const iss = encodeCbor('PL-WAW');
  const issEntry = good.subarray(1, 2 + iss.length);
  const iatEntry = good.subarray(2 + iss.length, 2 + iss.length + 6);
  return new Uint8Array([0xa3, ...iatEntry, ...issEntry, ...good.subarray(2 + iss.length + 6)]);
}

await main();
