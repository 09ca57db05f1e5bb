// A verifier with its trust material looked after: the pinned Cabinet root, the trust list, the status list
// and a copy of the registry's transparency log, fetched from a registry (conditional requests: 304 costs
// nothing), kept in a store you choose (memory by default; a file, IndexedDB...), and refreshed before a
// verdict when older than maxAgeMs. Offline it verifies with what the store holds and says how old it is;
// stale material gives TRUST_LIST_STALE / STATUS_LIST_STALE, never VALID.

import { fromBase64Url, toBase64Url } from '../../../src/core/bytes.js';
import { DocumentTypeRegistry } from '../../../src/core/document-types.js';
import { LogCopy, type LogCopyJson } from '../../../src/core/log/copy.js';
import { verify, type VerifyResult } from '../../../src/core/verify.js';
import { browserImporter } from '../../../src/crypto/ed25519-web.js';
import { pickTrustMaterial, type TrustMaterial } from './material.js';

/** Where material is kept between runs. Values are strings (JWS texts, JSON). */
export interface MaterialStore {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): void | Promise<void>;
}

export function memoryStore(): MaterialStore {
  const m = new Map<string, string>();
  return { get: (k) => m.get(k), set: (k, v) => void m.set(k, v) };
}

export interface VerifierOptions {
  /** The Cabinet root public key, obtained out of band and pinned: { kid, x } (x: base64url). */
  root: { kid: string; x: string };
  /** The registry to refresh from (https://registry.example); none: offline only. */
  baseUrl?: string;
  fetch?: typeof fetch;
  store?: MaterialStore;
  /** Material older than this is refreshed before a verdict (when a baseUrl is set). Default 5 minutes. */
  maxAgeMs?: number;
  /** Milliseconds since the epoch (tests, or a clock you trust more than the host's). */
  now?: () => number;
  /** Material to start from (bundled with an app, or from a test trust list). */
  initial?: { trustList?: string; statusList?: string; log?: SavedLog };
}

/** A log copy as kept in a store: its JSON and its entries (8 bytes each), base64url. */
export interface SavedLog {
  copy: LogCopyJson;
  entries: string;
}

export interface MaterialStatus {
  trustList?: { sequence: number; issuedAt: number; nextUpdate: number };
  statusList?: { issuedAt: number; nextUpdate: number; size: number };
  log?: { size: number; time?: number };
  /** When the last refresh reached the registry (ms), if one did. */
  fetchedAt?: number;
  /** What went wrong on the last refresh (the material kept is the previous one). */
  problems: string[];
}

const KEYS = { trust: 'trustList', status: 'statusList', log: 'log', etag: (k: string) => `${k}.etag` };

export class Verifier {
  private material: TrustMaterial = {};
  private log: LogCopy | undefined;
  private fetchedAt: number | undefined;
  private problems: string[] = [];
  private refreshing: Promise<MaterialStatus> | undefined;
  /** WebCrypto or noble, probed once (a key import) rather than on every refresh. */
  private importer: ReturnType<typeof browserImporter> | undefined;
  private readonly store: MaterialStore;
  private readonly documentTypes = new DocumentTypeRegistry();

  private constructor(private readonly opts: VerifierOptions) {
    this.store = opts.store ?? memoryStore();
  }

