import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineArea, joinParts } from './i18n/area';
import { catalogues } from './i18n/catalogues';

const { da, sv, en } = catalogues;

/** Every text a user reads comes from the catalogues, in all three languages. */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

function leaves(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v as object)));
}

const webDir = path.dirname(new URL(import.meta.url).pathname);
const sources = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.tsx') ? [path.join(dir, e.name)] : []));

describe('the catalogues', () => {
  it('have the same keys in da, sv and en', () => {
    expect(keys(sv)).toEqual(keys(da));
    expect(keys(en)).toEqual(keys(da));
  });

  it('have no empty text and the same placeholders in every language', () => {
    for (const cat of [da, sv, en]) expect(leaves(cat).filter((s) => !s.trim())).toEqual([]);
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const daKeys = keys(da);
    const get = (cat: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], cat) as string;
    for (const key of daKeys) {
      expect(placeholders(get(sv, key)), `sv ${key}`).toEqual(placeholders(get(da, key)));
      expect(placeholders(get(en, key)), `en ${key}`).toEqual(placeholders(get(da, key)));
    }
  });

  it('are used for every key the components ask for', () => {
    // a plural key (count_one, count_SE_other) answers t('…count', { count }); a context key t('…', { context })
    const known = new Set(keys(da).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '').replace(/_SE$/, '')));
    const missing: string[] = [];
    for (const file of sources(webDir)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) if (!known.has(m[1]!)) missing.push(`${path.basename(file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('areas', () => {
  it("put together from parts keep every part's keys in order and refuse a key in two parts", () => {
    const one = defineArea({ da: { a: 'a', b: { c: 'c' } }, sv: { a: 'å', b: { c: 'ç' } }, en: { a: 'A', b: { c: 'C' } } });
    const two = defineArea({ da: { d: 'd' }, sv: { d: 'ð' }, en: { d: 'D' } });
    expect(joinParts(one, two)).toEqual({
      da: { a: 'a', b: { c: 'c' }, d: 'd' },
      sv: { a: 'å', b: { c: 'ç' }, d: 'ð' },
      en: { a: 'A', b: { c: 'C' }, d: 'D' },
    });
    expect(Object.keys(joinParts(two, one).da)).toEqual(['d', 'a', 'b']);
    expect(() => joinParts(one, defineArea({ da: { a: 'x' }, sv: { a: 'x' }, en: { a: 'x' } }))).toThrow(/da key a is in two parts/);
  });

  it('live in files of at most 600 lines (a longer area is split into parts under areas/<area>/)', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const long = files(path.join(webDir, 'i18n'))
      .map((f) => ({ f: path.relative(webDir, f), lines: fs.readFileSync(f, 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > 600);
    expect(long).toEqual([]);
  });
});

describe('plural forms', () => {
  it('every text with a count has its _one and _other forms in da, sv and en', () => {
    const get = (cat: object, key: string) => key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], cat);
    const missing: string[] = [];
    for (const [lang, cat] of Object.entries({ da, sv, en })) {
      for (const key of keys(cat)) {
        if (!/\{\{\s*count\b/.test(get(cat, key) as string)) continue;
        // "1 konti" or "1 accounts" is what a single key without plural forms gives
        const base = key.replace(/_(one|other)$/, '');
        if (base === key) missing.push(`${lang} ${key}: a count without plural forms (${key}_one, ${key}_other)`);
        for (const form of ['one', 'other']) if (typeof get(cat, `${base}_${form}`) !== 'string') missing.push(`${lang} ${base}_${form}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('says "1 konto", "1 bemærkning", "1 iakttagelse" through i18next', async () => {
    const { default: i18n } = await import('i18next');
    const instance = i18n.createInstance();
    await instance.init({
      lng: 'da',
      resources: { da: { translation: da }, sv: { translation: sv }, en: { translation: en } },
      interpolation: { escapeValue: false },
    });
    expect(instance.t('balance.count', { count: 1 })).toBe('1 konto');
    expect(instance.t('balance.count', { count: 3 })).toBe('3 konti');
    expect(instance.t('findings.count', { count: 1 })).toBe('1 bemærkning');
    expect(instance.t('findings.count', { count: 1, context: 'SE', lng: 'sv' })).toBe('1 iakttagelse');
    expect(instance.t('matching.items.count', { count: 1, lng: 'en' })).toBe('1 item');
  });
});

describe('components', () => {
  it('contain no literal user-facing text (words between JSX tags or in label/title/aria-label/placeholder strings)', () => {
    const offenders: string[] = [];
    for (const file of sources(webDir)) {
      const text = fs.readFileSync(file, 'utf8');
      // Text right after a JSX tag: <Tag …>Some words<  (expressions in braces are fine).
      for (const m of text.matchAll(/(?:<[A-Za-z][\w.]*(?:\s[^<>]*)?>|<\/[\w.]+>)\s*([A-Za-zÆØÅæøåÄÖäöÉé][^<>{}();=']*?)\s*</g))
        offenders.push(`${path.basename(file)}: "${m[1]}"`);
      // Literal strings in attributes users read or hear.
      for (const m of text.matchAll(/\b(label|title|aria-label|placeholder|alt)="([^"]*[A-Za-zÆØÅæøå][^"]*)"/g))
        offenders.push(`${path.basename(file)}: ${m[1]}="${m[2]}"`);
    }
    expect(offenders).toEqual([]);
  });
});
