// Time-ordered identifiers (UUID version 7, RFC 9562 section 5.7): new rows land at the end of the primary
// key index instead of at random places, which keeps inserts fast as tables grow. Within one millisecond the
// 12-bit rand_a field is a counter (RFC 9562 section 6.2, method 1), so ids of one process sort in creation
// order even under a fixed test clock.

export type IdGenerator = () => string;

export function createIdGenerator(now: () => number, random: (n: number) => Uint8Array): IdGenerator {
  let lastMs = -1;
  let seq = 0;
  return () => {
    let ms = Math.floor(now());
    if (ms > lastMs) {
      const r = random(2);
      seq = ((r[0]! << 8) | r[1]!) & 0x7ff; // start in the lower half, leaving room to count up
      lastMs = ms;
    } else {
      seq++;
      if (seq > 0xfff) {
        lastMs++;
        seq = 0;
      }
      ms = lastMs;
    }
    const bytes = random(16);
    bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
    bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
    bytes[2] = (ms >>> 24) & 0xff;
    bytes[3] = (ms >>> 16) & 0xff;
    bytes[4] = (ms >>> 8) & 0xff;
    bytes[5] = ms & 0xff;
    bytes[6] = 0x70 | (seq >> 8);
    bytes[7] = seq & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/**
 * The smallest id of a millisecond, as a string prefix: ids compare as text in time order, so a time range
 * becomes an id range on the primary key (services/registry/documents.ts lists by issue date this way).
 */
export function idFloor(ms: number): string {
  const hex = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}`;
}
