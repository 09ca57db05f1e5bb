// Table types for kysely. Times are ISO 8601 UTC text and booleans 0/1 integers, so that one set of
// migrations and queries serves SQLite and PostgreSQL alike.

import type { Insertable, Selectable, Updateable } from 'kysely';

export const ROLES = ['clerk', 'approver', 'office_admin', 'cabinet_admin'] as const;
export type Role = (typeof ROLES)[number];
export type ApplicationState =
  | 'draft'
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'issued'
  | 'withdrawn'
  /** Approved, but another application of the holder for the same one-per-holder type was issued first. */
  | 'lapsed';
export type DocumentState = 'issued' | 'revoked';
export type RevocationReason = 'lost' | 'stolen' | 'cancelled' | 'superseded';

export interface OfficeTable {
  id: string;
  code: string;
  name: string;
  country: string;
  /** Two letters that start every document number of this office. */
  series: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  office_id: string | null;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  disabled: number;
  created_at: string;
  /** Wrong passwords since the last successful login or lock (schema/migrations/...-003-login-lockout). */
  failed_logins: number;
  /** ISO time until which every login is refused; null when not locked. */
  locked_until: string | null;
  /**
   * Set while the password is a one-time activation code made when a second administrator confirmed the
   * account or its reset (issue 21): the code works until this time, and only to set the owner's password.
   */
  activation_expires_at: string | null;
}

