// The officials' verifier page in Debian's headless Chromium: a valid passport read through a fake camera
// feed of its printed QR, a tampered code, a revoked one, an unknown issuer, offline use after the first
// visit, the single-file download, and the language switch.
import { revokeAsTwo } from '../helpers/revoke.js';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBase45, decodeBase45 } from '../../src/core/base45.js';
import { signDocument } from '../../src/core/sign-document.js';
import { generateEd25519, nodeSigner } from '../../src/crypto/ed25519-node.js';
import { renderPng } from '../../src/qr/render.js';
import {
  CHROMIUM,
  launch,
  qrPngToY4m,
  screenshot,
  screenshotOnFailure,
  serveRegistry,
} from '../helpers/browser.js';
import { integrateLog } from '../../src/services/log-integrator.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { testRegistry, type TestRegistry } from '../helpers/registry.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`CI must run the browser tests: ${CHROMIUM} missing`);
if (!hasChromium) console.warn(`${CHROMIUM} not found: SKIPPING browser tests (apt-get install chromium)`);

describe.skipIf(!hasChromium)('verifier page', () => {
  let r: TestRegistry;
  let server: Awaited<ReturnType<typeof serveRegistry>>;
  let browser: Browser;
  let passport: Awaited<ReturnType<typeof issuePassport>>;
  const dir = mkdtempSync(join(tmpdir(), 'nbr-browser-'));

  beforeAll(async () => {
    r = await testRegistry();
    server = await serveRegistry(r);
    passport = await issuePassport(r);
    await integrateLog(r.deps); // what the service's integrator does every second
    qrPngToY4m(await renderPng(passport.qrText), join(dir, 'qr.y4m'));
    browser = await launch([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${join(dir, 'qr.y4m')}`,
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await r?.close();
  });

  async function open(
    context?: BrowserContext,
    locale = 'en-GB',
  ): Promise<{ page: Page; context: BrowserContext }> {
    const ctx = context ?? (await browser.newContext({ locale, viewport: { width: 390, height: 844 } }));
    // The registry runs on a fixed test clock; the page must see the same time.
    await ctx.clock.setFixedTime(new Date(r.clock.t));
    const page = await ctx.newPage();
    await page.goto(`${server.url}/verifier/`);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, context: ctx };
  }

  async function pasteAndVerify(page: Page, text: string): Promise<string> {
    await page.fill('#paste', text);
    await page.click('#verify');
    await page.waitForSelector('#result:not([hidden])');
    return (await page.getAttribute('#result', 'data-code'))!;
  }

  it('reads a printed passport QR through the camera and shows it valid, with the data to compare', async () => {
    const { page, context } = await open();
    await screenshotOnFailure(page, 'verifier-camera', async () => {
      await page.click('#scan');
      await page.waitForSelector('#result.valid', { timeout: 20_000 });
      expect(await page.textContent('#result h2')).toContain('VALID');
      expect(await page.textContent('#result dd[data-field="surnameLatin"]')).toBe('NAVITSKAIA');
      expect(await page.textContent('#result dd[data-field="number"]')).toBe(passport.number);
      expect(await page.textContent('#result .issuer')).toContain('PL-WAW');
      expect(await page.getAttribute('body', 'data-engine')).toBe('webcrypto');
      expect(await page.textContent('#result .checked')).toBe(
        `Checked on this device: ${new Date(r.clock.t).toISOString().slice(0, 16).replace('T', ' ')} UTC · Trust list #${r.deps.keyring.trust.sequence}`,
      );
      await screenshot(page, 'verifier-valid-phone');
    });
    await context.close();
  });

  it('shows red with the reason for tampered, unknown-issuer and revoked documents', async () => {
    const { page, context } = await open();
    await screenshotOnFailure(page, 'verifier-invalid', async () => {
      // Tampered: one byte of the signed payload changed.
      const bytes = decodeBase45(passport.qrText.slice(4));
      bytes[60] = bytes[60]! ^ 1;
      expect(await pasteAndVerify(page, `NB2:${encodeBase45(bytes)}`)).toBe('SIGNATURE_INVALID');
      expect(await page.getAttribute('#result', 'class')).toContain('invalid');
      expect(await page.textContent('#result .reason')).toMatch(/altered or forged/);

      // Unknown issuer: a well-formed document signed by a key that is not in the trust list.
      const rogue = nodeSigner(generateEd25519().seed);
      const forged = await signDocument(
        {
          type: 'passport',
          office: 'PL-WAW',
          issuedAt: Math.floor(r.clock.t / 1000),
          statusIndex: 1,
          logIndex: 0,
          fields: {
            number: 'PA0000000',
            surname: 'Іванова',
            givenNames: 'Ганна',
            surnameLatin: 'IVANOVA',
            givenNamesLatin: 'HANNA',
            birthDate: '1980-01-01',
            sex: 'F',
            issueDate: '2026-12-01',
            expiryDate: '2036-11-30',
          },
        },
        rogue,
        r.deps.documentTypes,
      );
      expect(await pasteAndVerify(page, forged.qrText)).toBe('UNKNOWN_KEY');
      expect(await page.locator('#result dl').count()).toBe(0); // unsigned-by-us data is never displayed
      expect(await pasteAndVerify(page, 'hello world')).toBe('MALFORMED');
    });
    await context.close();

    // Revoked: revoke through the served instance's API; a fresh visit fetches the new status list.
    const doc = await issuePassport(r);
    await integrateLog(r.deps);
    expect((await revokeAsTwo(server.app, doc.id, { reason: 'stolen' })).status).toBe(200);
    const second = await open();
    await screenshotOnFailure(second.page, 'verifier-revoked', async () => {
      expect(await pasteAndVerify(second.page, doc.qrText)).toBe('REVOKED');
      expect(await second.page.textContent('#result .intro')).toMatch(/Do not accept/);
      await screenshot(second.page, 'verifier-revoked');
    });
    await second.context.close();
  });

  it('keeps verifying offline after one visit (service worker and stored trust lists)', async () => {
    const { page, context } = await open();
    await screenshotOnFailure(page, 'verifier-offline', async () => {
      // The page itself says when it has been saved for offline use; only then may the network go.
      await page.waitForSelector('body[data-offline="ready"]');
      expect(await page.textContent('#network')).toBe('online · Works offline');
      await context.setOffline(true);
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.textContent('#network')).toMatch(/^offline/);
      expect(await pasteAndVerify(page, passport.qrText)).toBe('VALID');
      expect(await page.textContent('#freshness')).toContain('Trust list: issued');
      expect(await page.textContent('#log-freshness')).toMatch(/^Public log: \d+ documents/);
      // Issued after the page's copy of the log was made: amber, never green, until the copy is refreshed.
      const newer = await issuePassport(r, {
        surname: 'Новая',
        givenNames: 'Асоба',
        sex: 'F',
        birthDate: '1999-09-09',
      });
      await integrateLog(r.deps);
      expect(await pasteAndVerify(page, newer.qrText)).toBe('UNCONFIRMED');
      expect(await page.getAttribute('#result', 'class')).toBe('verdict unconfirmed');
      expect(await page.textContent('#result h2')).toContain('CANNOT CONFIRM');
      // Signed with the office's (stolen) key at the position of a registered document: red, offline.
      const stolen = r.deps.keyring.signerFor('PL-WAW', 'passport', Math.floor(r.clock.t / 1000))!;
      const forged = await signDocument(
        {
          type: 'passport',
          office: 'PL-WAW',
          issuedAt: Math.floor(r.clock.t / 1000),
          statusIndex: 3,
          logIndex: 0,
          fields: { ...passport.data, number: 'PA1234567' },
        },
        stolen.signer,
        r.deps.documentTypes,
      );
      expect(await pasteAndVerify(page, forged.qrText)).toBe('NOT_REGISTERED');
      expect(await page.getAttribute('#result', 'class')).toContain('invalid');
      await screenshot(page, 'verifier-not-registered');
    });
    await context.close();
  });

  it('works as a single downloaded file with the lists inside, without any network', async () => {
    const res = await fetch(`${server.url}/verifier/offline.html`);
    expect(res.headers.get('content-disposition')).toMatch(/attachment/);
    const file = join(dir, 'nb-verifier.html');
    (await import('node:fs')).writeFileSync(file, await res.text());
    const ctx = await browser.newContext({ offline: true, locale: 'en-GB' });
    await ctx.clock.setFixedTime(new Date(r.clock.t));
    const page = await ctx.newPage();
    await screenshotOnFailure(page, 'verifier-file', async () => {
      await page.goto(`file://${file}`);
      await page.waitForSelector('body[data-ready="true"]');
      expect(await pasteAndVerify(page, passport.qrText)).toBe('VALID');
    });
    await ctx.close();
  });

  it('warns when the trust material is older than its next update, and never shows green then', async () => {
    const { page, context } = await open();
    await page.waitForSelector('body[data-offline="ready"]');
    await context.setOffline(true);
    await context.clock.setFixedTime(new Date(r.clock.t + 3 * 86_400_000)); // status list TTL is 24 h
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await screenshotOnFailure(page, 'verifier-stale', async () => {
      expect(await page.textContent('#freshness')).toContain('out of date');
      expect(await pasteAndVerify(page, passport.qrText)).toBe('STATUS_LIST_STALE');
      expect(await page.getAttribute('#result', 'class')).toContain('invalid');
    });
    await context.close();
  });

  it('follows the browser language and switches on request', async () => {
    const { page, context } = await open(undefined, 'pl-PL');
    await screenshotOnFailure(page, 'verifier-language', async () => {
      expect(await page.textContent('h1')).toBe('Weryfikacja dokumentów Nowej Białorusi');
      for (const [lang, verdict, heading] of [
        ['be', 'САПРАЎДНЫ', 'Праверка дакументаў Новай Беларусі'],
        ['lt', 'GALIOJA', 'Naujosios Baltarusijos dokumentų tikrinimas'],
        ['de', 'GÜLTIG', 'Prüfung von Dokumenten des Neuen Belarus'],
      ]) {
        await page.selectOption('#lang', lang!);
        expect(await page.textContent('h1')).toBe(heading);
        await pasteAndVerify(page, passport.qrText);
        expect(await page.textContent('#result h2')).toContain(verdict);
      }
      expect(await page.textContent('#result dt')).toBe('Dokumentennummer');
      await screenshot(page, 'verifier-de');
    });
    await context.close();
  });
});
