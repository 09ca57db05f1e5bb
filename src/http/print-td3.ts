// The passport data page at its real size: ICAO 9303 TD3 (ID-3, 125 x 88 mm), printable on a booklet's data
// page or on card stock cut to size. Zones after Doc 9303 Part 4: header (issuing authority, document name),
// portrait on the left, the visual inspection zone, and the machine readable zone in the bottom 23.2 mm, two
// lines of 44 characters at 10 characters per inch (2.54 mm pitch). Our signed QR code takes the right edge.
//
// Each MRZ character sits in its own 2.54 mm cell, so the pitch holds whatever monospace font the printing
// machine has; OCR-B is used when installed. Positions are nominal: a printer must still be checked with a
// document reader before real booklets are printed.

import type { DocumentView } from '../services/registry/documents.js';
import { escapeHtml, qrSizeCss, sizedQr } from './print-view.js';

export interface DataPageInput {
  doc: DocumentView;
  qrSvg: string;
  officeName: string;
  issuingState: string;
  /** The service's public address, printed so that an official can open the verifier from the page. */
  origin: string;
  photo?: { mime: string; data: Uint8Array };
}

/** YYYY-MM-DD as DD.MM.YYYY, the order Belarusian documents print dates in. */
const dmy = (iso: string | undefined) =>
  iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`
    : (iso ?? '');

function field(be: string, en: string, value: string | undefined, cls = ''): string {
  return `<div class="f ${cls}"><span class="l">${escapeHtml(be)} / ${escapeHtml(en)}</span><span class="v">${escapeHtml(value ?? '')}</span></div>`;
}

/**
 * A name never cut (issue 24, item 1): its Cyrillic and Latin forms on lines of their own, each at 7 pt while
 * it fits one line of a full-width field (54 mm, 153 pt), smaller as it grows, down to NAME_MIN_PT; a name
 * longer still (the schemas allow 60 characters) wraps at that size rather than being cut. The width of a line
 * is estimated from its length, generously (DejaVu Sans, the usual fallback, is wide): capitals about 0.82 em,
 * mixed case about 0.7 em.
 */
export const NAME_MIN_PT = 5;
const LINE_PT = 153;
const namePt = (text: string) => {
  const em = text === text.toUpperCase() ? 0.82 : 0.7;
  return Math.max(NAME_MIN_PT, Math.min(7, LINE_PT / (em * Math.max(1, text.length))));
};

function nameField(be: string, en: string, cyrillic: string | undefined, latin: string | undefined): string {
  const line = (text: string | undefined, lang: string) =>
    text
      ? `<span class="v n" lang="${lang}" style="font-size: ${namePt(text).toFixed(2)}pt">${escapeHtml(text)}</span>`
      : '';
  return `<div class="f w"><span class="l">${escapeHtml(be)} / ${escapeHtml(en)}</span>${line(cyrillic, 'be')}${line(latin, 'en')}</div>`;
}

/**
 * Printer dots per QR module at 300 dpi on the data page: 3 (0.254 mm), so that a passport's code with its
 * sealed face (version 23, 117 modules with the quiet zone) fits the 31 mm beside the data at 29.7 mm, each
 * module a whole number of dots (test/browser/console.test.ts reads it at 300 dpi with two decoders).
 */
export const TD3_MODULE_DOTS_300 = 3;
/** On screen, 1 CSS pixel a module: whole device pixels at 1x and 2x, the 117 modules in the 31 mm beside the data. */
export const TD3_MODULE_PX_SCREEN = 1;

export function passportDataPage(input: DataPageInput): string {
  const { doc, qrSvg, officeName, issuingState, origin, photo } = input;
  const d = doc.data;
  const mrz = (doc.mrz ?? [])
    .map(
      (line) =>
        `<div class="mrz-line">${[...line].map((ch) => `<span>${escapeHtml(ch)}</span>`).join('')}</div>`,
    )
    .join('');
  const portrait = photo
    ? `<img class="photo" alt="" src="data:${photo.mime};base64,${Buffer.from(photo.data).toString('base64')}">`
    : '<div class="photo none">няма фота<br>no photo</div>';
  const revoked =
    doc.state === 'revoked'
      ? `<div class="revoked">АНУЛЯВАНЫ / REVOKED ${escapeHtml(dmy(doc.revokedAt?.slice(0, 10)))}<br>` +
        'не друкаваць / do not print</div>'
      : '';
  return `<!doctype html>
