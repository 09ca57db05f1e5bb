// The staff console in Debian's headless Chromium, the whole path: a clerk registers an applicant (live
// transliteration, photo) and applies for a passport; an approver approves and issues; the print view's QR,
// read back from a screenshot, verifies with the core; revocation shows in the public status list.
import { existsSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStatusList } from '../../src/core/status-list.js';
import { verify } from '../../src/core/verify.js';
import { readPrintedQr } from '../helpers/printed-qr.js';
import { CHROMIUM, launch, screenshot, screenshotOnFailure, serveRegistry } from '../helpers/browser.js';
import { accessibilityViolations } from '../helpers/axe.js';
import { approvedPassport, issuePassport, issuePassportTo } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import { staffChangeAsTwo } from '../helpers/staff-change.js';
import { api, NAVITSKAYA, PASSWORD, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';
import { openRow } from '../../src/services/store/row-codec.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`CI must run the browser tests: ${CHROMIUM} missing`);

describe.skipIf(!hasChromium)('staff console', () => {
  let r: TestRegistry;
  let server: Awaited<ReturnType<typeof serveRegistry>>;
  let browser: Browser;

  beforeAll(async () => {
    r = await testRegistry({ config: { secureCookies: false } });
    server = await serveRegistry(r);
    browser = await launch();
  });
  // A script error in any page fails the test that caused it, whatever it waited for.
  const pageErrors: string[] = [];
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await r?.close();
  });

  async function login(page: Page, username: string): Promise<void> {
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}/console/`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('#who');
  }

  it('takes a passport from registration to print and revocation', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-path', async () => {
      // Clerk: register the applicant.
      await login(page, 'pl-clerk');
      expect(await page.textContent('#who')).toMatch(/pl-clerk.*clerk.*PL-WAW/);
      await screenshot(page, 'console-applicants');
      await page.click('#new-applicant');
      await page.fill('#f-surname', NAVITSKAYA.surname);
      await page.fill('#f-givenNames', NAVITSKAYA.givenNames);
      expect(await page.inputValue('#f-surnameLatin')).toBe('NAVITSKAIA');
      expect(await page.inputValue('#f-givenNamesLatin')).toBe('KATSIARYNA');
      await page.fill('#f-givenNamesLatin', 'KATSIARYNA'); // an explicit override keeps the same spelling
      await page.fill('#f-patronymic', NAVITSKAYA.patronymic);
      await page.selectOption('#f-sex', 'F');
      await page.fill('#f-birthDate', NAVITSKAYA.birthDate);
      await page.fill('#f-personalNumber', 'bad');
      await page.setInputFiles('#f-photo', { name: 'photo.png', mimeType: 'image/png', buffer: testPhoto() });
      await page.click('#applicant-form button[type=submit]');
      // The server's field error appears next to the field, and nothing typed is lost.
      await page.waitForSelector('[data-error-for="personalNumber"]:not(:empty)');
      expect(await page.inputValue('#f-surname')).toBe(NAVITSKAYA.surname);
      await page.fill('#f-personalNumber', NAVITSKAYA.personalNumber);
      await screenshot(page, 'console-new-applicant');
      await page.click('#applicant-form button[type=submit]');
      await page.waitForSelector('#application-form');
      expect(await page.locator('img.photo').count()).toBe(1);
      expect(await page.textContent('#flash')).toBe('Saved.'); // on the page the save opened

      // Clerk: a certificate form is generated from its schema and validated by the server.
      // Its fields about the person start from the record just above; required ones are starred.
      await page.selectOption('#f-documentType', 'birth-certificate');
      expect(await page.inputValue('#f-surname')).toBe(NAVITSKAYA.surname);
      expect(await page.inputValue('#f-givenNames')).toBe(NAVITSKAYA.givenNames);
      expect(await page.inputValue('#f-birthDate')).toBe('15.03.1990');
      expect(await page.inputValue('#f-sex')).toBe('F');
      expect(await page.textContent('label[for="f-recordNumber"]')).toMatch(/\*$/);
      await page.click('#application-form button[type=submit]');
      await page.waitForSelector('[data-error-for="recordNumber"]:not(:empty)');
      // Clerk: the passport application.
      await page.selectOption('#f-documentType', 'passport');
      await page.click('#application-form button[type=submit]');
      await page.waitForSelector('#submit-app');
      await page.click('#submit-app');
      await page.waitForFunction(() => document.querySelector('#app-state')?.textContent === 'submitted');
      // Issue 24, item 9: each step says what it did and what comes next, not just "Saved".
      expect(await page.textContent('#flash')).toMatch(/^Submitted for approval: an approver of the office/);
      await page.click('#logout');

      // Approver: the queue, the data beside the photo, approve, issue.
      await login(page, 'pl-approver');
      await page.waitForSelector('#applications a');
      // The menu counts what waits and marks where the approver is.
      await page.waitForSelector('nav a[data-nav="queue"] .count');
      expect(Number(await page.textContent('nav a[data-nav="queue"] .count'))).toBeGreaterThanOrEqual(1);
      expect(await page.getAttribute('nav a[data-nav="queue"]', 'aria-current')).toBe('page');
      expect(await page.getAttribute('nav a[data-nav="documents"]', 'aria-current')).toBeNull();
      await screenshot(page, 'console-queue');
      await page.click('#applications a');
      await page.waitForSelector('#approve');
      expect(await page.locator('.side-by-side img.photo').count()).toBe(1);
      // The portrait frozen at submission is shown to the approver: the one the passport will carry.
      expect(await page.locator('#frozen-portrait img.photo').count()).toBe(1);
      // The way back to the person, for their next application (issue 24, item 7).
      expect(await page.getAttribute('#to-applicant', 'href')).toMatch(/^#\/applicant\/[0-9a-f-]{36}$/);
      expect(await page.textContent('#to-applicant')).toContain('Навіцкая');
      // And the face the code will carry, made at submission: what every official will be shown (issue 23).
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('#frozen-portrait img.seal');
        return img?.complete && img.naturalWidth === 36 && img.naturalHeight === 48;
      });
      expect(await page.textContent('.data dd[data-field="surnameLatin"]')).toBe('NAVITSKAIA');
      await screenshot(page, 'console-approval');
      await page.click('#approve');
      await page.waitForSelector('#issue');
      await page.click('#issue');
      await page.waitForSelector('#doc-state');
      expect(await page.textContent('#doc-state')).toBe('issued');
      expect(await page.textContent('#flash')).toMatch(
        /^Issued: document [0-9A-Z]{9}\. Print it from this page/,
      );
      expect(await page.getAttribute('nav a[data-nav="documents"]', 'aria-current')).toBe('page');
      expect((await page.textContent('#mrz'))!.split('\n')[0]).toMatch(/^PPUTONAVITSKAIA<<KATSIARYNA<+$/);
      await screenshot(page, 'console-document');
      const docId = page.url().split('/').pop()!;

      // The print view: its QR, decoded from a screenshot, verifies with the core.
      const print = await context.newPage();
      await print.goto(`${server.url}/api/v1/documents/${docId}/print`);
      await screenshot(print, 'console-print');
      expect(await accessibilityViolations(print)).toEqual([]);
      // Printed at 300 dpi (5 dots a module): our scanner and zbarimg both read it, face and all.
      expect(await print.locator('.side img.photo').count()).toBe(1);
      const [read, zbar] = await readPrintedQr(
        browser,
        `${server.url}/api/v1/documents/${docId}/print`,
        '.qr svg',
        { cookies: await context.cookies() },
      );
      const decoded = await page.inputValue('#qr-text');
      expect(read).toBe(decoded);
      if (zbar !== undefined || process.env.CI) expect(zbar).toBe(decoded);
      // The TD3 data page: 3 dots a module at 300 dpi, so that the code fits beside the data; read as printed.
      const [onDataPage, td3Zbar] = await readPrintedQr(
        browser,
        `${server.url}/api/v1/documents/${docId}/print?layout=td3`,
        '.qr svg',
        { cookies: await context.cookies() },
      );
      expect(onDataPage).toBe(decoded);
      if (td3Zbar !== undefined || process.env.CI) expect(td3Zbar).toBe(decoded);
      const statusBefore = await openStatusList(
        await (await fetch(`${server.url}/status-list`)).text(),
        r.deps.keyring.trust,
      );
      const now = Math.floor(r.clock.t / 1000);
      const status = statusBefore.ok ? statusBefore.value : undefined;
      expect(
        (
          await verify(decoded, {
            trust: r.deps.keyring.trust,
            status,
            now,
            documentTypes: r.deps.documentTypes,
            log: r.deps.logView!,
          })
        ).code,
      ).toBe('VALID');
      await print.close();

      // The passport data page at its real size (ICAO 9303 TD3, 125 x 88 mm): one page of that size when
      // printed, the MRZ in the bottom 23.2 mm at 2.54 mm per character, nothing overlapping it.
      const [td3] = await Promise.all([context.waitForEvent('page'), page.click('#print-td3')]);
      await td3.waitForSelector('.page[data-layout="td3"]');
      await screenshot(td3, 'console-print-td3');
      expect(await accessibilityViolations(td3)).toEqual([]);
      const mm = 96 / 25.4;
      const geometry = await td3.evaluate(() => {
        const box = (el: Element) => el.getBoundingClientRect();
        const page = box(document.querySelector('.page')!);
        const lines = [...document.querySelectorAll('.mrz-line')].map((l) => ({
          text: l.textContent,
          xs: [...l.children].map((c) => box(c).left),
          top: box(l).top,
          bottom: box(l).bottom,
        }));
        const others = ['.viz', '.photo', '.qr', '.qrnote'].map((sel) => box(document.querySelector(sel)!));
        const photo = document.querySelector('img.photo') as HTMLImageElement | null;
        return {
          page: { left: page.left, top: page.top, width: page.width, height: page.height },
          lines,
          lowestOther: Math.max(...others.map((o) => o.bottom)),
          rightmostOther: Math.max(...others.map((o) => o.right)),
          photoLoaded: (photo?.naturalWidth ?? 0) > 0,
          // A label or value cut off by its box ("Дата нараджэння / Date of birth" once was).
          clipped: [...document.querySelectorAll<HTMLElement>('.l, .v')]
            .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
            .map((e) => e.textContent),
        };
      });
      expect(geometry.page.width).toBeCloseTo(125 * mm, 0);
      expect(geometry.page.height).toBeCloseTo(88 * mm, 0);
      expect(geometry.lines.map((l) => l.text)).toEqual((await page.textContent('#mrz'))!.split('\n'));
      const mrzZoneTop = geometry.page.top + (88 - 23.2) * mm;
      for (const line of geometry.lines) {
        expect(line.xs).toHaveLength(44);
        for (let i = 1; i < 44; i++) expect(line.xs[i]! - line.xs[i - 1]!).toBeCloseTo(2.54 * mm, 1);
        expect(line.top).toBeGreaterThanOrEqual(mrzZoneTop);
        expect(line.bottom).toBeLessThanOrEqual(geometry.page.top + geometry.page.height);
        expect(line.xs[43]! + 2.54 * mm).toBeLessThanOrEqual(geometry.page.left + geometry.page.width);
      }
      expect(geometry.lowestOther).toBeLessThan(mrzZoneTop);
      expect(geometry.rightmostOther).toBeLessThanOrEqual(geometry.page.left + geometry.page.width);
      expect(geometry.photoLoaded).toBe(true);
      expect(geometry.clipped).toEqual([]);
      const pdf = (await td3.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
      const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(boxes).toHaveLength(1);
      expect(boxes[0]![0]).toBeCloseTo((125 / 25.4) * 72, 0);
      expect(boxes[0]![1]).toBeCloseTo((88 / 25.4) * 72, 0);
      await td3.close();

      // Revoke takes two people: the approver asks (after a warning of what it does), nothing changes yet;
      // the office admin confirms it on the revocations page. Then the document and the status list say so.
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.accept();
      });
      // No reason is preselected: asking without one says to choose it.
      expect(await page.inputValue('#f-reason')).toBe('');
      await page.click('#revoke-form button[type=submit]');
      await page.waitForSelector('#revoke-form [data-error-for="reason"]:not(:empty)');
      await page.selectOption('#f-reason', 'lost');
      await page.fill('#f-note', 'reported by the holder');
      await page.click('#revoke-form button[type=submit]');
      await page.waitForFunction(() =>
        document.querySelector('#flash')?.textContent?.includes('another approver'),
      );
      expect(await page.textContent('#doc-state')).toBe('issued');
      // Issue 24, item 6: the page says a revocation is waiting (no empty form to ask again), and the
      // history has the request.
      await page.waitForSelector('#revocation-pending');
      expect(await page.textContent('#revocation-pending')).toMatch(
        /waiting for a second person: asked by PL approver, .*, lost\. Another approver or the office admin/,
      );
      expect(await page.locator('#revoke-form').count()).toBe(0);
      expect(await page.textContent('#history')).toMatch(/revocation asked for .*lost/);
      await page.goto(`${server.url}/console/#/revocations`);
      await page.waitForSelector('#revocations li');
      expect(await page.textContent('#revocations li')).toMatch(/another person must decide/);
      // Whose document it is, in the list to decide.
      expect(await page.textContent('#revocations li .holder')).toContain('Навіцкая');
      await page.click('#logout');
      await login(page, 'pl-office_admin');
      await page.goto(`${server.url}/console/#/revocations`);
      await page.waitForSelector('#revocations li button.confirm');
      await screenshot(page, 'console-revocations');
      // The confirm and refuse buttons stand apart.
      const [confirmBox, refuseBox] = await Promise.all(
        ['button.confirm', 'button.refuse'].map((b) => page.locator(`#revocations li ${b}`).boundingBox()),
      );
      expect(refuseBox!.x - (confirmBox!.x + confirmBox!.width)).toBeGreaterThanOrEqual(6);
      await page.click('#revocations li button.confirm');
      await page.waitForSelector('#revocations-none');
      // The last, irreversible step asks in its own words, not with the request's.
      expect(dialogs.at(-1)).toMatch(/^Revoke for good, now\? .*cannot be undone: [0-9A-Z]{9}$/);
      expect(dialogs.at(-1)).not.toBe(dialogs[0]);
      await page.goto(`${server.url}/console/#/document/${docId}`);
      await page.waitForFunction(() => document.querySelector('#doc-state')?.textContent === 'revoked');
      expect(await page.textContent('#history')).toMatch(/revoke.*lost: reported by the holder/);
      const statusAfter = await openStatusList(
        await (await fetch(`${server.url}/status-list`)).text(),
        r.deps.keyring.trust,
      );
      expect(
        (
          await verify(decoded, {
            trust: r.deps.keyring.trust,
            status: statusAfter.ok ? statusAfter.value : undefined,
            now,
            documentTypes: r.deps.documentTypes,
          })
        ).code,
      ).toBe('REVOKED');
      await page.click('nav a[href="#/documents"]');
      await page.waitForSelector('#documents td');
      await screenshot(page, 'console-documents');
    });
    await context.close();
  });

  it("explains why one cannot approve one's own application", async () => {
    // pl-clerk2 registers an application, then becomes an approver.
    const clerk2 = api(server.app, await tokenFor(server.app, 'pl-clerk2'));
    const admin = api(server.app, await tokenFor(server.app, 'pl-office_admin'));
    const person = (await clerk2('POST', '/api/v1/applicants', NAVITSKAYA)).json;
    await clerk2('PUT', `/api/v1/applicants/${person.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    const app = (
      await clerk2('POST', '/api/v1/applications', { applicantId: person.id, documentType: 'passport' })
    ).json;
    await clerk2('POST', `/api/v1/applications/${app.id}/submit`);
    const me = (await admin('GET', '/api/v1/staff')).json.items.find(
      (s: { username: string }) => s.username === 'pl-clerk2',
    );
    await staffChangeAsTwo(server.app, 'PATCH', `/api/v1/staff/${me.id}`, { role: 'approver' });
    const context = await browser.newContext();
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-own', async () => {
      await login(page, 'pl-clerk2');
      await page.goto(`${server.url}/console/#/application/${app.id}`);
      await page.waitForSelector('#own-notice');
      expect(await page.isDisabled('#approve')).toBe(true);
      expect(await page.textContent('#own-notice')).toMatch(/two-person rule/);
    });
    await context.close();
  });

  it("says on the new document page that the holder's earlier passport was superseded", async () => {
    const clerk = api(server.app, await tokenFor(server.app, 'pl-clerk'));
    const person = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Алена' })).json;
    const first = await issuePassportTo(server.app, person.id);
    const second = await approvedPassport(server.app, person.id);
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-superseded', async () => {
      await login(page, 'pl-clerk');
      await page.goto(`${server.url}/console/#/application/${second}`);
      // Earlier tests registered the same personal number: the page says so before anything is issued.
      await page.waitForSelector('#duplicates');
      expect(await page.textContent('#duplicates')).toContain('same personal number');
      // And that issuing revokes the holder's current passport, before the click.
      expect(await page.textContent('#will-supersede')).toBe(
        `Issuing this document revokes the holder's current one for good (superseded), the moment it is issued: ${first.number}`,
      );
      // And again, as a question, at the click: refused, nothing is issued; accepted, it is.
      const asked: string[] = [];
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await page.click('#issue');
      await expect.poll(() => asked.length).toBe(1);
      expect(asked).toEqual([expect.stringContaining(`current passport ${first.number} is revoked`)]);
      expect((await clerk('GET', `/api/v1/documents/${first.id}`)).json.state).toBe('issued');
      page.once('dialog', (d) => void d.accept());
      await page.click('#issue');
      await page.waitForSelector('#doc-state');
      expect(await page.textContent('#flash')).toBe(
        `Issued. The holder's earlier passport is now revoked as superseded: ${first.number}`,
      );
      // The holder brings the old one back: found by its number on the documents page, shown revoked.
      await page.click('nav a[href="#/documents"]');
      await page.fill('#lookup input', first.number.toLowerCase());
      await page.click('#lookup button');
      await page.waitForFunction((n) => document.querySelector('h2')?.textContent?.includes(n), first.number);
      expect(await page.textContent('#doc-state')).toBe('revoked');
      await page.click('nav a[href="#/documents"]');
      await page.fill('#lookup input', 'PZ0000000');
      await page.click('#lookup button');
      await page.waitForSelector('#lookup [data-error-for="_form"]:not(:empty)');
      expect(await page.textContent('#lookup [data-error-for="_form"]')).toBe(
        'no document with this number in this office',
      );
    });
    await context.close();
    expect((await clerk('GET', `/api/v1/documents/${first.id}`)).json.state).toBe('revoked');
  });

  it('lets an office admin manage staff and see the keys in use; works in Belarusian', async () => {
    const issued = await issuePassport(r); // for the audit trail below: a document named by its number
    const context = await browser.newContext({ locale: 'be-BY' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-admin', async () => {
      await login(page, 'pl-office_admin');
      expect(await page.textContent('h1')).toBe('Рэестр Новай Беларусі: кансоль супрацоўніка');
      await page.click('nav a[href="#/staff"]');
      await page.waitForSelector('#staff-form');
      await page.fill('#f-username', 'n');
      await page.fill('#f-displayName', 'New Clerk');
      // Nobody chooses another person's password: the form has no password field (issue 21).
      expect(await page.locator('#staff-form input[type=password]').count()).toBe(0);
      await page.click('#staff-form button[type=submit]');
      await page.waitForSelector('[data-error-for="username"]:not(:empty)');
      // The server's error, by its code, in Belarusian (the server itself speaks English).
      expect(await page.textContent('#flash')).toMatch(
        /: Некаторыя палі трэба выправіць: глядзіце паведамленні побач з імі\.$/,
      );
      await page.fill('#f-username', 'new-clerk');
      await page.click('#staff-form button[type=submit]');
      // A new account takes a second administrator: it waits, marked as the admin's own request.
      await page.waitForSelector('#staff-requests li[data-username="new-clerk"]');
      const asked = await page.textContent('#staff-requests li[data-username="new-clerk"]');
      expect(asked).toContain('новы ўліковы запіс: рэгістратар');
      expect(asked).toContain('Гэта ваш запыт');
      // Times and dates by the console's locale rule, as everywhere in it (issue 24, item 5), never ISO.
      expect(asked).toMatch(/01\.12\.2026, 09:00/);
      expect(asked).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(await page.textContent('#flash')).toContain('другі адміністратар');
      expect(await page.isVisible('#staff-requests li[data-username="new-clerk"] button.confirm')).toBe(
        false,
      );
      expect(await page.textContent('#staff')).not.toContain('new-clerk');
      await screenshot(page, 'console-staff');

      // A colleague's account locked by wrong passwords: the admin sees it and lifts the lock.
      for (let i = 0; i < r.deps.config.loginLockAfter; i++)
        await api(server.app)('POST', '/api/v1/session', {
          username: 'pl-clerk2',
          password: 'not the password',
        });
      await page.click('nav a[href="#/keys"]');
      await page.click('nav a[href="#/staff"]');
      const row = 'tr[data-username="pl-clerk2"]';
      await page.waitForSelector(`${row} td.locked button`);
      expect(await page.textContent(`${row} td.locked`)).toContain('спынены');
      // The account column says its state, beside the button that changes it (issue 24, item 10).
      expect(await page.textContent('#staff tr:first-child')).toContain('Уліковы запіс');
      expect(await page.textContent(`${row} td.account .state`)).toBe('дзейнічае');
      expect(await page.textContent(`${row} td.account button`)).toBe('Заблакаваць');
      expect(await page.locator('#staff td.office').count()).toBe(0); // an office admin's own office only
      await page.click(`${row} td.locked button`);
      await page.waitForFunction(
        (sel) => document.querySelector(sel)?.querySelector('td.locked') === null,
        row,
      );
      expect(
        (
          await api(server.app)('POST', '/api/v1/tokens', {
            username: 'pl-clerk2',
            password: PASSWORD,
            label: 'x',
          })
        ).status,
      ).toBe(201);

      // The colleague forgot the password: the admin asks for an activation code (a second admin confirms
      // it and hands the code over; the owner sets their own password).
      await page.click(`${row} button.reset-password`);
      expect(await page.locator('#reset-dialog input[type=password]').count()).toBe(0);
      await page.click('#reset-dialog button[type=submit]');
      await page.waitForSelector('#reset-dialog', { state: 'detached' });
      await page.waitForSelector(`#staff-requests li[data-username="pl-clerk2"]`);
      expect(await page.textContent('#flash')).toContain('pl-clerk2');
      expect(await page.textContent(`${row}`)).toContain('змена чакае пацвярджэння');
      expect(
        (
          await api(server.app)('POST', '/api/v1/tokens', {
            username: 'pl-clerk2',
            password: PASSWORD,
            label: 'x',
          })
        ).status,
      ).toBe(201); // the owner's password works until the reset is confirmed
      await page.click('nav a[href="#/keys"]');
      await page.waitForSelector('#keys li');
      expect(await page.textContent('#keys')).toMatch(/PL-WAW .* у выкарыстанні/);
      // The audit trail shows what the admin just did, by whom, without personal data.
      await page.click('nav a[href="#/audit"]');
      await page.waitForSelector('#audit tr:nth-child(2)');
      // Accounts named by username, documents by number (issue 24, item 10), not by id fragments.
      expect(await page.textContent('#audit')).toMatch(/змена ўліковага запісу: уліковы запіс pl-clerk2/);
      expect(await page.textContent('#audit')).toContain(`выдача дакумента: дакумент ${issued.number}`);
      expect(await page.getAttribute(`#audit a[href="#/document/${issued.id}"]`, 'href')).toBeTruthy();
      expect(await page.isVisible('#verify-chain')).toBe(false); // cabinet admins only
    });
    await context.close();
  });

  it('shows the Cabinet account changes to confirm or refuse, which take effect only then', async () => {
    const ltAdmin = api(server.app, await tokenFor(server.app, 'lt-office_admin'));
    const created = await ltAdmin('POST', '/api/v1/staff', {
      username: 'lt-new-approver',
      displayName: 'LT New Approver',
      role: 'approver',
      officeId: r.offices.LT,
    });
    expect(created.status).toBe(202);
    const ltClerk = (await ltAdmin('GET', '/api/v1/staff')).json.items.find(
      (s: { username: string }) => s.username === 'lt-clerk',
    );
    const reset = await ltAdmin('PATCH', `/api/v1/staff/${ltClerk.id}`, { resetPassword: true });
    expect(reset.status).toBe(202);
    const token = (username: string, password: string) =>
      api(server.app)('POST', '/api/v1/tokens', { username, password, label: 'x' });
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const prompts: string[] = [];
    page.on('dialog', (d) => {
      prompts.push(d.message());
      void d.accept();
    });
    await screenshotOnFailure(page, 'console-staff-requests', async () => {
      await login(page, 'cabinet');
      await page.goto(`${server.url}/console/#/staff`);
      const newOne = '#staff-requests li[data-username="lt-new-approver"]';
      const resetOne = '#staff-requests li[data-username="lt-clerk"]';
      await page.waitForSelector(`${newOne} button.confirm`);
      expect(await page.textContent(newOne)).toMatch(
        /LT New Approver .*new account: approver .*LT office_admin/,
      );
      expect(await page.textContent(resetOne)).toContain('new activation code');
      await screenshot(page, 'console-staff-requests');
      await page.click(`${newOne} button.confirm`);
      expect(prompts[0]).toMatch(
        /Confirm this account change\? It takes effect at once\. lt-new-approver: new account: approver/,
      );
      // The one-time code, shown to the confirming administrator only, until they close it.
      await page.waitForSelector('#activation-dialog #activation-code');
      const code = (await page.textContent('#activation-code'))!.trim();
      expect(code).toMatch(/^[2-9A-Z]{5}(-[2-9A-Z]{5}){3}$/);
      await screenshot(page, 'console-activation-code');
      await page.click('#activation-dialog button');
      await page.waitForSelector(newOne, { state: 'detached' });
      expect(await page.textContent('#flash')).toContain('Confirmed');
      expect(await page.textContent('#staff')).toContain('lt-new-approver');
      // The Cabinet sees every office's staff, each row with its office (issue 24, item 10).
      expect(await page.textContent('tr[data-username="lt-new-approver"] td.office')).toBe('LT-VNO');
      expect(await page.textContent('tr[data-username="pl-clerk"] td.office')).toBe('PL-WAW');
      await page.click(`${resetOne} button.refuse`);
      await page.waitForSelector(resetOne, { state: 'detached' });
      expect(await page.textContent('#flash')).toContain('Refused: nothing changed');
      expect((await token('lt-clerk', PASSWORD)).status).toBe(201);
      // The new approver's first login: the code, then their own password, and only then the console.
      const owner = await browser.newContext({ locale: 'en-GB' });
      const ownerPage = await owner.newPage();
      await ownerPage.goto(`${server.url}/console/`);
      await ownerPage.fill('#f-username', 'lt-new-approver');
      await ownerPage.fill('#f-password', code);
      await ownerPage.click('form.login button[type=submit]');
      await ownerPage.waitForSelector('#activation-form');
      expect(await ownerPage.textContent('#main h2')).toBe('Set your password');
      expect(await ownerPage.locator('nav').count()).toBe(0);
      await ownerPage.fill('#activation-form #f-currentPassword', code);
      await ownerPage.fill('#activation-form #f-newPassword', 'my own approver passphrase');
      await ownerPage.fill('#activation-form #f-repeatPassword', 'my own approver passphrase');
      await ownerPage.click('#activation-form button[type=submit]');
      await ownerPage.waitForSelector('nav');
      await owner.close();
      expect((await token('lt-new-approver', 'my own approver passphrase')).status).toBe(201);
      // The Cabinet asks for an account at an office of its choice; it waits for another administrator.
      await page.fill('#f-username', 'pl-from-cabinet');
      await page.fill('#f-displayName', 'From the Cabinet');
      await page.selectOption('#f-role', 'approver');
      await page.selectOption('#f-officeId', r.offices.PL);
      await page.click('#staff-form button[type=submit]');
      await page.waitForSelector('#staff-requests li[data-username="pl-from-cabinet"]');
      expect(await page.textContent('#staff-requests li[data-username="pl-from-cabinet"]')).toMatch(
        /new account: approver .*You asked for this/,
      );
    });
    await context.close();
  });

  it('pages through documents and applications without repeating a row, showing the holders', async () => {
    for (let i = 0; i < 23; i++)
      await issuePassport(
        r,
        {
          surname: 'Старонкавая',
          givenNames: `Ала${'а'.repeat(i)}`,
          sex: 'F',
          birthDate: '1980-05-05',
        },
        'lt',
      );
    const clerk = api(server.app, await tokenFor(server.app, 'lt-clerk'));
    const all = async (path: string) => {
      const ids: string[] = [];
      for (let cursor = ''; ; ) {
        const p = (await clerk('GET', `${path}?limit=100${cursor}`)).json;
        ids.push(...p.items.map((x: { id: string }) => x.id));
        if (!p.nextCursor) return ids;
        cursor = `&cursor=${p.nextCursor}`;
      }
    };
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-pages', async () => {
      await login(page, 'lt-clerk');
      await page.goto(`${server.url}/console/#/documents`);
      await page.waitForSelector('#documents tr:nth-child(21)');
      expect(await page.isVisible('#main > button')).toBe(true);
      while (await page.isVisible('#main > button')) {
        const before = await page.locator('#documents tr').count();
        await page.click('#main > button');
        await page.waitForFunction((n) => document.querySelectorAll('#documents tr').length > n, before);
      }
      const numbers = await page.locator('#documents tr td:first-child').allTextContents();
      expect(numbers.length).toBe((await all('/api/v1/documents')).length);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect(await page.textContent('#documents')).toContain('Старонкавая Алааа (STARONKAVAIA ALAAA)');
      await screenshot(page, 'console-documents-paged');
      // A record that does not exist: a page that says so, nothing of the list left under it.
      await page.goto(`${server.url}/console/#/document/01a230d5-0000-7000-8000-000000000000`);
      await page.waitForSelector('#not-found');
      expect(await page.locator('#documents').count()).toBe(0);
      await page.goBack();
      await page.waitForSelector('#documents tr:nth-child(2)');
      // A document links to its holder, whose page lists their documents and applications.
      await page.click('#documents tr:nth-child(2) td:first-child a');
      await page.waitForSelector('#holder-link');
      const number = await page.textContent('h2');
      await page.click('#holder-link');
      await page.waitForSelector('#holder-documents li');
      expect(number).toContain((await page.textContent('#holder-documents li a'))!);
      expect(await page.textContent('#holder-applications')).toMatch(/issued/);

      await page.goto(`${server.url}/console/#/applications`);
      await page.waitForSelector('#applications .more');
      while (await page.isVisible('#applications .more')) {
        const before = await page.locator('#applications p.application').count();
        await page.click('#applications .more');
        await page.waitForFunction(
          (n) => document.querySelectorAll('#applications p.application').length > n,
          before,
        );
      }
      const apps = await page
        .locator('#applications p.application a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(apps.length).toBe((await all('/api/v1/applications')).length);
      expect(new Set(apps).size).toBe(apps.length);
      expect(await page.textContent('#applications')).toMatch(/Старонкавая Ала .* · issued ·/);

      // The applicant search pages the same way: 23 people of one surname, each once.
      await page.goto(`${server.url}/console/#/applicants`);
      await page.fill('#main form input', 'Старонкавая');
      await page.press('#main form input', 'Enter');
      await page.waitForSelector('#results .more');
      while (await page.isVisible('#results .more')) {
        const before = await page.locator('#results a').count();
        await page.click('#results .more');
        await page.waitForFunction((n) => document.querySelectorAll('#results a').length > n, before);
      }
      const people = await page
        .locator('#results a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(people.length).toBe(23);
      expect(new Set(people).size).toBe(23);
    });
    await context.close();
    // And the audit trail, 50 entries a page, to its first entry.
    const admin = await browser.newContext({ locale: 'en-GB' });
    const trail = await admin.newPage();
    await screenshotOnFailure(trail, 'console-audit-pages', async () => {
      // Logged in through the API first: a login is itself an entry, and the list must not move meanwhile.
      const admin = api(server.app, await tokenFor(server.app, 'lt-office_admin'));
      await login(trail, 'lt-office_admin');
      await trail.goto(`${server.url}/console/#/audit`);
      await trail.waitForSelector('#audit tr:nth-child(51)');
      while (await trail.isVisible('#main > button')) {
        const before = await trail.locator('#audit tr').count();
        await trail.click('#main > button');
        await trail.waitForFunction((n) => document.querySelectorAll('#audit tr').length > n, before);
      }
      const seqs = await trail.locator('#audit tr td:first-child').allTextContents();
      const total: string[] = [];
      for (let cursor = ''; ; ) {
        const p = (await admin('GET', `/api/v1/audit?limit=100${cursor}`)).json;
        total.push(...p.items.map((e: { seq: number }) => String(e.seq)));
        if (!p.nextCursor) break;
        cursor = `&cursor=${p.nextCursor}`;
      }
      expect(total.length).toBeGreaterThan(100);
      expect(seqs).toEqual(total);
    });
    await admin.close();
  });

  it('gives the desk its work lists: my drafts, waiting, approved not issued, issued today, with names', async () => {
    const clerk = api(server.app, await tokenFor(server.app, 'pl-clerk'));
    r.clock.t += 60_000; // a fresh minute: the earlier tests used up the clerks' request budgets
    const person = { surname: 'Чарнавік', givenNames: 'Адам', sex: 'M', birthDate: '1977-07-07' };
    const created = await clerk('POST', '/api/v1/applicants', person);
    expect(created.status, created.text).toBe(201);
    const mine = created.json;
    const draft = await clerk('POST', '/api/v1/applications', {
      applicantId: mine.id,
      documentType: 'passport',
    });
    expect(draft.status, draft.text).toBe(201);
    // The filter is the server's: only the caller's own applications.
    const me = (await clerk('GET', '/api/v1/session')).json.staff;
    const own = (await clerk('GET', '/api/v1/applications?mine=true&state=draft')).json.items;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((a: { createdBy: string }) => a.createdBy === me.id)).toBe(true);
    const approvedId = await approvedPassport(server.app, mine.id);
    await issuePassport(server);
    const context = await browser.newContext({ locale: 'en-GB' });
    await context.clock.setFixedTime(new Date(r.clock.t)); // "today" is the registry's day
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-work-lists', async () => {
      await login(page, 'pl-clerk');
      await page.goto(`${server.url}/console/#/applications/mine`);
      await page.waitForSelector('#applications p.application');
      const drafts = await page.locator('#applications p.application').allTextContents();
      expect(drafts.every((d) => d.includes('draft') && d.includes('registered by PL clerk'))).toBe(true);
      expect(drafts.some((d) => d.includes('Чарнавік Адам'))).toBe(true);
      expect(await page.getAttribute('#work-filters a[aria-current="page"]', 'href')).toBe(
        '#/applications/mine',
      );
      // A draft is corrected in the console, its fields prefilled with what it holds.
      await page.goto(`${server.url}/console/#/application/${draft.json.id}`);
      await page.waitForSelector('#draft-form');
      await page.fill('#draft-form #f-birthPlace', 'Гародня');
      await page.click('#draft-form button[type=submit]');
      await page.waitForFunction(
        () => document.querySelector('dd[data-field="birthPlace"]')?.textContent === 'Гародня',
      );
      expect((await clerk('GET', `/api/v1/applications/${draft.json.id}`)).json.data.birthPlace).toBe(
        'Гародня',
      );
      await page.goto(`${server.url}/console/#/applications/mine`);
      await page.waitForSelector('#work-filters');
      await page.click('#work-filters a[href="#/applications/approved"]');
      await page.waitForSelector(`#applications a[href="#/application/${approvedId}"]`);
      expect(await page.textContent(`#applications a[href="#/application/${approvedId}"]`)).toContain(
        'decided by PL approver',
      );
      // What waits is listed in the order it arrived, oldest first; newest first on request.
      const listed = () =>
        page
          .locator('#applications p.application a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').pop()!));
      expect(await page.inputValue('#order')).toBe('oldest');
      const arrived = await listed();
      expect(arrived).toEqual([...arrived].sort());
      await Promise.all([
        page.waitForResponse((res) => res.url().includes('order=newest')),
        page.selectOption('#order', 'newest'),
      ]);
      await page.waitForFunction(
        (n) => document.querySelectorAll('#applications p.application').length === n,
        arrived.length,
      );
      const newer = await listed();
      expect(newer).toEqual([...newer].sort().reverse());
      await page.click('#work-filters a[href="#/documents/today"]');
      await page.waitForSelector('#documents tr:nth-child(2)');
      const rows = await page.locator('#documents tr').allTextContents();
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.slice(1).every((x) => x.includes('issued'))).toBe(true);
      await screenshot(page, 'console-work-lists');
    });
    await context.close();
  });

  it('warns the clerk and the approver when the MRZ will shorten a long name, showing what prints (issue 24)', async () => {
    const clerk = api(server.app, await tokenFor(server.app, 'pl-clerk'));
    const person = {
      surname: 'Святаполк-Мірская-Завадская-Радзівіл',
      givenNames: 'Мар’яна Ўладзіслава',
      sex: 'F',
      birthDate: '1988-07-03',
    };
    const applicant = (await clerk('POST', '/api/v1/applicants', person)).json;
    await clerk('PUT', `/api/v1/applicants/${applicant.id}/photo`, new Uint8Array(testPhoto()), {
      'content-type': 'image/png',
    });
    const app = (
      await clerk('POST', '/api/v1/applications', { applicantId: applicant.id, documentType: 'passport' })
    ).json;
    // ICAO 9303 Part 4, 4.2.3.2: the surname cut so that the double filler and a given name's letter remain.
    const prints = 'SVIATAPOLK<MIRSKAIA<ZAVADSKAIA<RADZI<<M';
    for (const who of ['pl-clerk', 'pl-approver']) {
      if (who === 'pl-approver') await clerk('POST', `/api/v1/applications/${app.id}/submit`);
      const context = await browser.newContext({ locale: who === 'pl-clerk' ? 'en-GB' : 'be-BY' });
      const page = await context.newPage();
      await screenshotOnFailure(page, `console-mrz-warning-${who}`, async () => {
        await login(page, who);
        await page.goto(`${server.url}/console/#/application/${app.id}`);
        await page.waitForSelector('#mrz-truncated');
        expect(await page.textContent('#mrz-truncated code')).toBe(prints);
        expect(await page.textContent('#mrz-truncated')).toMatch(
          who === 'pl-clerk' ? /39 characters .* whole name/ : /39 знакаў .* імя цалкам/,
        );
      });
      await context.close();
    }
    // A name that fits is not warned about.
    const short = (await clerk('POST', '/api/v1/applicants', { ...person, surname: 'Ерш' })).json;
    const fits = (
      await clerk('POST', '/api/v1/applications', { applicantId: short.id, documentType: 'passport' })
    ).json;
    expect((await clerk('GET', `/api/v1/applications/${fits.id}`)).json.mrzNameTruncated).toBeUndefined();
  });

  it('says before saving that a similar person is registered, by name and birth date, and registers on a second click (issue 24)', async () => {
    const clerk = api(server.app, await tokenFor(server.app, 'pl-clerk'));
    const her = {
      surname: 'Ўладзімірава-Ёрш',
      givenNames: 'Мар’яна Ўладзіслава',
      sex: 'F',
      birthDate: '1988-07-03',
    };
    const existing = (await clerk('POST', '/api/v1/applicants', her)).json;
    const context = await browser.newContext({ locale: 'be-BY' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-duplicate-before-saving', async () => {
      await login(page, 'pl-clerk');
      await page.click('#new-applicant');
      await page.fill('#f-surname', 'Уладзімірава-Ерш');
      await page.fill('#f-givenNames', "Мар'яна");
      await page.selectOption('#f-sex', 'F');
      await page.fill('#f-birthDate', '03.07.1988');
      await page.click('#applicant-form button[type=submit]');
      await page.waitForSelector('#applicant-form #duplicates');
      expect(await page.textContent('#duplicates a')).toBe(
        'Ўладзімірава-Ёрш Мар’яна Ўладзіслава, 03.07.1988',
      );
      expect(await page.getAttribute('#duplicates a', 'href')).toBe(`#/applicant/${existing.id}`);
      expect(await page.textContent('#duplicates')).toContain('падобныя імёны, тая ж дата нараджэння');
      expect(page.url()).toContain('#/applicants/new'); // nothing saved yet
      expect(await page.textContent('#applicant-form button[type=submit]')).toBe('Усё роўна зарэгістраваць');
      await page.click('#applicant-form button[type=submit]');
      await page.waitForSelector('#application-form');
    });
    await context.close();
  });

  it('lets a clerk correct an applicant record, the Latin spelling following the Cyrillic', async () => {
    const clerk = api(server.app, await tokenFor(server.app, 'pl-clerk'));
    const person = (
      await clerk('POST', '/api/v1/applicants', {
        surname: 'Сідарэнка',
        givenNames: 'Алег',
        sex: 'M',
        birthDate: '1979-09-09',
      })
    ).json;
    // A passport application registered before the correction, with the old data.
    const pending = await clerk('POST', '/api/v1/applications', {
      applicantId: person.id,
      documentType: 'passport',
      data: { surname: 'Сідарэнка', givenNames: 'Алег', sex: 'M', birthDate: '1979-09-09' },
    });
    expect(pending.status, pending.text).toBe(201);
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-edit-applicant', async () => {
      await login(page, 'pl-clerk');
      await page.goto(`${server.url}/console/#/applicant/${person.id}`);
      await page.click('#edit-applicant');
      await page.waitForSelector('#applicant-form');
      expect(await page.inputValue('#f-surname')).toBe('Сідарэнка');
      await page.fill('#f-givenNames', 'Алесь');
      expect(await page.inputValue('#f-givenNamesLatin')).toBe('ALES');
      await page.fill('#f-birthDate', '1979-09-19');
      // A thumbnail is refused, and the page says what a portrait needs; the record itself is saved.
      await page.setInputFiles('#f-photo', {
        name: 'small.png',
        mimeType: 'image/png',
        buffer: testPhoto(90, 120),
      });
      await page.click('#applicant-form button[type=submit]');
      await page.waitForFunction(
        () => document.querySelector('dd[data-field="givenNames"]')?.textContent === 'Алесь',
      );
      expect(await page.textContent('#flash')).toBe(
        'Photo: the photo is 90 x 120 pixels (at least 300 × 400 pixels)',
      );
      expect(await page.getAttribute('#flash', 'class')).toBe('error');
      expect(await page.textContent('dd[data-field="givenNamesLatin"]')).toBe('ALES');
      expect(await page.textContent('dd[data-field="birthDate"]')).toBe('19 Sept 1979'); // en-GB
      // The application registered before still holds the old data: the page says so and offers to withdraw it.
      await page.waitForSelector(`#stale-applications li[data-application="${pending.json.id}"]`);
      expect(await page.textContent('#stale-applications')).toContain('still hold data that differs');
      page.once('dialog', (d) => void d.accept());
      await page.click(`#stale-applications li[data-application="${pending.json.id}"] button.withdraw`);
      await page.waitForSelector('#stale-applications', { state: 'detached' });
      expect((await clerk('GET', `/api/v1/applications/${pending.json.id}`)).json.state).toBe('withdrawn');
      expect(await page.textContent('#holder-applications')).toContain('withdrawn');

      // Another, submitted before a second correction: withdrawn and registered again in one step, the new
      // draft holding the record's data as it is now.
      const second = await clerk('POST', '/api/v1/applications', {
        applicantId: person.id,
        documentType: 'passport',
      });
      await clerk('PUT', `/api/v1/applicants/${person.id}/photo`, new Uint8Array(testPhoto()), {
        'content-type': 'image/png',
      });
      expect((await clerk('POST', `/api/v1/applications/${second.json.id}/submit`)).status).toBe(200);
      const record = (await clerk('GET', `/api/v1/applicants/${person.id}`)).json;
      const { surname, givenNames, sex, birthDate } = record;
      const corrected = { surname, givenNames, sex, birthDate, birthPlace: 'Гомель' };
      expect((await clerk('PUT', `/api/v1/applicants/${person.id}`, corrected)).status).toBe(200);
      await page.reload();
      await page.waitForSelector(`#stale-applications li[data-application="${second.json.id}"]`);
      page.once('dialog', (d) => void d.accept());
      await page.click(`#stale-applications li[data-application="${second.json.id}"] button.reapply`);
      await page.waitForSelector('#app-state');
      expect(await page.textContent('#app-state')).toBe('draft');
      expect(await page.textContent('.data dd[data-field="birthPlace"]')).toBe('Гомель');
      expect(await page.textContent('#flash')).toContain('Registered again with the corrected data');
      expect((await clerk('GET', `/api/v1/applications/${second.json.id}`)).json.state).toBe('withdrawn');
    });
    await context.close();
  });

  it('shows the Cabinet passports of one personal number issued by two offices', async () => {
    const person = {
      surname: 'Двайная',
      givenNames: 'Ірына',
      sex: 'F',
      birthDate: '1984-04-04',
      personalNumber: '4040484A003PB1',
    };
    for (const office of ['pl', 'lt'] as const) await issuePassport(server, person, office);
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-cross-office', async () => {
      await login(page, 'cabinet');
      await page.click('nav a[href="#/cross-office"]');
      await page.waitForSelector('#cross-office li');
      expect(await page.textContent('#cross-office')).toMatch(/PL-WAW \S+ \(1 Dec 2026\) · LT-VNO/); // en-GB writes dates its own way
    });
    await context.close();
  });

  it('lets a clerk change their own password, with errors next to the fields', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-password', async () => {
      await api(server.app)('POST', '/api/v1/tokens', {
        username: 'lt-clerk',
        password: PASSWORD,
        label: 'old integration',
      });
      await login(page, 'lt-clerk');
      await page.click('#password-link');
      await page.waitForSelector('#password-form');
      // The forgotten integration token is listed and can be ended from here.
      const oldToken = '#sessions tr:has-text("old integration") button[data-session]';
      await page.waitForSelector(oldToken);
      await page.click(oldToken);
      await page.waitForFunction(
        () => !document.querySelector('#sessions')?.textContent?.includes('old integration'),
      );
      expect(await page.textContent('#sessions')).toContain('this session');
      await page.fill('#f-currentPassword', 'not my password');
      await page.fill('#f-newPassword', 'my new long passphrase');
      await page.fill('#f-repeatPassword', 'my new long passphrasf');
      await page.click('#password-form button[type=submit]');
      expect(await page.textContent('[data-error-for="repeatPassword"]')).toBe(
        'The two new passwords differ.',
      );
      await page.fill('#f-repeatPassword', 'my new long passphrase');
      await page.click('#password-form button[type=submit]');
      await page.waitForSelector('[data-error-for="currentPassword"]:not(:empty)');
      expect(await page.textContent('[data-error-for="currentPassword"]')).toBe(
        'This is not your current password.',
      );
      expect(await page.inputValue('#f-newPassword')).toBe('my new long passphrase'); // nothing typed is lost
      await page.fill('#f-currentPassword', PASSWORD);
      await page.click('#password-form button[type=submit]');
      await page.waitForFunction(() =>
        document.getElementById('flash')?.textContent?.startsWith('Password changed'),
      );
      expect(await page.inputValue('#f-currentPassword')).toBe('');
    });
    await context.close();
    expect(
      (
        await api(server.app)('POST', '/api/v1/tokens', {
          username: 'lt-clerk',
          password: 'my new long passphrase',
          label: 'x',
        })
      ).status,
    ).toBe(201);
  });

  it('keeps what was typed when the session ends, and lets the clerk log in again over the form', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-relogin', async () => {
      await login(page, 'pl-clerk');
      await page.click('#new-applicant');
      await page.fill('#f-surname', 'Рудзь');
      await page.fill('#f-givenNames', 'Ганна');
      await page.selectOption('#f-sex', 'F');
      await page.fill('#f-birthDate', '1991-05-05');
      await r.handle.db.deleteFrom('sessions').execute(); // the session ends on the server
      await page.click('#applicant-form button[type=submit]');
      await page.waitForSelector('#relogin[open]');
      await page.fill('#relogin #f-username', 'pl-clerk');
      await page.fill('#relogin #f-password', PASSWORD);
      await page.click('#relogin button[type=submit]');
      await page.waitForSelector('#relogin', { state: 'detached' });
      expect(await page.inputValue('#f-surname')).toBe('Рудзь');
      await page.click('#applicant-form button[type=submit]');
      await page.waitForSelector('#application-form');
    });
    await context.close();
  });

  it('sends changes only with the CSRF token and sets a strict content security policy', async () => {
    const res = await fetch(`${server.url}/console/`);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const login = await fetch(`${server.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pl-clerk', password: PASSWORD }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const forged = await fetch(`${server.url}/api/v1/applicants`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify(NAVITSKAYA),
    });
    expect(forged.status).toBe(403);
  });

  it('takes a phone’s landscape photo over 2 MiB, shrinks and crops it in the browser, and shows the sealed face', async () => {
    const clerk = api(server.app, await tokenFor(server.app, 'pl-clerk'));
    const person = (await clerk('POST', '/api/v1/applicants', { ...NAVITSKAYA, givenNames: 'Эліна' })).json;
    // A 4032 x 3024 phone photo (noise makes it large, as a real one is), the face in the middle.
    const face = await sharp(readFileSync('test/fixtures/faces/holder.jpg')).resize(1500, 2000).toBuffer();
    const phone = await sharp({
      create: {
        width: 4032,
        height: 3024,
        channels: 3,
        background: '#d8dde6',
        noise: { type: 'gaussian', mean: 200, sigma: 25 },
      },
    })
      .composite([{ input: face, left: 1266, top: 512 }])
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(phone.length).toBeGreaterThan(2 * 1024 * 1024);
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await screenshotOnFailure(page, 'console-phone-photo', async () => {
      await login(page, 'pl-clerk');
      await page.goto(`${server.url}/console/#/applicant/${person.id}`);
      await page.setInputFiles('input[type=file][aria-label="Upload photo"]', {
        name: 'IMG_2041.jpg',
        mimeType: 'image/jpeg',
        buffer: phone,
      });
      // The face the passport's code will carry, for the clerk to check before submitting.
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('.seal-preview img.seal');
        return img?.complete && img.naturalWidth === 36;
      });
      expect(await page.textContent('.seal-preview figcaption')).toMatch(
        /^The face a passport's code will carry/,
      );
      await screenshot(page, 'console-seal-preview');
    });
    await context.close();
    // What reached the registry: a portrait, within the limits, never the full-size photo.
    const row = await r.handle.db
      .selectFrom('photos')
      .select('data')
      .where('applicant_id', '=', person.id)
      .executeTakeFirstOrThrow();
    const stored = openRow(r.deps.cipher, 'photos', row, person.id).data;
    const size = await sharp(stored).metadata();
    expect(size.height).toBeLessThanOrEqual(1600);
    expect(size.height!).toBeGreaterThan(size.width!);
    expect(stored.length).toBeLessThan(2 * 1024 * 1024);
  });
});
