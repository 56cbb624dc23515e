/**
 * What must never enter the audit trail in clear text: secrets by their key (password, token,
 * TOTP secret, hashes of either) and Danish CPR numbers anywhere in a string (masked to
 * `ddmmyy-****`, the form users know from the masked display).
 */
const secretKey = /(password|secret|token|hash|cpr|otp)/i;
/** ddmmyy-nnnn or ddmmyynnnn with a plausible day and month; not part of a longer number. */
const cprPattern = /(?<![\d-])((?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2})-?\d{4}(?![\d])/g;

export function maskCpr(text: string): string {
  return text.replace(cprPattern, '$1-****');
}

export function redact(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => {
      if (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer') return '[binary]';
      if (key && secretKey.test(key) && v !== null && typeof v !== 'object' && typeof v !== 'boolean') return '[redacted]';
      if (typeof v === 'string') return maskCpr(v);
      return v;
    }),
  );
}
