// Every view of the staff console in Belarusian, as each role sees it, with records in every state: no text
// of the English catalogue and no run of English words is left on the page, in its attributes or in its
// confirmation dialogs (record data and account names excepted). Each view is also photographed at 1280 and
// 768 px into test-artifacts/ and must not scroll sideways at either width. The same kinds of view in
// English show no Belarusian text and no machine code (an audit action as the server names it).
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import be from '../../locales/console/be.json' with { type: 'json' };
import en from '../../locales/console/en.json' with { type: 'json' };
import { CHROMIUM, launch, screenshot, screenshotOnFailure, serveRegistry } from '../helpers/browser.js';
import { accessibilityViolations } from '../helpers/axe.js';
import { approvedPassport, issuePassport, issuePassportTo } from '../helpers/issue-passport.js';
import { testPhoto } from '../helpers/photo.js';
import { api, NAVITSKAYA, PASSWORD, testRegistry, tokenFor, type TestRegistry } from '../helpers/registry.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI) throw new Error(`CI must run the browser tests: ${CHROMIUM} missing`);

/** The literal runs of an ICU message (its arguments and plural syntax dropped) long enough to be telling. */
export function literalFragments(catalogue: Record<string, string>, other: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const [key, text] of Object.entries(catalogue)) {
    if (other[key] === text) continue; // the same in both (a symbol, a format): nothing to look for
    for (const part of text.replace(/\{\w+\}/g, '\u0000').split(/[{}#\u0000]/)) {
      const literal = part.replace(/^\s*\w+\s*,\s*(plural|select)\s*,.*$/, '').trim();
      if (/^(=\d+|zero|one|few|many|other)$/.test(literal)) continue;
      if (literal.length >= 5 && /[a-zа-яёіў]{3}/.test(literal)) out.add(literal);
    }
  }
  return [...out];
}

/** Everything a reader meets: text nodes outside hidden parts, and the texts that attributes carry. */
function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[hidden], script, style, textarea, .mrz, dialog:not([open])')) continue;
      out.push(n.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label], [alt]'))
      for (const a of ['placeholder', 'title', 'aria-label', 'alt'])
        if (el.hasAttribute(a) && !el.closest('[hidden], dialog:not([open])')) out.push(el.getAttribute(a)!);
    return out.join('\n');
  });
}

/** Single words (a name, a date, a label) that a too narrow box splits over several lines. */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('dd, dt, label, th, button, h2, h3')) {
      const words = (el.textContent ?? '').trim().split(/\s+/);
      if (el.children.length || words.length !== 1 || !words[0] || (el as HTMLElement).offsetParent === null)
        continue; // text only: a label holding its control spans lines by design
      const range = document.createRange();
      range.selectNodeContents(el);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push(words[0]);
    }
    return out;
  });
}

/** Account names and office codes are data, as are the records' Latin names and numbers; commands are names. */
function withoutData(text: string): string {
  return text
    .replace(/\bnbr keys (status|issuer)\b/g, ' ')
    .replace(/\b[A-Z]{2} (office_admin|clerk2?|approver)\b/g, ' ')
    .replace(/\b[a-z]{2}-(office_admin|clerk2?|approver)\b/g, ' ')
    .replace(/\bCabinet Admin\b|\bcabinet\b/g, ' ')
    .replace(/\bnew-clerk\b|\bNew Clerk\b/g, ' ');
}

