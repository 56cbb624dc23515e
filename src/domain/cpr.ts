/**
 * CPR numbers (Danish personal identity numbers, DDMMYY-SSSS; Swedish personnummer have the same
 * shape) are personal data: everything that leaves the server shows only the birth date part,
 * `010190-****`. One set of rules for the API, the results files and error messages.
 */

const CPR_IN_TEXT = /(?<![0-9])([0-9]{6})[- ]?[0-9]{4}(?![0-9])/g;

/** A CPR field's text → `010190-****` (its first six digits kept); `******-****` with fewer digits, '' when empty. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace(/[^0-9]/g, '');
  if (digits.length >= 6) return `${digits.slice(0, 6)}-****`;
  return cpr.trim() === '' ? '' : '******-****';
}

/** Masks every CPR-shaped number inside a free text (posting texts often carry one). */
export function maskCprInText(text: string): string {
  return text.replace(CPR_IN_TEXT, '$1-****');
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * maskCprInText on bytes, in place, for the results files' copied source lines: in [start, end)
 * every run of exactly ten digits, or six digits, a `-` or space and four digits, keeps its first
 * six digits and gets `****` for the last four (with the separator kept). No allocation.
 */
export function maskCprBytes(b: Uint8Array, start: number, end: number): void {
  let i = start;
  while (i < end) {
    if (!isDigit(b[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < end && isDigit(b[j]!)) j++;
    const run = j - i;
    if (run === 10) {
      for (let k = i + 6; k < j; k++) b[k] = 0x2a;
    } else if (run === 6 && j + 4 < end + 1 && (b[j] === 0x2d || b[j] === 0x20)) {
      let k = j + 1;
      while (k < end && isDigit(b[k]!)) k++;
      if (k - (j + 1) === 4) {
        for (let x = j + 1; x < k; x++) b[x] = 0x2a;
        j = k;
      }
    }
    i = j;
  }
}
