// A verifier provisioned for one host state (issue 26, docs/recognition.md §10): the state's keys from its
// provisioning file (from the state, never from the registry), its newest statement from the network, the
// store or the provisioning file, and never one older than a statement already seen (the store remembers).
// recognise() says whether the state accepts a verified document for a purpose; it never changes the verdict.

import {
  newerStatement,
  openStatement,
  parseProvision,
  recognise,
  rootFingerprint,
  type Provision,
  type Purpose,
  type RecognitionResult,
  type RecognitionStatement,
} from '../../../src/core/recognition/index.js';
import { fromBase64Url } from '../../../src/core/bytes.js';
import { DocumentTypeRegistry } from '../../../src/core/document-types.js';
import type { VerifyResult } from '../../../src/core/verify.js';
import { browserImporter } from '../../../src/crypto/ed25519-web.js';
import { memoryStore, type MaterialStore } from './verifier.js';

export interface HostStateOptions {
  /** The provisioning file's JSON (nbr-recognition-provision/1), as the state's authority gave it. */
  provision: unknown;
  /** The Cabinet root key the verifier pins ({ x: base64url }), the one its trust list is signed with. */
  root: { x: string };
  /** Where to fetch the statement; default the provisioning file's statementUrl, then baseUrl's /recognition/. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Keeps the newest statement and the highest sequence seen (rollback protection across restarts). */
  store?: MaterialStore;
  now?: () => number;
}

export class HostState {
  readonly provision: Provision;
  private statement: RecognitionStatement | undefined;
  private readonly store: MaterialStore;
  private readonly fingerprint: string;
  private readonly types = new DocumentTypeRegistry().all().map((t) => t.name);
  private importer: ReturnType<typeof browserImporter> | undefined;

  private constructor(private readonly opts: HostStateOptions) {
    this.provision = parseProvision(opts.provision);
    this.store = opts.store ?? memoryStore();
    this.fingerprint = rootFingerprint(fromBase64Url(opts.root.x));
  }

  /** @throws {TypeError} when the provisioning file is not one. Takes a statement stored or embedded. */
  static async create(opts: HostStateOptions): Promise<HostState> {
    const h = new HostState(opts);
    const embedded = (opts.provision as { statement?: unknown }).statement;
    for (const text of [
      await h.store.get(h.key('statement')),
      typeof embedded === 'string' ? embedded : undefined,
    ])
      if (text) await h.offer(text);
    return h;
  }

  private key(what: string): string {
    return `recognition.${this.provision.state}.${what}`;
  }

  /** The statement in use (undefined: none known, and every answer is "unknown"). */
  current(): RecognitionStatement | undefined {
    return this.statement;
  }

  /**
   * Takes a statement if it opens with the state's keys and is not older than one seen. Never throws: says
   * why one was refused.
   */
  async offer(jws: string): Promise<{ accepted: boolean; reason?: string }> {
    this.importer ??= browserImporter(globalThis.crypto?.subtle);
    const { importKey } = await this.importer;
    const opened = await openStatement(jws, this.provision, this.types, importKey);
    if (!opened.ok) return { accepted: false, reason: opened.message };
    const seen = Number((await this.store.get(this.key('seen'))) ?? 0);
    const decision = newerStatement(this.statement, opened.statement, seen);
    if (decision.refused) return { accepted: false, reason: decision.refused };
    this.statement = decision.keep;
    await this.store.set(this.key('statement'), opened.statement.source);
    await this.store.set(this.key('seen'), String(opened.statement.sequence));
    return { accepted: true };
  }

  /** Fetches the state's statement and offers it. Never throws. */
  async refresh(): Promise<{ accepted: boolean; reason?: string }> {
    const url =
      this.provision.statementUrl ??
      (this.opts.baseUrl
        ? `${this.opts.baseUrl}/recognition/statements/${this.provision.state}.jws`
        : undefined);
    if (!url) return { accepted: false, reason: 'nowhere to fetch the statement from' };
    try {
      const res = await (this.opts.fetch ?? fetch)(url);
      if (!res.ok) return { accepted: false, reason: `HTTP ${res.status}` };
      return await this.offer((await res.text()).trim());
    } catch (e) {
      return { accepted: false, reason: (e as Error).message };
    }
  }

  /** Whether the state recognises the verified document for the purpose (docs/recognition.md §6). */
  recognise(verdict: VerifyResult, purpose: Purpose): RecognitionResult {
    return recognise({
      verdict,
      statement: this.statement,
      state: this.provision.state,
      purpose,
      rootFingerprint: this.fingerprint,
      now: Math.floor((this.opts.now?.() ?? Date.now()) / 1000),
    });
  }
}
