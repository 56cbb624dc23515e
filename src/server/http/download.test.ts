import { describe, expect, it } from 'vitest';
import { attachment } from './download.js';

describe('attachment (Content-Disposition)', () => {
  it('gives an ASCII fallback and the real name in UTF-8', () => {
    expect(attachment('Bilag 3 – afstemning æøå.pdf')).toBe(
      `attachment; filename="bilag-3-afstemning-aeoeaa.pdf"; filename*=UTF-8''${encodeURIComponent('Bilag 3 – afstemning æøå.pdf')}`,
    );
    expect(attachment('Tilsyn-indlæsning (2025).xlsx')).toBe(
      `attachment; filename="tilsyn-indlaesning-2025.xlsx"; filename*=UTF-8''Tilsyn-indl%C3%A6sning%20%282025%29.xlsx`,
    );
  });

  it('never lets a quote, a line break or a path through to the header', () => {
    const header = attachment('a"b\r\nSet-Cookie: x=1/../../etc.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('"').length).toBe(3);
    expect(header).toContain('filename="a-bset-cookie-x-1-etc.csv"');
  });

  it('falls back to a name when nothing ASCII is left', () => {
    expect(attachment('…')).toBe(`attachment; filename="tilsyn"; filename*=UTF-8''${encodeURIComponent('…')}`);
  });
});
