// The printable document page: the data, the QR code, the MRZ for passports and a human-readable fallback
// line (ordinary QR apps cannot read a signed payload, so the print must say what it is and how to check it).

import type { DocumentTypeRegistry } from '../core/document-types.js';
import type { DocumentView } from '../services/registry/documents.js';
import { fieldLabel, typeTitle } from '../i18n/verifier.js';
import { documentDate, latinNameOf, shownFields } from '../core/display.js';
import be from '../../locales/console/be.json' with { type: 'json' };
import en from '../../locales/console/en.json' with { type: 'json' };

/** Belarusian first, then English, as on the passport itself ("Прозвішча / Surname"). */
const both = (b: string, e: string) => (b === e ? e : `${b} / ${e}`);
const reasonIn = (lang: typeof en, reason: string) =>
  (lang as Record<string, string>)[`reason_${reason}`] ?? reason;
/** An ISO time as a person reads it on paper, in UTC (the paper does not know the reader's time zone). */
const utc = (iso: string) => `${documentDate(iso.slice(0, 10))} ${iso.slice(11, 16)} UTC`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Printer dots per QR module at 300 dpi: a whole number of printer dots, so no module is smeared. */
export const MODULE_DOTS_300 = 5;
/** CSS pixels per module on screen: whole device pixels at 1x and 2x (issue 24, item 4). */
export const MODULE_PX_SCREEN = 2;

/**
 * The QR code at a whole number of device pixels per module, quiet zone included (the SVG's viewBox counts
 * it): on screen MODULE_PX_SCREEN CSS pixels (so 2 device pixels at 1x, 4 at 2x: zbarimg failed on a
 * certificate at 2.12 pixels a module, whose uneven edges it could not read), in print `dots` printer dots
 * at 300 dpi (twice that at 600). A passport with a sealed face (version 23, 117 modules with the quiet zone)
 * prints 49.5 mm wide, 0.42 mm a module. The sizes come from the page's style (qrSizeCss), by the module count
 * the SVG carries as --m.
 */
export function sizedQr(svg: string): string {
  const modules = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1] ?? 0);
  if (!modules) return svg;
  return svg.replace('<svg ', `<svg style="--m: ${modules}" `);
}

/** The style that sizes sizedQr's code: `px` CSS pixels a module on screen, `dots` printer dots at 300 dpi. */
export function qrSizeCss(selector: string, px: number, dots: number): string {
  return (
    `${selector} { width: calc(var(--m) * ${px}px); height: calc(var(--m) * ${px}px); }\n` +
    `  @media print { ${selector} { width: calc(var(--m) * ${dots}in / 300); height: calc(var(--m) * ${dots}in / 300); } }`
  );
}

