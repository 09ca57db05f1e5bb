// Issue 24, item 1: the printed passport data page and the A4 view never cut a name. The longest names the
// schema allows, a double surname with an apostrophe and a very long one, rendered in Chromium: every character
// of both scripts is on the page, nothing overflows its box, the name is at least NAME_MIN_PT, and the visual
// zone stays clear of the MRZ. The A4 view of a certificate shows its names in Latin too, and dates as printed.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentTypeRegistry } from '../../src/core/document-types.js';
import { td3 } from '../../src/core/mrz.js';
import { transliterateBelarusian } from '../../src/core/transliterate.js';
import { NAME_MIN_PT, passportDataPage } from '../../src/http/print-td3.js';
import { printView } from '../../src/http/print-view.js';
import type { DocumentView } from '../../src/services/registry/documents.js';
import { CHROMIUM, launch } from '../helpers/browser.js';

const hasChromium = existsSync(CHROMIUM);
const QR =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 117 117"><rect width="117" height="117"/></svg>';

function passport(surname: string, givenNames: string): DocumentView {
  const surnameLatin = transliterateBelarusian(surname);
  const givenNamesLatin = transliterateBelarusian(givenNames);
  const data = {
    surname,
    givenNames,
    surnameLatin,
    givenNamesLatin,
    sex: 'F',
    birthDate: '1988-07-03',
    issueDate: '2026-12-01',
    expiryDate: '2036-11-30',
    birthPlace: 'Мар’іна Горка',
  };
  return {
    id: 'd1',
    applicationId: 'a1',
    applicantId: 'p1',
    documentType: 'passport',
    number: 'RDDM7Y2A4',
    statusIndex: 1,
    state: 'issued',
    data,
    qrText: 'NB2:X',
    mrz: td3({
      documentCode: 'PP',
      issuingState: 'UTO',
      surname: surnameLatin,
      givenNames: givenNamesLatin,
      number: 'RDDM7Y2A4',
      nationality: 'BLR',
      birthDate: data.birthDate,
      sex: 'F',
      expiryDate: data.expiryDate,
    }),
    kid: 'k',
    issuedAt: '2026-12-01T09:00:00.000Z',
    issuedBy: 's',
    revokedAt: null,
    revocationReason: null,
    supersededBy: null,
  } as DocumentView;
}

describe.skipIf(!hasChromium)('printed names', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['Ўладзімірава-Ёрш', 'Мар’яна Ўладзіслава'],
    ['Святаполк-Мірская-Завадская-Радзівіл', 'Мар’яна-Ўладзіслава Канстанцыя-Францішка'],
    // As long as the schema allows (60 characters each).
    [
      'Святаполк-Мірская-Завадская-Радзівіл-Агінская-Сапега-Храпто',
      'Мар’яна-Ўладзіслава Канстанцыя-Францішка Еўфрасіння-Яўгенія',
    ],
  ])('the data page prints %s %s whole, in both scripts', async (surname, givenNames) => {
    const doc = passport(surname, givenNames);
    const page = await browser.newPage();
    await page.setContent(
      passportDataPage({
        doc,
        qrSvg: QR,
        officeName: 'PL-WAW',
        issuingState: 'UTO',
        origin: 'https://r.example',
      }),
    );
    const out = await page.evaluate(() => {
      const names = [...document.querySelectorAll<HTMLElement>('.v.n')];
      // The MRZ zone: the bottom 23.2 mm of the 88 mm page (ICAO 9303 Part 4), whatever the lines' own boxes.
      const page = document.querySelector('.page')!.getBoundingClientRect();
      const mrzTop = page.top + ((88 - 23.2) * 96) / 25.4;
      const viz = document.querySelector('.viz')!.getBoundingClientRect();
      return {
        texts: names.map((n) => n.textContent),
        sizes: names.map((n) => Number.parseFloat(getComputedStyle(n).fontSize)),
        clipped: [...document.querySelectorAll<HTMLElement>('.v, .l')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
          .map((e) => e.textContent),
        outside: names
          .filter((n) => n.getBoundingClientRect().right > viz.right + 1)
          .map((n) => n.textContent),
        vizBottom: Math.max(
          ...['.viz', '.photo', '.qr', '.qrnote'].map(
            (sel) => document.querySelector(sel)!.getBoundingClientRect().bottom,
          ),
        ),
        mrzTop,
      };
    });
    expect(out.texts).toEqual([surname, doc.data.surnameLatin, givenNames, doc.data.givenNamesLatin]);
    expect(out.clipped).toEqual([]);
    expect(out.outside).toEqual([]);
    for (const px of out.sizes) expect(px).toBeGreaterThanOrEqual((NAME_MIN_PT * 96) / 72 - 0.01);
    expect(out.vizBottom).toBeLessThanOrEqual(out.mrzTop);
    await page.close();
  });

  it('the A4 view of a certificate gives its names in Latin and its dates as printed', async () => {
    const doc = {
      ...passport('x', 'y'),
      documentType: 'birth-certificate',
      number: 'B123',
      mrz: null,
      data: {
        surname: 'Шчаглоў',
        givenNames: 'Уладзіслаў',
        birthDate: '2010-06-01',
        birthPlace: 'Варшава',
        sex: 'M',
        recordNumber: '12/2010',
        recordDate: '2010-06-05',
      },
    } as DocumentView;
    const page = await browser.newPage();
    await page.setContent(printView(doc, QR, new DocumentTypeRegistry(), 'PL-WAW', 'https://r.example'));
    const text = (await page.textContent('body'))!;
    expect(text).toContain('SHCHAHLOU (транслітарацыя / transliteration, ICAO 9303)');
    expect(text).toContain('01.06.2010');
    expect(text).not.toContain('2010-06-01');
    expect(text).toMatch(/No\. B123 · SHCHAHLOU ULADZISLAU · born 01\.06\.2010 · issued 01\.12\.2026/);
    await page.close();
  });
});
