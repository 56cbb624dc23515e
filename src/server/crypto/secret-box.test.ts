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

describe('sealed files', () => {
  it('round-trips a file, refuses another context, a changed byte and another key, leaving no output', async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tilsyn-seal-'));
    const clear = path.join(dir, 'clear');
    const body = randomBytes(300_000);
    fs.writeFileSync(clear, body);
    const box = createSecretBox(randomBytes(32));
    await box.sealFile(clear, path.join(dir, 'sealed'), 'run:m:r:left');
    expect(fs.readFileSync(path.join(dir, 'sealed')).includes(body.subarray(1000, 1064))).toBe(false);
    await box.openFile(path.join(dir, 'sealed'), path.join(dir, 'opened'), 'run:m:r:left');
    expect(fs.readFileSync(path.join(dir, 'opened')).equals(body)).toBe(true);
    await expect(box.openFile(path.join(dir, 'sealed'), path.join(dir, 'x1'), 'run:m:r:right')).rejects.toThrow(SecretBoxError);
    expect(fs.existsSync(path.join(dir, 'x1'))).toBe(false);
    const bytes = fs.readFileSync(path.join(dir, 'sealed'));
    bytes[5000] = bytes[5000]! ^ 1;
    fs.writeFileSync(path.join(dir, 'tampered'), bytes);
    await expect(box.openFile(path.join(dir, 'tampered'), path.join(dir, 'x2'), 'run:m:r:left')).rejects.toThrow(SecretBoxError);
    expect(fs.existsSync(path.join(dir, 'x2'))).toBe(false);
    await expect(createSecretBox(randomBytes(32)).openFile(path.join(dir, 'sealed'), path.join(dir, 'x3'), 'run:m:r:left')).rejects.toThrow(SecretBoxError);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
