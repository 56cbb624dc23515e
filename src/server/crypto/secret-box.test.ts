import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSecretBox, isSealed, parseEncryptionKey, SecretBoxError } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, for any text, and never shows the text', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (text, context) => {
        const sealed = box.seal(text, context);
        expect(isSealed(sealed)).toBe(true);
        expect(box.open(sealed, context)).toBe(text);
        if (text.length >= 4) expect(sealed).not.toContain(text);
      }),
    );
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(box.seal('JBSWY3DPEHPK3PXP', 'c')).not.toBe(box.seal('JBSWY3DPEHPK3PXP', 'c'));
  });

  it('refuses another context, another key and a tampered value', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'totp:m1:u1');
    expect(() => box.open(sealed, 'totp:m1:u2')).toThrow(SecretBoxError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'totp:m1:u1')).toThrow(SecretBoxError);
    const [v, iv, body] = sealed.split('.');
    const flipped = `${body![0] === 'A' ? 'B' : 'A'}${body!.slice(1)}`;
    expect(() => box.open(`${v}.${iv}.${flipped}`, 'totp:m1:u1')).toThrow(SecretBoxError);
    expect(() => box.open('JBSWY3DPEHPK3PXP', 'totp:m1:u1')).toThrow(SecretBoxError);
  });

  it('reads a key as 64 hex digits or base64 and names the variable otherwise', () => {
    const key = randomBytes(32);
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('base64')).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('base64url')).equals(key)).toBe(true);
    expect(() => parseEncryptionKey('hemmelig')).toThrow(/TILSYN_ENCRYPTION_KEY/);
    expect(() => parseEncryptionKey(randomBytes(16).toString('hex'))).toThrow(/32 random bytes/);
  });
});
