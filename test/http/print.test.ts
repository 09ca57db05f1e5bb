// The A4 print view speaks both languages of the people who read it: Belarusian then English labels (as on
// the passport), the verifier's address in both, and a revocation banner a person can read (a date, not an
// ISO timestamp; the reason in words).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePassport } from '../helpers/issue-passport.js';
import { revokeAsTwo } from '../helpers/revoke.js';
import { api, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

let r: TestRegistry;
beforeAll(async () => {
  r = await testRegistry();
});
afterAll(() => r?.close());

describe('A4 print view', () => {
  it('labels fields in Belarusian and English and shows a readable revocation banner', async () => {
    const doc = await issuePassport(r);
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const page = (await clerk('GET', `/api/v1/documents/${doc.id}/print`)).text;
    expect(page).toContain('<html lang="be">');
    expect(page).toContain('<th>Прозвішча / Surname</th>');
    expect(page).toContain('<th>Дата нараджэння / Date of birth</th>');
    expect(page).toContain('<h1>Пашпарт Новай Беларусі / New Belarus passport</h1>');
    expect(page).toMatch(/праверце яго праверкай\s+дакументаў Новай Беларусі/);
    expect(page).not.toContain('class="revoked"');
    expect((await revokeAsTwo(r.app, doc.id, { reason: 'stolen' })).status).toBe(200);
    const revoked = (await clerk('GET', `/api/v1/documents/${doc.id}/print`)).text;
    const at = new Date(r.clock.t).toISOString();
    expect(revoked).toContain(
      `АНУЛЯВАНЫ / REVOKED ${at.slice(8, 10)}.${at.slice(5, 7)}.${at.slice(0, 4)} ${at.slice(11, 16)} UTC (скрадзены / stolen): не друкаваць / do not print`,
    );
  });
});
