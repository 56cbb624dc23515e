/**
 * Keyed 64-bit hash of match-key bytes (case id, CPR number, account), computed in memory while a
 * source is read. The matcher compares these hashes instead of the strings, so CPR numbers are
 * never kept, and a run's key is 32 random bytes that never leave the process: the hashes cannot
 * be precomputed for the (small) space of CPR numbers.
 *
 * Two independent murmur3-style 32-bit lanes with different constants and seeds, mixed into each
 * other at the end: ~64-bit collision resistance for non-adversarial keys, only Math.imul and
 * shifts (no BigInt, no allocation per call). It is not a MAC; nothing here needs one, since the
 * hashes are neither stored nor shown.
 *
 * The result is written to `hashOut` ([hi, lo]) instead of being returned as an object, so the CSV
 * reader can hash millions of fields without garbage. Streaming (start/update/finish) gives the same
 * result however the bytes are split into updates, so a reader may feed a field in pieces (e.g.
 * Windows-1252 bytes transcoded to UTF-8 on the fly) and still get the hash of the whole field.
 */

/** [hi, lo] of the last finished hash. Read it before the next hash call. */
export const hashOut = new Uint32Array(2);

/** Byte that separates the fields of a multi-field key (ASCII unit separator). */
export const FIELD_SEPARATOR = 0x1f;

/** A run's hash key: two 32-bit seeds derived from the 32-byte per-run secret. */
export interface HashKey {
  readonly seedHi: number;
  readonly seedLo: number;
}

const A1 = 0xcc9e2d51 | 0;
const A2 = 0x1b873593 | 0;
const B1 = 0x85ebca77 | 0;
const B2 = 0xc2b2ae3d | 0;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/**
 * Derive the seeds from a 32-byte secret (e.g. crypto.randomBytes(32) per run). Every byte
 * influences both seeds.
 */
export function hashKeyFrom(secret: Uint8Array): HashKey {
  if (secret.length !== 32) throw new Error(`hash key must be 32 bytes, got ${secret.length}`);
  let hi = 0x243f6a88 | 0;
  let lo = 0x85a308d3 | 0;
  for (let i = 0; i < 32; i += 4) {
    const w = secret[i]! | (secret[i + 1]! << 8) | (secret[i + 2]! << 16) | (secret[i + 3]! << 24) | 0;
    hi = fmix((hi ^ w) + 0x9e3779b9);
    lo = fmix(Math.imul(lo ^ w, 0x27d4eb2f) + hi);
  }
  return { seedHi: hi >>> 0, seedLo: lo >>> 0 };
}

// Streaming state (module-level: one multi-field hash in progress at a time per thread, which is
// how a reader hashes a row's fields one after another).
let sa = 0;
let sb = 0;
let pend = 0; // up to 3 bytes not yet forming a 4-byte word, little-endian
let pendLen = 0;
let total = 0; // bytes fed so far

function block(w: number): void {
  let k = Math.imul(w, A1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, A2);
  sa ^= k;
  sa = (sa << 13) | (sa >>> 19);
  sa = (Math.imul(sa, 5) + 0xe6546b64) | 0;

  let m = Math.imul(w, B1);
  m = (m << 17) | (m >>> 15);
  m = Math.imul(m, B2);
  sb ^= m;
  sb = (sb << 11) | (sb >>> 21);
  sb = (Math.imul(sb, 9) + 0x38495ab5) | 0;
}

/** Begin a (possibly multi-field) hash with a run's seeds. */
export function hashStart(seedHi: number, seedLo: number): void {
  sa = seedLo | 0;
  sb = seedHi | 0;
  pend = 0;
  pendLen = 0;
  total = 0;
}

/** Feed one byte. */
export function hashUpdateByte(byte: number): void {
  pend |= (byte & 0xff) << (pendLen << 3);
  total++;
  if (++pendLen === 4) {
    block(pend);
    pend = 0;
    pendLen = 0;
  }
}

/** Feed buf[start, end). Same result as feeding the bytes one by one. */
export function hashUpdate(buf: Uint8Array, start: number, end: number): void {
  let i = start;
  // Finish a partial word first, so the fast loop below works on whole words.
  while (pendLen !== 0 && i < end) hashUpdateByte(buf[i++]!);
  const whole = end - ((end - i) & 3);
  total += whole - i;
  for (; i < whole; i += 4) {
    block(buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24));
  }
  while (i < end) hashUpdateByte(buf[i++]!);
}

/** Feed the field separator (0x1F) between two fields of a multi-field key. */
export function hashSeparator(): void {
  hashUpdateByte(FIELD_SEPARATOR);
}

/** Finish the hash; the result is in hashOut ([hi, lo]). */
export function hashFinish(): void {
  let a = sa;
  let b = sb;
  if (pendLen !== 0) {
    let k = Math.imul(pend, A1);
    k = (k << 15) | (k >>> 17);
    a ^= Math.imul(k, A2);
    let m = Math.imul(pend, B1);
    m = (m << 17) | (m >>> 15);
    b ^= Math.imul(m, B2);
  }
  a ^= total;
  b ^= total;
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = fmix(a);
  b = fmix(b);
  a = (a + b) | 0;
  b = (b + a) | 0;
  hashOut[0] = b;
  hashOut[1] = a;
}

/** Hash buf[start, end) in one call; the result is in hashOut ([hi, lo]). */
export function hashBytes(buf: Uint8Array, start: number, end: number, seedHi: number, seedLo: number): void {
  hashStart(seedHi, seedLo);
  hashUpdate(buf, start, end);
  hashFinish();
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/**
 * Hash the UTF-8 bytes of one or more string fields (joined by the separator), result in hashOut.
 * For tests, carried items and other small inputs; the readers hash bytes directly.
 */
export function hashFields(fields: readonly string[], key: HashKey): void {
  hashStart(key.seedHi, key.seedLo);
  for (let f = 0; f < fields.length; f++) {
    if (f > 0) hashSeparator();
    const s = fields[f]!;
    if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
    const { written } = encoder.encodeInto(s, scratch);
    hashUpdate(scratch, 0, written);
  }
  hashFinish();
}