describe.skipIf(!hasChromium)('staff console in Belarusian', () => {
  let r: TestRegistry;
  let server: Awaited<ReturnType<typeof serveRegistry>>;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    r = await testRegistry({ config: { secureCookies: false } });
    server = await serveRegistry(r);
    browser = await launch();
    const clerk = api(r.app, await tokenFor(r.app, 'pl-clerk'));
    const approver = api(r.app, await tokenFor(r.app, 'pl-approver'));
    const admin = api(r.app, await tokenFor(r.app, 'pl-office_admin'));
    // One holder with a passport that a second one superseded, and a birth certificate left as a draft.
    const first = await issuePassport(r);
    ids.holder = first.applicantId;
    ids.superseded = first.id;
    ids.current = (await issuePassportTo(r.app, first.applicantId)).id;
    const certificate = {
      applicantId: first.applicantId,
      documentType: 'birth-certificate',
      data: {
        surname: NAVITSKAYA.surname,
        givenNames: NAVITSKAYA.givenNames,
        birthDate: NAVITSKAYA.birthDate,
        birthPlace: NAVITSKAYA.birthPlace,
        sex: NAVITSKAYA.sex,
        recordNumber: '1234',
        recordDate: '1990-03-20',
        motherName: 'Навіцкая Алена',
      },
    };
    const draft = await clerk('POST', '/api/v1/applications', certificate);
    expect(draft.status, draft.text).toBe(201);
    ids.draft = draft.json.id;
    /** A passport application of `applicantId` in the state the test needs (a draft, unless `then` says). */
    const passport = async (applicantId: string, then: ('submit' | 'withdraw')[] = []) => {
      const app = (await clerk('POST', '/api/v1/applications', { applicantId, documentType: 'passport' }))
        .json;
      for (const step of then) await clerk('POST', `/api/v1/applications/${app.id}/${step}`);
      return app.id as string;
    };
    /** A new applicant, with a portrait unless told otherwise. */
    const person = async (surname: string, givenNames: string, portrait = true) => {
      const a = (
        await clerk('POST', '/api/v1/applicants', { surname, givenNames, sex: 'M', birthDate: '1985-01-02' })
      ).json;
      if (portrait)
        await clerk('PUT', `/api/v1/applicants/${a.id}/photo`, new Uint8Array(testPhoto()), {
          'content-type': 'image/png',
        });
      return a.id as string;
    };
    // Their next passport, waiting for approval: the approver is told it supersedes the current one.
    ids.waiting = await passport(first.applicantId, ['submit']);
    ids.approved = await approvedPassport(r.app, await person('Каваль', 'Янка'));
    // A passport draft for someone with no portrait on record: it cannot be submitted yet, and the page says so.
    ids.noPortrait = await passport(await person('Голуб', 'Ян', false));
    ids.rejected = await passport(await person('Лукашык', 'Сцяпан'), ['submit']);
    await approver('POST', `/api/v1/applications/${ids.rejected}/reject`, { reason: 'Фота не падыходзіць' });
    ids.withdrawn = await passport(first.applicantId, ['withdraw']);
    // A stolen passport (revoked by two people) and a lost one whose revocation waits for a second person.
    const stolen = await issuePassport(r, {
      surname: 'Бярозка',
      givenNames: 'Алесь',
      sex: 'M',
      birthDate: '1970-01-01',
    });
    const request = (await approver('POST', `/api/v1/documents/${stolen.id}/revoke`, { reason: 'stolen' }))
      .json;
    await admin('POST', `/api/v1/revocations/${request.id}/confirm`);
    ids.stolen = stolen.id;
    const lost = await issuePassport(r, {
      surname: 'Вецер',
      givenNames: 'Зоя',
      sex: 'F',
      birthDate: '1999-09-09',
    });
    await approver('POST', `/api/v1/documents/${lost.id}/revoke`, { reason: 'lost' });
    ids.lost = lost.id;
    // A new account waiting for a second administrator; the same person holding a passport of another office.
    await admin('POST', '/api/v1/staff', {
      username: 'new-clerk',
      displayName: 'New Clerk',
      role: 'clerk',
    });
    await issuePassport(r, NAVITSKAYA, 'lt');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await r?.close();
  });

  /** The language the page under test should speak, and what of the other one must not be seen. */
  let lang: 'be' | 'en' = 'be';
  const fragments = { be: literalFragments(en, be), en: literalFragments(be, en) };

  /** Opens the view, lets `act` bring it to the state to look at, then checks and photographs it. */
  async function look(page: Page, name: string, hash: string, act?: () => Promise<void>): Promise<void> {
    await page.evaluate((h) => {
      delete document.body.dataset.ready;
      location.hash = h;
    }, hash);
    await page.waitForSelector('body[data-ready="true"]');
    // The focus is in the new view: its heading (a screen reader says where one is; Tab goes on from there),
    // or the field a form starts with.
    const focus = () => document.activeElement?.matches('#main h2, #main input, #main select') ?? false;
    expect.soft(await page.evaluate(focus), `${name}: focus`).toBe(true);
    await act?.();
    await expectLanguage(page, name);
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `console-${lang}-${name}-${width}`);
      expect.soft(await brokenWords(page), `${name} breaks words at ${width} px`).toEqual([]);
      if (width === 1280)
        expect.soft(await accessibilityViolations(page), `${name}: WCAG 2.1 AA (axe-core)`).toEqual([]);
      expect
        .soft(
          await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
          `${name} scrolls sideways at ${width} px`,
        )
        .toBe(true);
    }
  }

  const dialogs: string[] = [];
  async function expectLanguage(page: Page, name: string): Promise<void> {
    const text = withoutData([await visibleText(page), ...dialogs.splice(0)].join('\n'));
    const left = fragments[lang].filter((f) => text.includes(f));
    // In Belarusian no run of English words; in English no machine code (application.approved, staff.update).
    const words =
      (lang === 'be'
        ? text.match(/\b[a-z]{2,}(?: [a-z]{2,})+\b/g)
        : text.match(/\b[a-z]+(?:\.[a-z_-]+)+\b/g)) ?? [];
    // Soft: one run lists every view's leftovers.
    expect.soft({ view: name, catalogue: left, words }).toEqual({ view: name, catalogue: [], words: [] });
  }

  async function open(username: string, locale: 'be-BY' | 'en-GB' = 'be-BY'): Promise<Page> {
    lang = locale === 'be-BY' ? 'be' : 'en';
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => dialogs.push(`page error: ${e.message}`));
    // Confirmation dialogs are read and refused: their words count as the page's.
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/console/`);
    await page.waitForSelector('#f-username');
    await expectLanguage(page, 'login');
    await screenshot(page, `console-${lang}-login-1280`);
    await page.fill('#f-username', username);
    await page.fill('#f-password', PASSWORD);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  it("shows the clerk's views in Belarusian only", async () => {
    const page = await open('pl-clerk');
    await screenshotOnFailure(page, 'console-be-clerk', async () => {
      await look(page, 'applicants', '#/', async () => {
        await page.fill('#main form input', 'Навіц');
        await page.press('#main form input', 'Enter');
        await page.waitForSelector('#results a');
      });
      await look(page, 'new-applicant', '#/applicants/new', async () => {
        await page.fill('#f-surname', 'Smith');
        await page.fill('#f-givenNames', 'Кастусь');
        await page.fill('#f-birthDate', '1.1.2999'); // typed as people write dates, sent as 2999-01-01
        await page.fill('#f-personalNumber', 'bad');
        // The request's own checks first (no sex chosen), then the record's (names, dates, numbers).
        await page.click('#applicant-form button[type=submit]');
        await page.waitForSelector('[data-error-for="sex"]:not(:empty)');
        await page.selectOption('#f-sex', 'M');
        await page.click('#applicant-form button[type=submit]');
        await page.waitForSelector('[data-error-for="personalNumber"]:not(:empty)');
        expect(await page.textContent('[data-error-for="surname"]')).toMatch(/кірыліцы/);
        expect(await page.textContent('[data-error-for="birthDate"]')).toBe(
          'Гэтая дата не можа быць у будучыні.',
        );
      });
      await look(page, 'applicant', `#/applicant/${ids.holder}`, async () => {
        // A power of attorney's principal is the person: their full name and birth date start filled in.
        await page.selectOption('#f-documentType', 'power-of-attorney-attestation');
        expect(await page.inputValue('#f-principalName')).toBe('Навіцкая Кацярына Аляксандраўна');
        expect(await page.inputValue('#f-principalBirthDate')).toBe('15.03.1990');
        // The certificate's fields about the person start from their record.
        await page.selectOption('#f-documentType', 'birth-certificate');
        expect(await page.inputValue('#f-surname')).toBe(NAVITSKAYA.surname);
        expect(await page.inputValue('#f-birthDate')).toBe('15.03.1990'); // as people write it, sent as ISO
        await page.fill('#f-birthPlace', '');
        await page.click('#application-form button[type=submit]');
        await page.waitForSelector('[data-error-for="recordNumber"]:not(:empty)');
      });
      await look(page, 'applicant-edit', `#/applicant/${ids.holder}/edit`);
      await look(page, 'applications', '#/applications');
      await look(page, 'my-drafts', '#/applications/mine');
      await look(page, 'approved-list', '#/applications/approved');
      await look(page, 'queue-clerk', '#/queue');
      await look(page, 'draft', `#/application/${ids.draft}`, async () => {
        await page.click('#withdraw-app');
      });
      await look(page, 'no-portrait', `#/application/${ids.noPortrait}`, async () => {
        await page.waitForSelector('#needs-portrait');
        expect(await page.isDisabled('#submit-app')).toBe(true);
      });
      await look(page, 'approved', `#/application/${ids.approved}`);
      await look(page, 'rejected', `#/application/${ids.rejected}`);
      await look(page, 'withdrawn', `#/application/${ids.withdrawn}`);
      await look(page, 'documents', '#/documents');
      await look(page, 'issued-today', '#/documents/today');
      await look(page, 'document', `#/document/${ids.current}`);
      await look(page, 'superseded', `#/document/${ids.superseded}`);
      await look(page, 'stolen', `#/document/${ids.stolen}`);
      await look(page, 'not-found', '#/document/01a230d5-0000-7000-8000-000000000000');
      await look(page, 'password', '#/password', async () => {
        await page.fill('#f-currentPassword', 'not my password');
        await page.fill('#f-newPassword', 'a brand new password');
        await page.fill('#f-repeatPassword', 'a brand new password');
        await page.click('#password-form button[type=submit]');
        await page.waitForSelector('[data-error-for="currentPassword"]:not(:empty)');
      });
    });
    await page.context().close();
  });

  it("shows the approver's views in Belarusian only", async () => {
    const page = await open('pl-approver');
    await screenshotOnFailure(page, 'console-be-approver', async () => {
      await look(page, 'queue', '#/queue');
      await look(page, 'approval', `#/application/${ids.waiting}`, async () => {
        await page.waitForSelector('#will-supersede');
        await page.click('#approve');
      });
      await look(page, 'revoke', `#/document/${ids.current}`, async () => {
        await page.click('#revoke-form button[type=submit]');
        await page.waitForSelector('#revoke-form [data-error-for="reason"]:not(:empty)');
      });
      await look(page, 'revocations-approver', '#/revocations');
      // Issue 24, item 6: the document says its revocation waits for a second person, in Belarusian.
      await look(page, 'revocation-pending', `#/document/${ids.lost}`, async () => {
        expect(await page.textContent('#revocation-pending')).toMatch(
          /^Ануляванне чакае другога чалавека: папрасіў\(-ла\) .*, згублены\. Рашэнне прымае/,
        );
        expect(await page.locator('#revoke-form').count()).toBe(0);
      });
    });
    await page.context().close();
  });

  it("shows the administrators' views in Belarusian only", async () => {
    // Ten days before the status key stops signing: the keys page warns, and must do so in Belarusian.
    r.clock.t = (r.deps.keyring.statusKeys()[0]!.key.signUntil - 10 * 86_400) * 1000;
    const page = await open('pl-office_admin');
    await screenshotOnFailure(page, 'console-be-office-admin', async () => {
      await look(page, 'staff', '#/staff');
      await look(page, 'keys', '#/keys', async () => {
        await page.waitForSelector('#key-warnings li');
      });
      await look(page, 'audit', '#/audit');
      await look(page, 'revocations', '#/revocations', async () => {
        // Whose document, and the last step asked in its own words (issue 24, item 6); declined here.
        const row = page.locator('#revocations li', { hasText: 'Вецер Зоя' });
        expect(await row.locator('.holder').textContent()).toContain('Вецер Зоя');
        // The page's dialog handler reads and refuses it (above); its words are checked here and as the page's.
        await row.locator('button.confirm').click();
        await expect
          .poll(() => dialogs.at(-1))
          .toMatch(/^Анульяваць назаўсёды, зараз\? .*нельга адмяніць: [0-9A-Z]{9}$/);
      });
    });
    await page.context().close();
    const cabinet = await open('cabinet');
    await screenshotOnFailure(cabinet, 'console-be-cabinet', async () => {
      await look(cabinet, 'cabinet-staff', '#/staff');
      await look(cabinet, 'cross-office', '#/cross-office');
      await look(cabinet, 'cabinet-audit', '#/audit');
      await look(cabinet, 'cabinet-keys', '#/keys', async () => {
        expect(await cabinet.locator('#key-warnings li').count()).toBe(3); // the status key, both offices
      });
    });
    await cabinet.context().close();
  });

  it('shows the same kinds of view in English with no Belarusian text and no machine code', async () => {
    const admin = await open('pl-office_admin', 'en-GB');
    await screenshotOnFailure(admin, 'console-en-admin', async () => {
      await look(admin, 'staff', '#/staff');
      await look(admin, 'keys', '#/keys');
      await look(admin, 'audit', '#/audit');
      await look(admin, 'revocations', '#/revocations');
    });
    await admin.context().close();
    const clerk = await open('pl-clerk', 'en-GB');
    await screenshotOnFailure(clerk, 'console-en-clerk', async () => {
      await look(clerk, 'applicant', `#/applicant/${ids.holder}`);
      await look(clerk, 'draft', `#/application/${ids.draft}`);
      await look(clerk, 'withdrawn', `#/application/${ids.withdrawn}`);
      await look(clerk, 'superseded', `#/document/${ids.superseded}`);
      await look(clerk, 'stolen', `#/document/${ids.stolen}`);
    });
    await clerk.context().close();
  });
});
