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

let verifications = 0;
/**
 * How many password hashes this process has verified. Sign-in answers in the time of one
 * verification whatever went wrong; the tests and bench/auth count with this that every path
 * pays exactly one.
 */
export const passwordVerifications = (): number => verifications;

/** A hash of a random password with the same parameters as real ones: verifying against it costs what a real check costs. */
let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomToken()));

/** Computes the dummy hash ahead of the first sign-in, so that one does not pay for it (called when the auth service starts). */
export function prepareDummyHash(): void {
  void dummyHash().catch(() => {
    dummy = null;
  });
}

/**
 * Verifies a password. Without a hash (unknown or locked account, no local password) it verifies
 * against the dummy hash and answers false, so the time taken does not tell whether an account
 * exists or is locked.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  const target = hash || (await dummyHash());
  verifications++;
  const ok = await argon2.verify(target, password).catch(() => false);
  return Boolean(hash) && ok;
}

export { MIN_PASSWORD_LENGTH } from '../../../domain/password.js';
