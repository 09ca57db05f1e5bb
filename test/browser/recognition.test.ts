// Issue 26 in the page and the API: a verifier provisioned for a host state by link says, under the verdict,
// whether that state recognises the document for the chosen purpose, in the official's language, offline
// too; the public /recognition/ page shows what each state's signed statement says; POST /api/v1/verify
// answers country and purpose.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootFingerprint } from '../../src/core/recognition/index.js';
import { integrateLog } from '../../src/services/log/log-integrator.js';
import { CHROMIUM, launch, screenshotOnFailure, serveRegistry } from '../helpers/browser.js';
import { issuePassport } from '../helpers/issue-passport.js';
import { CORVINIA, cli, handWrittenState, testState } from '../helpers/recognition.js';
import { writeFileSync } from 'node:fs';
import { api, testRegistry, type TestRegistry } from '../helpers/registry.js';

const hasChromium = existsSync(CHROMIUM);

describe('host-state recognition in the registry', () => {
  let r: TestRegistry;
  let server: Awaited<ReturnType<typeof serveRegistry>>;
  let browser: Browser | undefined;
  let qr: string;
  let link: string;
  const dir = mkdtempSync(join(tmpdir(), 'nbr-recognition-'));

  beforeAll(async () => {
    r = await testRegistry({ config: { recognitionDir: dir } });
    const root = rootFingerprint(r.deps.keyring.roots[0]!.key.raw);
    const [xa, xb] = await Promise.all([testState('XA', [root]), testState('XB', [root])]);
    for (const s of [xa, xb]) {
      const published = await cli([
        'recognition',
        'publish',
        '--statement',
        s.statement,
        '--provision',
        s.provision,
        '--dir',
        dir,
      ]);
      expect(published.code, published.err).toBe(0);
    }
    await r.deps.recognition.reload();
    server = await serveRegistry(r);
    qr = (await issuePassport(r)).qrText;
    await integrateLog(r.deps);
    // The link the state's authority hands its officials (nbr recognition provision --verifier URL).
    const made = await cli([
      'recognition',
      'provision',
      '--key',
      xa.key,
      '--state-name',
      '{"pl":"Arkadia","en":"Arcadia"}',
      '--authority',
      'Urząd',
      '--language',
      'pl',
      '--verifier',
      `${server.url}/verifier/`,
      '--out',
      join(xa.dir, 'p.json'),
    ]);
    link = made.out.split('\n')[1]!;
    expect(link).toMatch(/\/verifier\/#recognition=[A-Za-z0-9_-]+$/);
    if (hasChromium) browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await r?.close();
  });

  it('POST /api/v1/verify answers country and purpose, and refuses one without the other', async () => {
    const call = api(r.app);
    const travel = await call('POST', '/api/v1/verify', { qr, country: 'XA', purpose: 'travel' });
    expect(travel.json).toMatchObject({
      code: 'VALID',
      recognition: { status: 'recognised', state: 'XA', sequence: 1 },
    });
    const xb = await call('POST', '/api/v1/verify', { qr, country: 'XB', purpose: 'travel' });
    expect(xb.json.recognition).toMatchObject({ status: 'not-recognised', code: 'NOT_COVERED' });
    const unknown = await call('POST', '/api/v1/verify', { qr, country: 'FR', purpose: 'identity' });
    expect(unknown.json).toMatchObject({
      code: 'VALID',
      recognition: { status: 'unknown', code: 'NO_STATEMENT' },
    });
    const half = await call('POST', '/api/v1/verify', { qr, country: 'XA' });
    expect([half.status, half.json.error.code]).toEqual([422, 'VALIDATION_FAILED']);
    const batch = await call('POST', '/api/v1/verify/batch', {
      codes: [qr, 'NB1:X'],
      country: 'XB',
      purpose: 'identity',
    });
    expect(batch.json.results.map((x: any) => x.recognition.code)).toEqual([
      'RECOGNISED',
      'DOCUMENT_NOT_VALID',
    ]);
    // Without country and purpose the answer is as before: no recognition field.
    expect((await call('POST', '/api/v1/verify', { qr })).json.recognition).toBeUndefined();
    // Published as given, CORS-open and cacheable.
    const jws = await r.app.request('/recognition/statements/XA.jws', {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(jws.headers.get('access-control-allow-origin')).toBe('*');
    expect(jws.headers.get('cache-control')).toMatch(/public/);
    expect((await jws.text()).trim()).toBe(r.deps.recognition.states().get('XA')!.statement!.source);
    expect((await r.app.request('/recognition/statements/ZZ.jws')).status).toBe(404);
  });

  it.skipIf(!hasChromium)(
    'the page provisioned by link says it in Polish, remembers the purpose, and works offline',
    async () => {
      const context: BrowserContext = await browser!.newContext({
        locale: 'pl-PL',
        viewport: { width: 360, height: 740 },
      });
      await context.clock.setFixedTime(new Date(r.clock.t)); // the registry's test clock is the page's
      const page: Page = await context.newPage();
      await screenshotOnFailure(page, 'recognition-verifier', async () => {
        await page.goto(link);
        await page.waitForSelector('body[data-ready="true"]');
        await page.waitForSelector('body[data-recognition="1"]');
        expect(page.url()).not.toContain('#recognition'); // taken out of the address bar
        await page.selectOption('#purpose', 'travel');
        await page.fill('#paste', qr);
        await page.press('#paste', 'Enter');
        const box = page.locator('#recognition');
        await page.waitForSelector('#recognition:not([hidden])');
        await expect.poll(() => box.getAttribute('data-status')).toBe('recognised');
        expect(await box.textContent()).toContain('Uznawany przez Arkadia w celu: Wjazd i podróż');
        await page.selectOption('#purpose', 'private');
        await expect.poll(() => box.getAttribute('data-code')).toBe('NOT_COVERED');
        expect(await box.textContent()).toMatch(/Nieuznawany przez Arkadia.*nie oświadczyło/);
        expect(await page.locator('#result h2').textContent()).toMatch(/WAŻNY/i);
        // Offline, after a reload: the stored statement and purpose still decide.
        await context.setOffline(true);
        await page.reload();
        await page.waitForSelector('body[data-ready="true"]');
        expect(await page.inputValue('#purpose')).toBe('private');
        await page.selectOption('#purpose', 'identity');
        await page.fill('#paste', qr);
        await page.press('#paste', 'Enter');
        await expect.poll(() => box.getAttribute('data-status')).toBe('recognised');
        expect(await box.textContent()).toContain('Kontrola tożsamości');
      });
      await context.close();
    },
    90_000,
  );

  it.skipIf(!hasChromium)(
    'takes a third state’s file written from the spec alone, in German',
    async () => {
      const xc = await handWrittenState(CORVINIA(rootFingerprint(r.deps.keyring.roots[0]!.key.raw)));
      const file = join(dir, '..', `XC-${Date.now()}.provision.json`);
      writeFileSync(file, JSON.stringify(xc.provision));
      const context = await browser!.newContext({ locale: 'de-DE' });
      await context.clock.setFixedTime(new Date(r.clock.t));
      const page = await context.newPage();
      await screenshotOnFailure(page, 'recognition-third-state', async () => {
        await page.goto(`${server.url}/verifier/`);
        await page.waitForSelector('body[data-ready="true"]');
        await page.setInputFiles('#provision', file);
        await page.waitForSelector('body[data-recognition="7"]');
        await page.selectOption('#purpose', 'employment');
        await page.fill('#paste', qr);
        await page.click('#verify');
        const box = page.locator('#recognition');
        await expect.poll(() => box.getAttribute('data-code')).toBe('RULE_FAILED');
        expect(await box.textContent()).toBe(
          '✘ Nicht anerkannt von Korvinien für: Beschäftigung: Nur für Männer (Testregel).',
        );
        await page.selectOption('#purpose', 'identity');
        await expect.poll(() => box.getAttribute('data-status')).toBe('recognised');
        // A purpose the state says nothing about, and a state whose statement lapsed: never green.
        await page.selectOption('#purpose', 'travel');
        await expect.poll(() => box.getAttribute('data-code')).toBe('NOT_COVERED');
      });
      await context.close();
    },
    60_000,
  );

  it.skipIf(!hasChromium)(
    'the public page checks each statement’s signature and lists what it recognises',
    async () => {
      const context = await browser!.newContext({ locale: 'lt-LT' });
      const page = await context.newPage();
      await screenshotOnFailure(page, 'recognition-page', async () => {
        await page.goto(`${server.url}/recognition/`);
        await page.waitForSelector('#states[data-state="done"]');
        const xb = page.locator('section[data-state="XB"]');
        expect(await xb.locator('h2').textContent()).toBe('Borealija');
        expect(await xb.locator('.sig').textContent()).toMatch(
          /^Parašas patikrintas: Migracijos departamentas/,
        );
        expect(await xb.textContent()).toContain('Gimimo liudijimas priimamas tik išduotas Vilniuje.');
        expect(await page.locator('section[data-state="XA"] h2').textContent()).toBe('Arcadia (Arkadia)');
      });
      await context.close();
    },
    60_000,
  );
});