  /** A verifier over the stored and initial material; no network until refresh() or a verify(). */
  static async create(opts: VerifierOptions): Promise<Verifier> {
    const v = new Verifier(opts);
    await v.choose();
    const saved = (await v.store.get(KEYS.log)) ?? undefined;
    for (const candidate of [saved ? (JSON.parse(saved) as SavedLog) : undefined, opts.initial?.log])
      if (candidate && v.material.trust?.log) {
        const restored = await LogCopy.restore(
          v.material.trust.log,
          candidate.copy,
          fromBase64Url(candidate.entries),
        );
        if (restored.ok && (!v.log || restored.copy.size > v.log.size)) v.log = restored.copy;
      }
    return v;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Picks the newest valid lists among the store and the initial material. */
  private async choose(fetched: { trustList?: string; statusList?: string } = {}): Promise<void> {
    this.importer ??= browserImporter(globalThis.crypto?.subtle);
    const { importKey } = await this.importer;
    const stored = async (k: string) => (await this.store.get(k)) ?? undefined;
    this.material = await pickTrustMaterial({
      root: this.opts.root,
      importKey,
      candidates: {
        trustList: [fetched.trustList, await stored(KEYS.trust), this.opts.initial?.trustList],
        statusList: [fetched.statusList, await stored(KEYS.status), this.opts.initial?.statusList],
      },
    });
    if (this.material.trust) await this.store.set(KEYS.trust, this.material.trust.source);
    if (this.material.status) await this.store.set(KEYS.status, this.material.status.source);
  }

  /** GET with If-None-Match; undefined text on 304 (what is stored is current). */
  private async get(path: string, storeKey: string): Promise<{ text?: string; etag?: string }> {
    const f = this.opts.fetch ?? fetch;
    const etag = await this.store.get(KEYS.etag(storeKey));
    const res = await f(`${this.opts.baseUrl}${path}`, { headers: etag ? { 'if-none-match': etag } : {} });
    if (res.status === 304) return {};
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    const next = res.headers.get('etag');
    return { text: (await res.text()).trim(), ...(next ? { etag: next } : {}) };
  }

  /** Fetches the lists and brings the log copy up to date. Never throws: problems are reported. */
  refresh(): Promise<MaterialStatus> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<MaterialStatus> {
    const problems: string[] = [];
    if (!this.opts.baseUrl) return this.status();
    const f = this.opts.fetch ?? fetch;
    try {
      const [trust, status] = await Promise.all([
        this.get('/trust-list', KEYS.trust),
        this.get('/status-list', KEYS.status),
      ]);
      await this.choose({
        ...(trust.text ? { trustList: trust.text } : {}),
        ...(status.text ? { statusList: status.text } : {}),
      });
      // An ETag is kept only for a list that was accepted, so a refused one is fetched whole next time.
      for (const [got, key, held] of [
        [trust, KEYS.trust, this.material.trust?.source],
        [status, KEYS.status, this.material.status?.source],
      ] as const) {
        if (got.text === undefined) continue;
        if (got.text !== held)
          problems.push(`the fetched ${key} did not verify or is older than the one held`);
        else if (got.etag) await this.store.set(KEYS.etag(key), got.etag);
      }
      const policy = this.material.trust?.log;
      if (policy) {
        const synced = await LogCopy.sync(this.log, policy, async (path) => {
          const res = await f(`${this.opts.baseUrl}/log/${path}`);
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          return new Uint8Array(await res.arrayBuffer());
        });
        if (synced.ok) {
          this.log = synced.copy;
          const saved: SavedLog = { copy: synced.copy.toJSON(), entries: toBase64Url(synced.copy.entries()) };
          await this.store.set(KEYS.log, JSON.stringify(saved));
        } else problems.push(`log: ${synced.code}: ${synced.message}`);
      }
      if (problems.length === 0) this.fetchedAt = this.now();
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
    this.problems = problems;
    return this.status();
  }

  /**
   * Verifies a QR text (whitespace around it ignored). With a baseUrl, material older than maxAgeMs is
   * refreshed first; if the registry cannot be reached the answer comes from what is held.
   */
  async verify(qr: string): Promise<VerifyResult> {
    const maxAge = this.opts.maxAgeMs ?? 5 * 60_000;
    if (this.opts.baseUrl && (this.fetchedAt === undefined || this.now() - this.fetchedAt > maxAge))
      await this.refresh();
    const trust = this.material.trust;
    if (!trust) {
      // Fail closed: nothing can be checked without a trust list signed by the pinned root.
      return {
        valid: false,
        code: 'TRUST_LIST_STALE',
        message: 'No trust list signed by the pinned root is available: refresh from the registry.',
        revocationChecked: false,
        registered: false,
        freshness: { trustListIssuedAt: 0, trustListNextUpdate: 0 },
      };
    }
    // Scanners add CR/LF and spaces; they are not part of the code (the API and CLI ignore them too).
    return verify(qr.trim(), {
      trust,
      ...(this.material.status ? { status: this.material.status } : {}),
      ...(this.log ? { log: this.log } : {}),
      now: Math.floor(this.now() / 1000),
      documentTypes: this.documentTypes,
    });
  }

  /** What the verifier holds and how fresh it is. */
  status(): MaterialStatus {
    const { trust, status } = this.material;
    return {
      ...(trust
        ? { trustList: { sequence: trust.sequence, issuedAt: trust.issuedAt, nextUpdate: trust.nextUpdate } }
        : {}),
      ...(status
        ? { statusList: { issuedAt: status.issuedAt, nextUpdate: status.nextUpdate, size: status.size } }
        : {}),
      ...(this.log
        ? { log: { size: this.log.size, ...(this.log.time !== undefined ? { time: this.log.time } : {}) } }
        : {}),
      ...(this.fetchedAt !== undefined ? { fetchedAt: this.fetchedAt } : {}),
      problems: this.problems,
    };
  }
}
