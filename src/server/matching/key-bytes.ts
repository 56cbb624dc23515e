/**
 * A row's key bytes, normalised so the same key hashes alike whatever the file looks like:
 * surrounding spaces trimmed, doubled quotes of a quoted CSV field undone, Windows-1252 bytes
 * transcoded to UTF-8, and a CPR number's '-' and spaces dropped ("010190-1234" on one side and
 * "0101901234" on the other are the same person). The fields are copied into one scratch buffer
 * (fields joined by 0x1F) and hashed in one call: copying ~20 bytes is cheaper than feeding the
 * hash in pieces.
 */
import { FIELD_SEPARATOR, hashBytes } from '../../domain/matching/hash.js';
import { cp1252Utf8 } from './bytes.js';

const QUOTE = 0x22;

let kb = new Uint8Array(4096);

/** Copies b[s, e) normalised into out at o; returns the new end. out must have room for 3×(e−s). */
export function copyKeyField(b: Uint8Array, s: number, e: number, escaped: boolean, cp1252: boolean, cpr: boolean, out: Uint8Array, o: number): number {
  while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
  if (!escaped && !cp1252 && !cpr) {
    for (let i = s; i < e; i++) out[o++] = b[i]!;
    return o;
  }
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c < 0x80) {
      if (cpr && (c === 0x2d || c === 0x20)) continue;
      out[o++] = c;
      // a doubled quote inside a quoted field stands for one quote
      if (c === QUOTE && escaped && b[i + 1] === QUOTE) i++;
    } else if (cp1252) {
      const t = (c - 0x80) * 4;
      const n = cp1252Utf8[t]!;
      for (let k = 1; k <= n; k++) out[o++] = cp1252Utf8[t + k]!;
    } else out[o++] = c;
  }
  return o;
}

/**
 * Hashes the fields of one row given as parallel arrays of ranges (start, end, quoting flag);
 * the result is in hash.ts's hashOut. Plain fields (and an unquoted CPR in UTF-8) are copied by
 * an inline loop: this runs once or twice per row.
 */
export function hashKeyFields(
  b: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  flags: Uint8Array,
  roles: Int8Array,
  cprRole: number,
  cp1252: boolean,
  seedHi: number,
  seedLo: number,
): void {
  let out = kb;
  let o = 0;
  const nr = roles.length;
  for (let k = 0; k < nr; k++) {
    const r = roles[k]!;
    let s = starts[r]!;
    let e = ends[r]!;
    if (out.length < o + (e - s) * 3 + 1) {
      const bigger = new Uint8Array((o + (e - s) * 3 + 1) * 2);
      bigger.set(out.subarray(0, o));
      kb = out = bigger;
    }
    if (k > 0) out[o++] = FIELD_SEPARATOR;
    while (s < e && (b[s] === 0x20 || b[s] === 0x09)) s++;
    while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x09)) e--;
    if (flags[r] === 2 || cp1252) o = copyKeyField(b, s, e, flags[r] === 2, cp1252, r === cprRole, out, o);
    else if (r === cprRole) {
      for (; s < e; s++) {
        const c = b[s]!;
        if (c !== 0x2d && c !== 0x20) out[o++] = c;
      }
    } else for (; s < e; s++) out[o++] = b[s]!;
  }
  hashBytes(out, 0, o, seedHi, seedLo);
}

const enc = new TextEncoder();

/** Hashes string fields (carried items, XLSX cells) exactly as a UTF-8 CSV row with them would. */
export function hashKeyStrings(values: readonly (string | null)[], cprFlags: readonly boolean[], seedHi: number, seedLo: number): void {
  const bytes = values.map((v) => enc.encode(v ?? ''));
  let need = bytes.length;
  for (const x of bytes) need += x.length;
  if (kb.length < need) kb = new Uint8Array(need * 2);
  const out = kb;
  let o = 0;
  for (let k = 0; k < bytes.length; k++) {
    if (k > 0) out[o++] = FIELD_SEPARATOR;
    const x = bytes[k]!;
    o = copyKeyField(x, 0, x.length, false, false, cprFlags[k]!, out, o);
  }
  hashBytes(out, 0, o, seedHi, seedLo);
}
