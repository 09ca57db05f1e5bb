// Issue 24, item 4: every document type's printed code is read by our scanner and by zbarimg (Debian's
// zbar-tools), from the A4 view (and the passport's data page) rendered by Chromium on a screen at 1x and 2x,
// and as printed at 300 dpi. Realistic certificates, with long places and names, reach QR version 17; a zbarimg
// once failed on one drawn at 2.12 device pixels a module, so every size is a whole number of pixels.
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrVersion } from '../../src/qr/render.js';
import { CHROMIUM, launch, serveRegistry } from '../helpers/browser.js';
import { issueDocumentTo, issuePassport } from '../helpers/issue-passport.js';
import { readPrintedQr } from '../helpers/printed-qr.js';
import { api, PASSWORD, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

const hasChromium = existsSync(CHROMIUM);

/** Certificates as long as real ones get: places with districts, double names, the longest powers. */
const CERTIFICATES: Record<string, Record<string, string>> = {
  'birth-certificate': {
    surname: 'Святаполк-Мірская-Завадская',
    givenNames: 'Мар’яна-Ўладзіслава',
    birthDate: '2010-06-01',
    birthPlace: 'в. Вялікая Бераставіца, Бераставіцкі раён, Гродзенская вобласць',
    sex: 'F',
    motherName: 'Святаполк-Мірская Ганна Канстанцінаўна',
    fatherName: 'Завадскі Уладзіслаў Францавіч',
    recordNumber: '1234/2010',
    recordDate: '2010-06-05',
  },
  'marriage-certificate': {
    spouse1NameBefore: 'Ўладзімірава-Ёрш Мар’яна Ўладзіславаўна',
    spouse1NameAfter: 'Завадская Мар’яна Ўладзіславаўна',
    spouse1BirthDate: '1988-07-03',
    spouse2NameBefore: 'Завадскі Канстанцін Францавіч',
    spouse2NameAfter: 'Завадскі Канстанцін Францавіч',
    spouse2BirthDate: '1986-02-11',
    marriageDate: '2026-11-20',
    marriagePlace: 'Народная амбасада Беларусі ў Польшчы, Варшава',
    recordNumber: '77/2026',
  },
  'name-change-certificate': {
    nameBefore: 'Ўладзімірава-Ёрш Мар’яна Ўладзіславаўна',
    nameAfter: 'Завадская Мар’яна Ўладзіславаўна',
    changeDate: '2026-11-01',
    recordNumber: '9/2026',
  },
  'identity-attestation': { expiredPassportNumber: 'MP1234567', expiredPassportExpiry: '2024-05-01' },
  'power-of-attorney-attestation': {
    principalName: 'Святаполк-Мірская-Завадская Мар’яна Ўладзіславаўна',
    principalBirthDate: '1988-07-03',
    agentName: 'Завадскі Канстанцін Францавіч',
    agentBirthDate: '1986-02-11',
    powers:
      'Прадстаўніцтва ў банках і дзяржаўных установах, падпісанне дагавораў аб арэндзе жылля ад імя даверніка',
    expiryDate: '2027-12-01',
  },
};

describe.skipIf(!hasChromium)('printed codes of every document type', () => {
  let r: TestRegistry;
  let server: Awaited<ReturnType<typeof serveRegistry>>;
  let browser: Browser;
  let cookies: Parameters<BrowserContext['addCookies']>[0];
  const docs: { type: string; id: string; qrText: string }[] = [];

  beforeAll(async () => {
    r = await testRegistry({ config: { secureCookies: false } });
    server = await serveRegistry(r);
    browser = await launch();
    const passport = await issuePassport(r);
    docs.push({ type: 'passport', id: passport.id, qrText: passport.qrText });
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const applicant = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Завадская',
        givenNames: 'Мар’яна',
        sex: 'F',
        birthDate: '1988-07-03',
      })
    ).json;
    for (const [documentType, data] of Object.entries(CERTIFICATES)) {
      const doc = await issueDocumentTo(r.app, applicant.id, documentType, data);
      docs.push({ type: documentType, id: doc.id, qrText: doc.qrText });
    }
    const context = await browser.newContext();
    const login = await context.request.post(`${server.url}/api/v1/session`, {
      data: { username: 'pl-clerk', password: PASSWORD },
    });
    expect(login.status()).toBe(200);
    cookies = await context.cookies();
    await context.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await r?.close();
  });

  it('reach the QR versions docs/qr-format.md states for realistic records', () => {
    const versions = Object.fromEntries(docs.map((d) => [d.type, qrVersion(d.qrText, 'M')]));
    // docs/qr-format.md section 6: realistic certificates reach version 18 at level M (the reads below cover
    // them); none passes 20, nor a passport 25 (a real portrait: 23).
    for (const t of ['birth-certificate', 'marriage-certificate', 'power-of-attorney-attestation'])
      expect(versions[t], t).toBeGreaterThanOrEqual(17);
    for (const d of docs)
      expect(versions[d.type], d.type).toBeLessThanOrEqual(d.type === 'passport' ? 25 : 20);
  });

  for (const dpi of [96, 192, 300])
    it(`are read by our scanner and zbarimg at ${dpi} dpi (${dpi < 300 ? `${dpi / 96}x on screen` : 'as printed'})`, async () => {
      const failures: string[] = [];
      for (const d of docs) {
        const views = [`${server.url}/api/v1/documents/${d.id}/print`];
        if (d.type === 'passport') views.push(`${views[0]}?layout=td3`);
        for (const url of views) {
          const [ours, zbar] = await readPrintedQr(browser, url, '.qr svg', { dpi, cookies });
          if (ours !== d.qrText)
            failures.push(`${d.type} ${url.includes('td3') ? 'TD3' : 'A4'}: our scanner`);
          if ((zbar !== undefined || process.env.CI) && zbar !== d.qrText)
            failures.push(`${d.type} ${url.includes('td3') ? 'TD3' : 'A4'}: zbarimg`);
        }
      }
      expect(failures).toEqual([]);
    }, 120_000);
});
