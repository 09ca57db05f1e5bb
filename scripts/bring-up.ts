// The production bring-up of docs/operations.md and keys/README.md, run end to end with the documented
// commands only (issue 22): a key ceremony with separate passphrases for the root's officers and the service's
// operator, keys handed over re-encrypted, two witnesses added by command (quorum 2), PostgreSQL migrated, the
// data key made, the founding pair of cabinet admins, two service instances, staff accounts by the two-person
// rule, a passport issued across both instances, a checkpoint both witnesses cosigned, `nbr log sync` then
// `nbr verify --log --status` VALID offline, a key rotated and the old one revoked at the log's size, each
// picked up by `kill -HUP` on the pid file. Exits non-zero at the first step that does not do what the
// documents say. .ci/run runs it after the test suite.   npx tsx scripts/bring-up.ts

import { type ChildProcess, spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { testPhoto } from '../test/helpers/photo.js';

const ROOT = join(import.meta.dirname, '..');
const WORK = mkdtempSync(join(tmpdir(), 'nbr-bring-up-'));
const CEREMONY = join(WORK, 'ceremony');
const HANDOVER = join(WORK, 'handover');
const PASS = {
  root: 'root officers split passphrase',
  ceremony: 'ceremony passphrase of the service keys',
  service: 'service operator passphrase',
  witness: 'witness operator passphrase',
  staff: 'a long enough staff password',
};
/** The People's Embassy the ceremony certifies, at init and again at the rotation. */
const OFFICE = ['--office', 'PL-WAW', '--office-name', 'People’s Embassy in Poland', '--country', 'PL'];
const children: ChildProcess[] = [];
const started = Date.now();

function step(what: string): void {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${what}\n`);
}

function fail(message: string): never {
  throw new Error(message);
}

const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? WORK };

/** One `npx nbr ...` as an operator types it; refuses a non-zero exit unless `allow` says which. */
function nbr(args: string[], env: Record<string, string>, allow: number[] = [0]) {
  return new Promise<{ code: number; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'bin.ts'), ...args], {
      cwd: ROOT,
      env: { ...baseEnv, ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => {
      if (!allow.includes(code ?? -1)) reject(new Error(`nbr ${args.join(' ')}: exit ${code}\n${out}${err}`));
      else resolve({ code: code ?? -1, out, err });
    });
  });
}

/** A long-running process; resolves with it and what it printed once `ready` matches its output. */
function daemon(args: string[], env: Record<string, string>, ready: RegExp) {
  return new Promise<{ proc: ChildProcess; log: () => string; match: RegExpExecArray }>((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...baseEnv, ...env },
    });
    children.push(proc);
    let log = '';
    const timer = setTimeout(() => reject(new Error(`did not start: ${args.join(' ')}\n${log}`)), 60_000);
    const seen = (d: Buffer) => {
      log += d;
      const m = ready.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, log: () => log, match: m });
      }
    };
    proc.stdout!.on('data', seen);
    proc.stderr!.on('data', seen);
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${args.join(' ')}\n${log}`)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) fail(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  type?: string,
) {
  const bytes = body instanceof Uint8Array;
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': type ?? 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: bytes ? (body as BodyInit) : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, text, headers: res.headers };
}

async function expectStatus(what: string, p: ReturnType<typeof http>, status: number) {
  const r = await p;
  if (r.status !== status) fail(`${what}: HTTP ${r.status} ${r.text}`);
  return r.json;
}

