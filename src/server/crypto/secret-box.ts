import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';

/**
 * Secrets kept in the database (TOTP seeds now; personal data such as CPR numbers later) are
 * sealed with AES-256-GCM under a key from the environment (TILSYN_ENCRYPTION_KEY), so a copy of
 * the database alone reveals none of them. Each value is bound to its place by associated data
 * (e.g. `totp:<municipality>:<user>`): a sealed value moved to another row does not open.
 *
 * Format: `v1.<iv>.<ciphertext+tag>`, both base64url.
 */
export interface SecretBox {
  seal(plaintext: string, context: string): string;
  /** Throws SecretBoxError when the value was not sealed by this key for this context. */
  open(sealed: string, context: string): string;
  /** Seals a file (an uploaded extract waiting for its run) into `to`, streaming: AES-256-GCM, the tag at the end. */
  sealFile(from: string, to: string, context: string): Promise<void>;
  /** Opens a file sealed by sealFile into `to`; throws SecretBoxError (and leaves no `to`) when it does not open. */
  openFile(from: string, to: string, context: string): Promise<void>;
}

export class SecretBoxError extends Error {}

const PREFIX = 'v1.';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A sealed file starts with these bytes, then the IV; the tag closes it. */
const FILE_MAGIC = Buffer.from('TLSF1');

export const isSealed = (value: string): boolean => value.startsWith(PREFIX);

/** Reads a 32-byte key given as 64 hex digits or as base64 / base64url; throws naming the variable. */
export function parseEncryptionKey(raw: string, name = 'TILSYN_ENCRYPTION_KEY'): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(text) ? Buffer.from(text, 'base64') : null;
  if (!key || key.length !== 32) throw new Error(`${name} must be 32 random bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new RangeError('the key must be 32 bytes');
  return {
    async sealFile(from, to, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const out = fs.createWriteStream(to, { mode: 0o600 });
      out.write(Buffer.concat([FILE_MAGIC, iv]));
      await pipeline(fs.createReadStream(from), cipher, out, { end: false });
      await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
    },
    async openFile(from, to, context) {
      const size = (await fs.promises.stat(from)).size;
      const head = FILE_MAGIC.length + IV_BYTES;
      if (size < head + TAG_BYTES) throw new SecretBoxError('not a sealed file');
      const fd = await fs.promises.open(from, 'r');
      const prefix = Buffer.alloc(head);
      const tag = Buffer.alloc(TAG_BYTES);
      try {
        await fd.read(prefix, 0, head, 0);
        await fd.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
      } finally {
        await fd.close();
      }
      if (!prefix.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC)) throw new SecretBoxError('not a sealed file');
      const decipher = createDecipheriv('aes-256-gcm', key, prefix.subarray(FILE_MAGIC.length));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      try {
        await pipeline(fs.createReadStream(from, { start: head, end: size - TAG_BYTES - 1 }), decipher, fs.createWriteStream(to, { mode: 0o600 }));
      } catch {
        await fs.promises.rm(to, { force: true });
        throw new SecretBoxError('the file does not open with this key (wrong key, damaged, or moved from another run)');
      }
    },
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${iv.toString('base64url')}.${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [version, ivText, bodyText, ...rest] = sealed.split('.');
      if (`${version}.` !== PREFIX || !ivText || !bodyText || rest.length) throw new SecretBoxError('not a sealed value');
      const iv = Buffer.from(ivText, 'base64url');
      const body = Buffer.from(bodyText, 'base64url');
      if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretBoxError('not a sealed value');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('the value does not open with this key (wrong key, or moved from another row)');
      }
    },
  };
}
