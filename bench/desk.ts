// The benches' desk: a file-backed test registry and approved passport applications, prepared outside the
// timed parts, through the same services a clerk and an approver use.
import { PlainCipher } from './plain-cipher.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApplicant, setPhoto } from '../src/services/registry/applicants.js';
import {
  approveApplication,
  createApplication,
  submitApplication,
} from '../src/services/registry/applications.js';
import type { Actor, Deps } from '../src/services/deps.js';
import { testPhoto } from '../test/helpers/photo.js';
import { type TestRegistry, testRegistry } from '../test/helpers/registry.js';

export interface Desk {
  r: TestRegistry;
  clerk: Actor;
  approver: Actor;
  /** `n` passport applications, each for a new applicant with a portrait, submitted and approved. */
  approved(n: number): Promise<string[]>;
}

/** `n` passport applications for new applicants, each with a portrait, submitted by `clerk`, approved by `approver`. */
export async function approvePassports(
  deps: Deps,
  clerk: Actor,
  approver: Actor,
  n: number,
  person: {
    surname: string;
    givenNames: string;
    sex: 'F' | 'M';
    birthDate: string;
    personalNumber?: string;
  } = {
    surname: 'Навіцкая',
    givenNames: 'Кацярына',
    sex: 'F',
    birthDate: '1990-03-15',
    personalNumber: '4150390A001PB1',
  },
): Promise<string[]> {
  const photo = new Uint8Array(testPhoto());
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await createApplicant(deps, clerk, person);
    await setPhoto(deps, clerk, p.id, 'image/png', photo);
    const a = await createApplication(deps, clerk, { applicantId: p.id, documentType: 'passport' });
    await submitApplication(deps, clerk, a.id);
    await approveApplication(deps, approver, a.id);
    ids.push(a.id);
  }
  return ids;
}

/** The PL office's clerk and approver of a test registry, as the services take them. */
export async function deskActors(r: TestRegistry): Promise<{ clerk: Actor; approver: Actor }> {
  const staff = await r.handle.db
    .selectFrom('staff')
    .select(['id', 'role', 'office_id', 'username'])
    .execute();
  const actor = (u: string): Actor => {
    const s = staff.find((x) => x.username === u)!;
    return { staffId: s.id, role: s.role, officeId: s.office_id, officeCode: 'PL-WAW' };
  };
  return { clerk: actor('pl-clerk'), approver: actor('pl-approver') };
}

/** plain: the registry stores people's data unencrypted (bench/plain-cipher.ts), to measure what sealing costs. */
export async function benchDesk(opts: { plain?: boolean } = {}): Promise<Desk> {
  const r = await testRegistry({
    databaseUrl: `sqlite:${join(mkdtempSync(join(tmpdir(), 'nbr-bench-')), 'registry.db')}`,
  });
  if (opts.plain) r.deps.cipher = new PlainCipher();
  const { clerk, approver } = await deskActors(r);
  return {
    r,
    clerk,
    approver,
    approved: (n) => approvePassports(r.deps, clerk, approver, n),
  };
}