async function main(): Promise<void> {
  const database = `nbr_bring_up_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${database}`;
  const ports = [await freePort(), await freePort()];
  const publicUrl = `http://127.0.0.1:${ports[0]}`;
  try {
    // keys/README.md 1-3: the ceremony, the root under its officers' passphrase, the rest under another.
    step('key ceremony (nbr keys init), separate passphrases');
    const ceremonyEnv = { NBR_PASSPHRASE: PASS.ceremony, NBR_ROOT_PASSPHRASE: PASS.root };
    await nbr(
      ['keys', 'init', '--dir', CEREMONY, ...OFFICE, '--log-origin', `127.0.0.1:${ports[0]}/log`],
      ceremonyEnv,
    );
    const same = await nbr(
      [
        'keys',
        'init',
        '--dir',
        join(WORK, 'x'),
        '--office',
        'PL-WAW',
        '--office-name',
        'x',
        '--country',
        'PL',
      ],
      { NBR_PASSPHRASE: 'same passphrase', NBR_ROOT_PASSPHRASE: 'same passphrase' },
      [2],
    );
    if (!/must differ/.test(same.err)) fail('keys init took one passphrase for the root and the service');

    // docs/operations.md section 8: two witnesses, from nothing, by command.
    step('two witnesses (nbr witness init/serve, nbr keys witness add --url, quorum 2)');
    const logVkey = (await nbr(['keys', 'log-vkey', '--dir', CEREMONY], {})).out.trim();
    const witnessEnv = { NBR_WITNESS_PASSPHRASE: PASS.witness };
    const witnesses: { vkey: string; url: string }[] = [];
    for (const n of [1, 2]) {
      const key = join(WORK, `w${n}.key.json`);
      const vkey = (
        await nbr(['witness', 'init', '--key', key, '--name', `w${n}.witness.test/w`], witnessEnv)
      ).out.trim();
      const w = await daemon(
        [
          join(ROOT, 'src', 'cli', 'bin.ts'),
          'witness',
          'serve',
          '--key',
          key,
          '--state',
          join(WORK, `w${n}.state.json`),
          '--port',
          '0',
          '--log',
          logVkey,
        ],
        witnessEnv,
        /listening on (http:\/\/\S+)/,
      );
      witnesses.push({ vkey, url: w.match[1]! });
    }
    await nbr(
      ['keys', 'witness', 'add', '--dir', CEREMONY, '--vkey', witnesses[0]!.vkey, '--url', witnesses[0]!.url],
      ceremonyEnv,
    );
    await nbr(
      [
        'keys',
        'witness',
        'add',
        '--dir',
        CEREMONY,
        '--vkey',
        witnesses[1]!.vkey,
        '--url',
        witnesses[1]!.url,
        '--quorum',
        '2',
      ],
      ceremonyEnv,
    );

    // keys/README.md 4: the handover, re-encrypted under the operator's passphrase; the root stays behind.
    step('handover (nbr keys reencrypt), without root.key.json');
    const handover = async () => {
      mkdirSync(join(HANDOVER, 'keys'), { recursive: true });
      for (const f of readdirSync(join(CEREMONY, 'keys')).filter((x) => x.endsWith('.key.json')))
        if (!readdirSync(join(HANDOVER, 'keys')).includes(f))
          await nbr(
            ['keys', 'reencrypt', '--file', join(CEREMONY, 'keys', f), '--out', join(HANDOVER, 'keys', f)],
            {
              NBR_PASSPHRASE: PASS.ceremony,
              NBR_NEW_PASSPHRASE: PASS.service,
            },
          );
      for (const f of readdirSync(CEREMONY).filter((x) =>
        /^(trust-list\.(jws|payload\.json)|root\.jwk\.json|.*jwks\.json)$/.test(x),
      ))
        copyFileSync(join(CEREMONY, f), join(HANDOVER, f));
    };
    await handover();

    // docs/operations.md sections 3 and 6: the database, the data key, the founding pair of admins.
    const serviceEnv = {
      DATABASE_URL,
      NBR_KEYS_DIR: HANDOVER,
      NBR_KEY_PASSPHRASE: PASS.service,
      NBR_PUBLIC_URL: publicUrl,
    };
    step('nbr migrate, nbr data-key init, nbr staff add (two cabinet admins)');
    await nbr(['migrate'], serviceEnv);
    await nbr(['data-key', 'init'], serviceEnv);
    for (const u of ['anna', 'pavel'])
      await nbr(['staff', 'add', '--username', u, '--display-name', u, '--role', 'cabinet_admin'], {
        ...serviceEnv,
        NBR_STAFF_PASSWORD: PASS.staff,
      });

    step('two instances on PostgreSQL');
    const instances: { base: string; pidFile: string; log: () => string }[] = [];
    for (const [i, port] of ports.entries()) {
      const data = join(WORK, `instance${i}`);
      mkdirSync(data);
      const s = await daemon(
        [join(ROOT, 'src', 'main.ts')],
        { ...serviceEnv, PORT: String(port), NBR_DATA_DIR: data },
        /listening on http/,
      );
      instances.push({ base: `http://127.0.0.1:${port}`, pidFile: join(data, 'registry.pid'), log: s.log });
    }
    const [A, B] = instances as [(typeof instances)[0], (typeof instances)[0]];

    step('staff accounts by the two-person rule (activation codes)');
    const token = async (base: string, username: string, password = PASS.staff) =>
      (
        await expectStatus(
          `token ${username}`,
          http(base, 'POST', '/api/v1/tokens', { username, password, label: 'bring-up' }),
          201,
        )
      ).token as string;
    const anna = await token(A.base, 'anna');
    const pavel = await token(B.base, 'pavel');
    const offices = await expectStatus(
      'offices',
      http(A.base, 'GET', '/api/v1/offices', undefined, anna),
      200,
    );
    const pl =
      (offices.items ?? offices).find((o: any) => o.code === 'PL-WAW')?.id ?? fail('no PL-WAW office');
    const account = async (username: string, role: string) => {
      const asked = await expectStatus(
        `ask ${username}`,
        http(A.base, 'POST', '/api/v1/staff', { username, displayName: username, role, officeId: pl }, anna),
        202,
      );
      const confirmed = await expectStatus(
        `confirm ${username}`,
        http(B.base, 'POST', `/api/v1/staff-requests/${asked.id}/confirm`, undefined, pavel),
        200,
      );
      const session = await http(A.base, 'POST', '/api/v1/session', {
        username,
        password: confirmed.activationCode,
      });
      if (session.status !== 200 || !session.json.mustSetPassword)
        fail(`activation ${username}: ${session.text}`);
      const set = await fetch(`${A.base}/api/v1/session/password`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          cookie: session.headers.get('set-cookie')!.split(';')[0]!,
          'x-csrf-token': session.json.csrfToken,
        },
        body: JSON.stringify({ currentPassword: confirmed.activationCode, newPassword: PASS.staff }),
      });
      if (set.status !== 204) fail(`password ${username}: ${set.status}`);
      return token(B.base, username);
    };
    const clerk = await account('clerk1', 'clerk');
    const approver = await account('approver1', 'approver');

    const issue = async (surname: string) => {
      const applicant = await expectStatus(
        'applicant',
        http(
          A.base,
          'POST',
          '/api/v1/applicants',
          { surname, givenNames: 'Ала', sex: 'F', birthDate: '1985-04-01' },
          clerk,
        ),
        201,
      );
      await expectStatus(
        'photo',
        http(
          A.base,
          'PUT',
          `/api/v1/applicants/${applicant.id}/photo`,
          new Uint8Array(testPhoto()),
          clerk,
          'image/png',
        ),
        204,
      );
      const app = await expectStatus(
        'application',
        http(
          A.base,
          'POST',
          '/api/v1/applications',
          { applicantId: applicant.id, documentType: 'passport' },
          clerk,
        ),
        201,
      );
      await expectStatus(
        'submit',
        http(A.base, 'POST', `/api/v1/applications/${app.id}/submit`, undefined, clerk),
        200,
      );
      await expectStatus(
        'approve (instance B)',
        http(B.base, 'POST', `/api/v1/applications/${app.id}/approve`, undefined, approver),
        200,
      );
      return expectStatus(
        'issue',
        http(A.base, 'POST', `/api/v1/applications/${app.id}/issue`, undefined, clerk),
        201,
      );
    };
    step('a passport issued across both instances');
    const first = await issue('Першая');

    const cosignedAtLeast = (size: number) =>
      until(`a checkpoint of ${size} cosigned by both witnesses`, async () => {
        const text = await (await fetch(`${A.base}/log/checkpoint`)).text();
        const names = text
          .split('\n')
          .filter((l) => l.startsWith('\u2014 '))
          .map((l) => l.split(' ')[1]);
        return Number(text.split('\n')[1]) >= size &&
          names.includes('w1.witness.test/w') &&
          names.includes('w2.witness.test/w')
          ? Number(text.split('\n')[1])
          : undefined;
      });
    step('a checkpoint cosigned by both witnesses');
    await cosignedAtLeast(1);

    const verifyOffline = async (qr: string, label: string) => {
      const copy = join(WORK, 'verifier-log');
      const trustArgs = ['--trust', join(WORK, 'trust.jws'), '--root', join(CEREMONY, 'root.jwk.json')];
      writeFileSync(join(WORK, 'trust.jws'), await (await fetch(`${A.base}/trust-list`)).text());
      writeFileSync(join(WORK, 'status.jws'), await (await fetch(`${B.base}/status-list`)).text());
      await nbr(['log', 'sync', '--from', `${A.base}/log`, '--dir', copy, ...trustArgs, '--quiet'], {});
      const v = await nbr(
        ['verify', qr, ...trustArgs, '--log', copy, '--status', join(WORK, 'status.jws')],
        {},
        [0, 1, 3],
      );
      if (v.code !== 0 || !v.out.startsWith('VALID')) fail(`${label}: not VALID offline:\n${v.out}${v.err}`);
    };
    step('nbr log sync, nbr verify --log --status: VALID offline');
    await verifyOffline(first.qrText, 'the first passport');

    // keys/README.md 3 and 5: a new issuer key, handed over, picked up by SIGHUP; the old one revoked at the
    // log's size, which leaves the first passport valid.
    step('rotation: nbr keys issuer, handover, kill -HUP $(cat registry.pid)');
    const oldKid = first.kid as string; // the key that signed the first passport
    await nbr(['keys', 'issuer', '--dir', CEREMONY, ...OFFICE], ceremonyEnv);
    await handover();
    const reload = async (sequence: number) => {
      for (const i of instances) process.kill(Number(readFileSync(i.pidFile, 'utf8')), 'SIGHUP');
      for (const i of instances)
        await until(`instance ${i.base} serving sequence ${sequence}`, async () => {
          const h = await (await fetch(`${i.base}/healthz`)).json();
          return h.trustListSequence === sequence ? true : undefined;
        });
    };
    const sequenceNow = () =>
      JSON.parse(readFileSync(join(CEREMONY, 'trust-list.payload.json'), 'utf8')).sequence as number;
    await reload(sequenceNow());

    step('revocation of the old key at the log size (nbr keys revoke --log-size)');
    const size = Number((await (await fetch(`${A.base}/log/checkpoint`)).text()).split('\n')[1]);
    await nbr(
      [
        'keys',
        'revoke',
        '--dir',
        CEREMONY,
        `--kid=${oldKid}`,
        '--reason',
        'key-compromise',
        '--log-size',
        String(size),
      ],
      ceremonyEnv,
    );
    await handover();
    const revokedFile = readdirSync(join(HANDOVER, 'keys')).find(
      (f) => JSON.parse(readFileSync(join(HANDOVER, 'keys', f), 'utf8')).kid === oldKid,
    );
    // keys/README.md 5: the revoked key's file leaves the service's folder.
    if (!revokedFile) fail('the old issuer key was not in the handover folder');
    unlinkSync(join(HANDOVER, 'keys', revokedFile));
    const revoked = JSON.parse(readFileSync(join(CEREMONY, 'trust-list.payload.json'), 'utf8')).keys.find(
      (k: any) => k.kid === oldKid,
    );
    if (revoked?.revoked?.logSize !== size)
      fail(`the trust list does not revoke ${oldKid} at log size ${size}`);
    await reload(sequenceNow());
    const second = await issue('Другая');
    await cosignedAtLeast(size + 1);
    await verifyOffline(first.qrText, 'the passport the log held before the revocation');
    await verifyOffline(second.qrText, 'a passport signed with the new key');
    step('done: every documented step did what the documents say');
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bring-up FAILED: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
