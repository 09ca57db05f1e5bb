// Prints the size of each valid document vector and its QR version at error correction L, M and Q.
// Usage: npx tsx scripts/qr-sizes.ts   (the table in docs/qr-format.md comes from this)
import { decodeBase45 } from '../src/core/base45.js';
import { qrVersion } from '../src/qr/render.js';
import { documentVectors } from '../test/helpers/vectors.js';

console.log('| document type | COSE bytes | QR characters | version L / M / Q |');
console.log('|---|---|---|---|');
for (const v of documentVectors().filter((x) => x.name.startsWith('valid-'))) {
  const bytes = decodeBase45(v.qr.slice(4)).length;
  console.log(
    `| ${v.name.slice(6)} | ${bytes} | ${v.qr.length} | ${qrVersion(v.qr, 'L')} / ${qrVersion(v.qr, 'M')} / ${qrVersion(v.qr, 'Q')} |`,
  );
}
