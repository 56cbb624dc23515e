import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { notificationKinds, type NotificationKind } from '../db/schema/values.js';

/** What an unsubscribe link turns off: one kind, or (from a digest) every kind the person gets in the digest. */
export type UnsubscribeScope = NotificationKind | 'digest';

export interface UnsubscribeClaim {
  municipalityId: string;
  userId: string;
  kind: UnsubscribeScope;
}

const VERSION = 'u1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const scopes = new Set<string>([...notificationKinds, 'digest']);

/**
 * The key that signs unsubscribe links. Derived from TILSYN_ENCRYPTION_KEY when there is one, so
 * every server of an installation accepts every link; otherwise a random key kept in the data
 * directory (created once, readable by the owner only), which serves a single server.
 */
export function mailSecret(opts: { encryptionKey: Buffer | null; dataDir: string }): Buffer {
  if (opts.encryptionKey) return Buffer.from(hkdfSync('sha256', opts.encryptionKey, Buffer.alloc(0), 'tilsyn mail unsubscribe v1', 32));
  const file = path.join(opts.dataDir, 'mail-secret');
  try {
    return decodeSecret(fs.readFileSync(file, 'utf8'), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(opts.dataDir, { recursive: true });
  try {
    // 'wx': of two processes starting at once, one writes and both read the same key
    fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return decodeSecret(fs.readFileSync(file, 'utf8'), file);
}

function decodeSecret(text: string, file: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length < 32) throw new Error(`${file} does not hold a 32-byte key (base64); delete it to make a new one (old unsubscribe links stop working)`);
  return key;
}

const mac = (secret: Buffer, body: string) => createHmac('sha256', secret).update(`unsubscribe:${body}`).digest('base64url');

/** `u1.<municipality>.<user>.<kind>.<HMAC>`: URL-safe, no expiry (a link in an old mail keeps working, RFC 8058). */
export function unsubscribeToken(secret: Buffer, claim: UnsubscribeClaim): string {
  const body = `${VERSION}.${claim.municipalityId}.${claim.userId}.${claim.kind}`;
  return `${body}.${mac(secret, body)}`;
}

/** The claim of a token this server signed, or null for anything else (malformed, forged, another key). */
export function verifyUnsubscribeToken(secret: Buffer, token: string): UnsubscribeClaim | null {
  const parts = token.split('.');
  if (parts.length !== 5) return null;
  const [version, municipalityId, userId, kind, signature] = parts as [string, string, string, string, string];
  if (version !== VERSION || !UUID.test(municipalityId) || !UUID.test(userId) || !scopes.has(kind)) return null;
  const expected = Buffer.from(mac(secret, `${version}.${municipalityId}.${userId}.${kind}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { municipalityId, userId, kind: kind as UnsubscribeScope };
}

/** The link in a mail and in its List-Unsubscribe header: a GET shows a confirmation, a POST unsubscribes. */
export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl}/api/v1/mail/unsubscribe?token=${encodeURIComponent(token)}`;
