/**
 * `Content-Disposition: attachment` for a file name that may hold any character (æøå, spaces):
 * an ASCII fallback for old clients and the real name in UTF-8 (RFC 6266 / RFC 5987). The one
 * place every download route takes its header from.
 */
export function attachment(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [fileName.slice(0, dot), fileName.slice(dot + 1)] : [fileName, ''];
  const fallback = ext ? `${asciiName(stem)}.${asciiName(ext)}` : asciiName(stem);
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${utf8}`;
}

const TRANSLITERATE: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', é: 'e', Æ: 'Ae', Ø: 'Oe', Å: 'Aa', Ä: 'Ae', Ö: 'Oe' };

/** Lower-case ASCII words joined by hyphens, safe in any header and file system: `opfoelgning-status-august-2025`. */
export function asciiName(text: string): string {
  const base = text
    .replace(/[æøåäöüéÆØÅÄÖ]/g, (c) => TRANSLITERATE[c] ?? c)
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 120);
  return base || 'tilsyn';
}