export function printView(
  doc: DocumentView,
  qrSvg: string,
  registry: DocumentTypeRegistry,
  officeName: string,
  /** The service's public address: printed in full, so that an official can open the verifier from paper. */
  origin: string,
  /** The portrait the document was issued with (the face sealed in its code is made from it). */
  photo?: { mime: string; data: Uint8Array },
): string {
  const type = registry.byName(doc.documentType);
  // Dates as printed on documents; Cyrillic without a Latin field of its own also in Latin, labelled (the
  // verifier's rule, core/display.ts), in the order of the type's schema.
  const shown = new Map(shownFields(doc.data, type?.schema).map((f) => [f.name, f]));
  const rows = Object.entries(type?.schema.properties ?? {})
    .filter(([name]) => shown.has(name))
    .map(([name, field]) => {
      const label =
        fieldLabel('en', name) === name ? field.title : both(fieldLabel('be', name), fieldLabel('en', name));
      const { value, latin } = shown.get(name)!;
      const note = latin
        ? `<br><span class="latin">${escapeHtml(latin)} <small>(транслітарацыя / transliteration, ICAO 9303)</small></span>`
        : '';
      return `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}${note}</td></tr>`;
    })
    .join('');
  const expiry = type?.expiryField ? doc.data[type.expiryField] : undefined;
  const fallback = [
    type?.title ?? doc.documentType,
    `No. ${doc.number}`,
    latinNameOf(doc.data),
    doc.data.birthDate ? `born ${documentDate(doc.data.birthDate)}` : undefined,
    `issued ${documentDate(doc.data.issueDate ?? doc.issuedAt.slice(0, 10))}`,
    expiry ? `valid until ${documentDate(expiry)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const mrz = doc.mrz
    ? `<pre class="mrz" aria-label="Machine-readable zone">${doc.mrz.map(escapeHtml).join('\n')}</pre>`
    : '';
  const reason = doc.revocationReason ?? '';
  const revoked =
    doc.state === 'revoked'
      ? `<p class="revoked">АНУЛЯВАНЫ / REVOKED ${escapeHtml(doc.revokedAt ? utc(doc.revokedAt) : '')} ` +
        `(${escapeHtml(both(reasonIn(be, reason), reasonIn(en, reason)))}): не друкаваць / do not print</p>`
      : '';
  const title = both(typeTitle('be', doc.documentType), typeTitle('en', doc.documentType));
  const portrait = photo
    ? `<img class="photo" alt="" src="data:${photo.mime};base64,${Buffer.from(photo.data).toString('base64')}">`
    : '';
  return `<!doctype html>
<html lang="be"><head><meta charset="utf-8"><title>${escapeHtml(title)} ${escapeHtml(doc.number)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  @page { size: A4; margin: 15mm; }
  body { font-family: system-ui, sans-serif; max-width: 180mm; margin: 0 auto; color: #111; }
  header { border-bottom: 2px solid #b00; margin-bottom: 6mm; }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; font-weight: 500; color: #444; width: 45%; padding: 1.5mm 2mm 1.5mm 0; }
  td { padding: 1.5mm 0; font-weight: 600; overflow-wrap: anywhere; }
  td .latin { font-weight: 500; }
  td .latin small { font-weight: 400; color: #555; }
  .grid { display: grid; grid-template-columns: 1fr auto; gap: 8mm; align-items: start; }
  .side { display: flex; flex-direction: column; align-items: center; gap: 4mm; }
  .photo { width: 30mm; height: 40mm; object-fit: cover; border: 0.2mm solid #999; }
  .qr svg { display: block; }
  ${qrSizeCss('.qr svg', MODULE_PX_SCREEN, MODULE_DOTS_300)}
  .mrz { font-family: "OCR-B", "OCR B", monospace; font-size: 11pt; letter-spacing: 0.5pt; margin-top: 8mm; padding: 3mm; border: 1px dashed #999; }
  .fallback { font-size: 9pt; color: #333; margin-top: 4mm; }
  .revoked { color: #fff; background: #b00; padding: 2mm; font-weight: 700; }
  @media print { .noprint { display: none; } }
</style></head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>${escapeHtml(officeName)}</p></header>
${revoked}
<div class="grid"><table>${rows}</table><div class="side">${portrait}<div class="qr">${sizedQr(qrSvg)}</div></div></div>
${mrz}
<p class="fallback">${escapeHtml(fallback)}.</p>
<p class="fallback" lang="be">QR-код падпісаны прадстаўніцтвам, якое выдала дакумент: праверце яго праверкай
дакументаў Новай Беларусі на ${escapeHtml(`${origin}/verifier/`)} (пасля яна працуе і без сеткі) або
<code>nbr verify</code>; звычайныя праграмы для QR-кодаў паказваюць толькі тэкст.</p>
<p class="fallback" lang="en">The QR code is signed by the issuing office: check it with the New Belarus verifier
at ${escapeHtml(`${origin}/verifier/`)} (it then works offline) or <code>nbr verify</code>; ordinary QR apps show
only text.</p>
<p class="noprint">Друкуйце з браўзера (Ctrl+P), A4, маштаб 100% / Print with the browser (Ctrl+P), A4, scale 100%.</p>
</body></html>`;
}
