// FNV-1a, 32 bits, over the UTF-16 code units of a string (low byte, then high byte of each): the
// name words of the world hash and the layout fingerprints of world blobs. Internal.

/** FNV-1a 32 of `s`'s UTF-16 code units, as a signed 32-bit integer. */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h = Math.imul(h ^ (c & 0xff), 0x01000193);
    h = Math.imul(h ^ (c >>> 8), 0x01000193);
  }
  return h;
}
