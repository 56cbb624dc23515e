import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';

/** A random credential (session cookie, API token): 256 bits, URL-safe. */
export const randomToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

/** Credentials are stored as their SHA-256 only: a database copy cannot be replayed. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended class. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

/** Verifies against a fixed dummy hash when the user has none, so timing does not tell whether an account exists. */
let dummy: Promise<string> | null = null;
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummy ??= hashPassword(randomToken());
    await argon2.verify(await dummy, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}

export const MIN_PASSWORD_LENGTH = 12;
