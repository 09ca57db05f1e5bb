// For benchmarks only: a cipher that stores values as they are, so that a bench can issue into a registry
// without encryption at rest beside one with it, in the same run, and say what the encryption costs
// (issue 25). Never used by the service: src/ has no way to construct one.

import { FieldCipher, type FieldPlace } from '../src/crypto/field-cipher.js';

export class PlainCipher extends FieldCipher {
  constructor() {
    super(new Map([['plain', new Uint8Array(32)]]), 'plain', new Uint8Array(32));
  }
  override sealText(_p: FieldPlace, value: string): string {
    return value;
  }
  override openText(_p: FieldPlace, value: string): string {
    return value;
  }
  override sealBytes(_p: FieldPlace, value: Uint8Array): Uint8Array {
    return value;
  }
  override openBytes(_p: FieldPlace, value: Uint8Array): Uint8Array {
    return value;
  }
  /** The value itself (a plain index, as before encryption at rest), cut to the beacon's length. */
  override beacon(domain: string, scope: string, value: string, bits: 32 | 64): string {
    return `${domain}|${value}`.slice(0, bits);
  }
}