<html lang="be"><head><meta charset="utf-8"><title>Passport data page ${escapeHtml(doc.number)}</title>
<style>
  @page { size: 125mm 88mm; margin: 0; }
  html, body { margin: 0; padding: 0; }
  body { font-family: system-ui, sans-serif; color: #111; }
  .page { position: relative; width: 125mm; height: 88mm; overflow: hidden; box-sizing: border-box; background: #fff; }
  @media screen { body { background: #ccc; padding: 10mm; } .page { box-shadow: 0 0 3mm #888; } }
  .head { position: absolute; left: 4mm; right: 4mm; top: 2.5mm; height: 9mm; display: flex; justify-content: space-between; align-items: baseline; border-bottom: 0.3mm solid #b00; }
  .head .t { font-size: 7pt; font-weight: 700; letter-spacing: 0.2pt; }
  .head .s { font-size: 5.5pt; color: #444; text-align: right; }
  .photo { position: absolute; left: 4mm; top: 13.5mm; width: 30mm; height: 40mm; object-fit: cover; }
  .photo.none { border: 0.3mm dashed #999; font-size: 6pt; color: #777; display: flex; align-items: center; justify-content: center; text-align: center; box-sizing: border-box; }
  .viz { position: absolute; left: 37mm; top: 12mm; width: 54mm; display: grid; grid-template-columns: 1fr 1fr; column-gap: 2mm; row-gap: 0.3mm; }
  .f { display: flex; flex-direction: column; min-width: 0; }
  .f.w { grid-column: 1 / span 2; }
  .l { font-size: 4.5pt; line-height: 1.15; color: #555; }
  .v { font-size: 7pt; font-weight: 600; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-height: 1.2em; }
  .v.n { white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; line-height: 1.1; min-height: 0; }
  .qr { position: absolute; right: 3mm; top: 13mm; width: 31mm; height: 31mm; display: flex; justify-content: center; }
  .qr svg { display: block; }
  ${qrSizeCss('.qr svg', TD3_MODULE_PX_SCREEN, TD3_MODULE_DOTS_300)}
  .qrnote { position: absolute; right: 3mm; top: 45mm; width: 31mm; font-size: 4.5pt; line-height: 1.2; }
  .qrnote { color: #444; text-align: center; overflow-wrap: anywhere; }
  .mrz { position: absolute; left: 6.6mm; bottom: 0; height: 23.2mm; display: flex; flex-direction: column; justify-content: center; gap: 2.5mm; }
  .mrz-line { display: flex; }
  .mrz-line span { display: inline-block; width: 2.54mm; text-align: center; font-family: "OCR-B", "OCR B", "OCRB", "DejaVu Sans Mono", monospace; font-size: 3.6mm; line-height: 4mm; }
  .revoked { position: absolute; inset: 30mm 10mm auto 10mm; background: #b00; color: #fff; font-weight: 700; text-align: center; padding: 2mm; transform: rotate(-8deg); }
</style></head>
<body><div class="page" data-layout="td3">
<div class="head"><span class="t">НОВАЯ БЕЛАРУСЬ · NEW BELARUS<br>ПАШПАРТ · PASSPORT</span><span class="s">${escapeHtml(officeName)}</span></div>
${portrait}
<div class="viz">
${field('Тып', 'Type', 'P')}${field('Код дзяржавы', 'Code', issuingState)}
${field('Нумар пашпарта', 'Passport No.', doc.number, 'w')}
${nameField('Прозвішча', 'Surname', d.surname, d.surnameLatin)}
${nameField('Імя', 'Given names', d.givenNames, d.givenNamesLatin)}
${d.patronymic ? field('Імя па бацьку', 'Patronymic', d.patronymic, 'w') : ''}
${field('Грамадзянства', 'Nationality', 'BLR')}${field('Пол', 'Sex', d.sex)}
${field('Дата нараджэння', 'Date of birth', dmy(d.birthDate))}${field('Асабісты нумар', 'Personal No.', d.personalNumber)}
${field('Месца нараджэння', 'Place of birth', d.birthPlace, 'w')}
${field('Дата выдачы', 'Date of issue', dmy(d.issueDate))}${field('Тэрмін дзеяння', 'Date of expiry', dmy(d.expiryDate))}
</div>
<div class="qr">${sizedQr(qrSvg)}</div>
<div class="qrnote">Падпісаны код: праверце на / Signed code: check at ${escapeHtml(`${origin}/verifier/`)}</div>
<div class="mrz" aria-label="Machine-readable zone">${mrz}</div>
${revoked}
</div></body></html>`;
}
