/**
 * CPR numbers (Danish personal identity numbers, DDMMYY-SSSS) are personal data: everything that
 * leaves the server shows only the birth date part, `010190-****`.
 */

const CPR_IN_TEXT = /(?<![0-9])([0-3][0-9][01][0-9][0-9]{2})[- ]?[0-9]{4}(?![0-9])/g;

/** `0101901234` or `010190-1234` → `010190-****`; anything not shaped like a CPR number → `******-****`. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace(/[^0-9]/g, '');
  return digits.length === 10 ? `${digits.slice(0, 6)}-****` : '******-****';
}

/** Masks every CPR-shaped number inside a free text (posting texts often carry one). */
export function maskCprInText(text: string): string {
  return text.replace(CPR_IN_TEXT, '$1-****');
}
