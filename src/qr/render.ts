// QR rendering (qrcode package). Error correction M, as the EU DCC's issuers converged on (Switzerland
// moved from Q to M because dense codes failed on cheap phones); the whole text is in QR alphanumeric mode
// since base45's alphabet and our prefix are all alphanumeric characters.

import QRCode from 'qrcode';

export type QrLevel = 'L' | 'M' | 'Q' | 'H';

export function qrVersion(text: string, level: QrLevel = 'M'): number {
  return QRCode.create(text, { errorCorrectionLevel: level }).version;
}

export async function renderSvg(text: string, level: QrLevel = 'M'): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: level, margin: 4 });
}

export async function renderPng(text: string, level: QrLevel = 'M', scale = 6): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: level, margin: 4, scale });
}
