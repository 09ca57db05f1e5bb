// Every column of every table, declared: sealed (encrypted with the row's place as associated data), a beacon
// (a keyed blind index over a sealed value), or public, with why it may stay readable. The row codec
// (row-codec.ts) seals and opens by this list, and test/store/personal-columns.test.ts fails on a column of the
// live schema that is not declared here: a new column cannot skip encryption unnoticed (issue 25, item 6).
// What a reader of the database still learns from the public columns: docs/security.md, "Data at rest".

import type { Database } from '../../db/schema.js';

export interface TableColumns {
  /** The column whose value names the row in the associated data (a primary key that never changes). */
  rowKey: string;
  /** Text columns sealed as "ev1:..." strings (JSON, names, dates, free text). */
  sealed: readonly string[];
  /** Blob columns sealed as bytes (photos). */
  sealedBytes: readonly string[];
  /** Keyed blind indexes over sealed values (services/store/beacons.ts). */
  beacons: readonly string[];
  /** Readable columns: ids, office, states, times, indices, enumerations, and why that is enough. */
  public: readonly string[];
  why: string;
}

const none: readonly string[] = [];

export const PERSONAL_COLUMNS = {
  applicants: {
    rowKey: 'id',
    sealed: [
      'surname',
      'given_names',
      'patronymic',
      'surname_latin',
      'given_names_latin',
      'sex',
      'birth_date',
      'birth_place',
      'personal_number',
    ],
    sealedBytes: none,
    beacons: ['birth_date_bx', 'personal_number_bx'],
    public: ['id', 'office_id', 'latin_override', 'search_key', 'created_by', 'created_at'],
    why: 'ids, office and creation time route and order the records; search_key is kept empty since migration 019',
  },
  applicant_terms: {
    rowKey: 'applicant_id',
    sealed: none,
    sealedBytes: none,
    beacons: ['term'],
    public: ['office_id', 'applicant_id'],
    why: 'one row per beacon of a name prefix: the search index, keyed by office',
  },
  photos: {
    rowKey: 'applicant_id',
    sealed: none,
    sealedBytes: ['data'],
    beacons: none,
    public: ['applicant_id', 'mime', 'created_at'],
    why: 'the image is sealed; its type and time say nothing about the person',
  },
  document_photos: {
    rowKey: 'document_id',
    sealed: none,
    sealedBytes: ['data'],
    beacons: none,
    public: ['document_id', 'mime'],
    why: 'as photos',
  },
  application_photos: {
    rowKey: 'application_id',
    sealed: none,
    sealedBytes: ['data', 'seal'],
    beacons: none,
    public: ['application_id', 'mime', 'seal_format'],
    why: 'as photos; the seal format is one of four image codes',
  },
  applications: {
    rowKey: 'id',
    sealed: ['data', 'decision_reason'],
    sealedBytes: none,
    beacons: none,
    public: [
      'id',
      'office_id',
      'applicant_id',
      'document_type',
      'state',
      'created_by',
      'decided_by',
      'created_at',
      'updated_at',
      'approved_supersedes',
    ],
    why: 'the workflow: who did what when, in which state; approved_supersedes holds document ids only',
  },
  documents: {
    rowKey: 'id',
    sealed: ['number', 'qr_text', 'data', 'mrz', 'personal_number'],
    sealedBytes: none,
    beacons: ['number_bx', 'personal_number_bx'],
    public: [
      'id',
      'office_id',
      'application_id',
      'applicant_id',
      'document_type',
      'status_index',
      'kid',
      'state',
      'issued_at',
      'issued_by',
      'revoked_at',
      'revoked_by',
      'revocation_reason',
      'superseded_by',
    ],
    why: 'status index, key id and state are published anyway (status list, trust list); the rest is workflow',
  },
  document_events: {
    rowKey: 'id',
    sealed: ['reason'],
    sealedBytes: none,
    beacons: none,
    public: ['id', 'office_id', 'application_id', 'document_id', 'action', 'actor_id', 'actor_role', 'at'],
    why: 'the history of a record: what happened and who did it; the reason is free text and sealed',
  },
  revocation_requests: {
    rowKey: 'id',
    sealed: ['note'],
    sealedBytes: none,
    beacons: none,
    public: [
      'id',
      'document_id',
      'office_id',
      'reason',
      'state',
      'requested_by',
      'requested_at',
      'decided_by',
      'decided_at',
    ],
    why: 'the reason is one of four codes; the note is free text and sealed',
  },
  audit_log: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: [
      'details',
      'seq',
      'id',
      'at',
      'actor_id',
      'actor_role',
      'office_id',
      'action',
      'target_type',
      'target_id',
      'prev_hash',
      'hash',
    ],
    why: 'ids, action names, codes and field names only, never values (services/audit.ts); the leak test checks it',
  },
  staff: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: [
      'id',
      'office_id',
      'username',
      'display_name',
      'password_hash',
      'role',
      'disabled',
      'created_at',
      'failed_logins',
      'locked_until',
      'activation_expires_at',
    ],
    why: "staff accounts (not the registry's people): a login looks the username up; see docs/security.md",
  },
  staff_requests: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: [
      'id',
      'kind',
      'staff_id',
      'office_id',
      'username',
      'display_name',
      'role',
      'enable',
      'password_hash',
      'reset_password',
      'state',
      'requested_by',
      'requested_at',
      'decided_by',
      'decided_at',
    ],
    why: 'as staff',
  },
  offices: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['id', 'code', 'name', 'country', 'series', 'created_at'],
    why: 'published in the trust list',
  },
  sessions: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['id', 'staff_id', 'kind', 'label', 'csrf_token', 'created_at', 'expires_at', 'last_seen_at'],
    why: 'the id is the SHA-256 of the bearer secret, never the secret',
  },
  status_entries: {
    rowKey: 'idx',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['idx', 'document_id', 'revoked', 'allocated_at'],
    why: 'the status list is published',
  },
  log_leaves: {
    rowKey: 'idx',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['idx', 'entry', 'document_id'],
    why: 'the transparency log is published (8-byte commitments)',
  },
  log_tiles: {
    rowKey: 'idx',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['level', 'idx', 'hashes'],
    why: 'published',
  },
  log_checkpoints: {
    rowKey: 'size',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['size', 'note', 'created_at', 'cosigned', 'cosigned_at'],
    why: 'published',
  },
  issuer_keys: {
    rowKey: 'kid',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: [
      'kid',
      'office_id',
      'document_types',
      'sign_from',
      'sign_until',
      'valid_until',
      'revoked_at',
      'loaded_at',
    ],
    why: 'published in the trust list',
  },
  integrator_keys: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['id', 'label', 'key_hash', 'created_by', 'created_at', 'revoked_by', 'revoked_at'],
    why: "an integrator's label and the hash of its key",
  },
  personal_data_reads: {
    rowKey: 'staff_id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['staff_id', 'window_start', 'records'],
    why: 'counts only',
  },
  counters: {
    rowKey: 'name',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['name', 'value', 'hash'],
    why: 'sequence numbers and markers',
  },
  data_keys: {
    rowKey: 'id',
    sealed: none,
    sealedBytes: none,
    beacons: none,
    public: ['id', 'purpose', 'state', 'wrapped', 'kek_id', 'created_at', 'retired_at'],
    why: 'data keys, each wrapped by the key-encryption key that is not in the database',
  },
} as const satisfies Record<keyof Database, TableColumns>;

export type SealedTable = {
  [T in keyof typeof PERSONAL_COLUMNS]: (typeof PERSONAL_COLUMNS)[T]['sealed'] extends readonly []
    ? (typeof PERSONAL_COLUMNS)[T]['sealedBytes'] extends readonly []
      ? never
      : T
    : T;
}[keyof typeof PERSONAL_COLUMNS];

/** The tables holding sealed columns, in the order a migration or rotation walks them. */
export const SEALED_TABLES = (Object.keys(PERSONAL_COLUMNS) as (keyof typeof PERSONAL_COLUMNS)[]).filter(
  (t) => PERSONAL_COLUMNS[t].sealed.length + PERSONAL_COLUMNS[t].sealedBytes.length > 0,
) as SealedTable[];
