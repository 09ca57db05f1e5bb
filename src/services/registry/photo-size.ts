// Pixel size of an uploaded portrait, read from the file's header without decoding it (no image library, no
// decompression of attacker-supplied data): PNG's IHDR chunk (RFC 2083 section 4.1.1) or a JPEG
// start-of-frame marker (ITU-T T.81 annex B.2.2).

export interface PixelSize {
  width: number;
  height: number;
}

export function pngSize(data: Uint8Array): PixelSize | undefined {
  // 8-byte signature, then the first chunk, which must be IHDR: length (4), type (4), width (4), height (4).
  if (data.length < 24 || String.fromCharCode(data[12]!, data[13]!, data[14]!, data[15]!) !== 'IHDR')
    return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function jpegSize(data: Uint8Array): PixelSize | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let i = 2; // after SOI (FF D8)
  while (i + 3 < data.length) {
    if (data[i] !== 0xff) return undefined;
    let marker = data[i + 1]!;
    while (marker === 0xff && i + 2 < data.length) marker = data[++i + 1]!; // fill bytes
    // Markers without a length: TEM and RST0-7; SOI or EOI here means a broken file.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return undefined;
    const length = view.getUint16(i + 2);
    // SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC): precision (1), height (2), width (2).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > data.length) return undefined;
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    if (length < 2) return undefined;
    i += 2 + length;
  }
  return undefined;
}
