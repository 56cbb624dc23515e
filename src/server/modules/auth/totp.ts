import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, label: string): string {
  return new TOTP({ issuer: 'Tilsyn', label, secret: Secret.fromBase32(secretBase32), period: PERIOD, digits: 6, algorithm: 'SHA1' }).toString();
}

/**
 * The time step a code belongs to at `now` (ms; the server's clock, passed in), ±1 step for clock
 * drift, or null. The caller refuses a step at or before the last one accepted, so an observed
 * code cannot be replayed.
 */
export function totpStep(secretBase32: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secretBase32),
    period: PERIOD,
    digits: 6,
    algorithm: 'SHA1',
    timestamp: now,
    window: 1,
  });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

export function totpCode(secretBase32: string, now = Date.now()): string {
  return TOTP.generate({ secret: Secret.fromBase32(secretBase32), period: PERIOD, digits: 6, algorithm: 'SHA1', timestamp: now });
}