export interface SessionTable {
  /** SHA-256 of the bearer secret; the secret itself is never stored. */
  id: string;
  staff_id: string;
  kind: 'session' | 'api';
  label: string | null;
  csrf_token: string | null;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApplicantTable {
  id: string;
  office_id: string;
  surname: string;
  given_names: string;
  patronymic: string | null;
  surname_latin: string;
  given_names_latin: string;
  latin_override: number;
  sex: string;
  birth_date: string;
  birth_place: string | null;
  personal_number: string | null;
  /** Empty since migration 019 (names are sealed); kept as the column a holder's row lock rewrites. */
  search_key: string;
  /** Beacons (services/store/beacons.ts): keyed blind indexes of the birth date and personal number. */
  birth_date_bx: string | null;
  personal_number_bx: string | null;
  created_by: string;
  created_at: string;
}

/** One folded word of an applicant's names (services/registry/name-terms.ts, migration 014). */
export interface ApplicantTermTable {
  office_id: string;
  term: string;
  applicant_id: string;
}

export interface PhotoTable {
  applicant_id: string;
  mime: string;
  data: Uint8Array;
  created_at: string;
}

/** The portrait as it was at issuance (schema/migrations/...-005-document-photos). */
export interface DocumentPhotoTable {
  document_id: string;
  mime: string;
  data: Uint8Array;
}

/** The portrait frozen with an application at submission (schema/migrations/...-007-application-photos). */
export interface ApplicationPhotoTable {
  application_id: string;
  mime: string;
  data: Uint8Array;
  /** The face sealed into the document, made at submission (migration 018): format code and image. */
  seal_format: number | null;
  seal: Uint8Array | null;
}

export interface ApplicationTable {
  id: string;
  office_id: string;
  applicant_id: string;
  document_type: string;
  data: string;
  state: ApplicationState;
  created_by: string;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: string;
  updated_at: string;
  /**
   * The holder's valid one-per-holder documents (ids, sorted, JSON) when the application was approved: what
   * issuing it was shown to supersede. Null before approval and for approvals older than migration 017.
   */
  approved_supersedes: string | null;
}

export interface DocumentTable {
  id: string;
  office_id: string;
  application_id: string;
  applicant_id: string;
  document_type: string;
  number: string;
  status_index: number;
  kid: string;
  qr_text: string;
  data: string;
  mrz: string | null;
  state: DocumentState;
  issued_at: string;
  issued_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revocation_reason: string | null;
  superseded_by: string | null;
  /** The personal number as issued (from the signed record), for the cross-office report (…-009). */
  personal_number: string | null;
  /** Beacons of the number (registry-wide, unique) and of the personal number (the cross-office report). */
  number_bx: string | null;
  personal_number_bx: string | null;
}

export interface DocumentEventTable {
  id: string;
  office_id: string;
  application_id: string | null;
  document_id: string | null;
  action: string;
  actor_id: string;
  actor_role: string;
  reason: string | null;
  at: string;
}

export interface StatusEntryTable {
  idx: number;
  document_id: string | null;
  revoked: number;
  allocated_at: string;
}

/** One per issued document: its 8-byte commitment at its log index (…-008-transparency-log). */
export interface LogLeafTable {
  idx: number;
  entry: Uint8Array;
  document_id: string;
}

export interface LogTileTable {
  level: number;
  idx: number;
  hashes: Uint8Array;
}

export interface LogCheckpointTable {
  size: number;
  /** The checkpoint signed by the log key only. */
  note: string;
  created_at: string;
  /** The same with the witnesses' cosignatures, once collected. */
  cosigned: string | null;
  cosigned_at: string | null;
}

/** A revocation asked for by one person, decided by another (…-010-revocation-requests). */
export interface RevocationRequestTable {
  id: string;
  document_id: string;
  office_id: string;
  reason: string;
  note: string | null;
  state: 'pending' | 'confirmed' | 'refused';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** A privileged account change waiting for a second administrator (schema/migrations/...-013-staff-requests). */
/** An integrator's API key (only its hash): a verification budget of its own (services/integrators/integrator-keys.ts). */
export interface IntegratorKeyTable {
  id: string;
  label: string;
  key_hash: string;
  created_by: string;
  created_at: string;
  revoked_by: string | null;
  revoked_at: string | null;
}

export interface StaffRequestTable {
  id: string;
  kind: 'create' | 'change';
  staff_id: string;
  office_id: string | null;
  username: string | null;
  display_name: string | null;
  role: Role | null;
  enable: number | null;
  /** Only in requests made before migration 017 (the requester's chosen password); null since. */
  password_hash: string | null;
  /** 1: a password reset (the owner sets a new password with a one-time activation code). */
  reset_password: number;
  state: 'pending' | 'confirmed' | 'refused' | 'withdrawn';
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface PersonalDataReadTable {
  staff_id: string;
  window_start: string;
  records: number;
}

export interface CounterTable {
  name: string;
  value: number;
  hash: string | null;
}

export interface IssuerKeyTable {
  kid: string;
  office_id: string;
  document_types: string;
  sign_from: string;
  sign_until: string;
  valid_until: string | null;
  revoked_at: string | null;
  loaded_at: string;
}

/** A data key, wrapped by the key-encryption key that is not in the database (services/store/data-keys.ts). */
export interface DataKeyTable {
  id: string;
  purpose: 'data' | 'index';
  state: 'active' | 'retiring' | 'retired';
  /** base64url of the wrapped key; null once retired (nothing sealed with it opens any more). */
  wrapped: string | null;
  kek_id: string;
  created_at: string;
  retired_at: string | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  office_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface Database {
  offices: OfficeTable;
  staff: StaffTable;
  sessions: SessionTable;
  applicants: ApplicantTable;
  applicant_terms: ApplicantTermTable;
  photos: PhotoTable;
  document_photos: DocumentPhotoTable;
  application_photos: ApplicationPhotoTable;
  applications: ApplicationTable;
  documents: DocumentTable;
  document_events: DocumentEventTable;
  status_entries: StatusEntryTable;
  counters: CounterTable;
  log_leaves: LogLeafTable;
  personal_data_reads: PersonalDataReadTable;
  revocation_requests: RevocationRequestTable;
  staff_requests: StaffRequestTable;
  integrator_keys: IntegratorKeyTable;
  log_tiles: LogTileTable;
  log_checkpoints: LogCheckpointTable;
  issuer_keys: IssuerKeyTable;
  audit_log: AuditLogTable;
  data_keys: DataKeyTable;
}

export type Office = Selectable<OfficeTable>;
export type Staff = Selectable<StaffTable>;
export type Applicant = Selectable<ApplicantTable>;
export type NewApplicant = Insertable<ApplicantTable>;
export type Application = Selectable<ApplicationTable>;
export type ApplicationUpdate = Updateable<ApplicationTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type AuditEntry = Selectable<AuditLogTable>;
