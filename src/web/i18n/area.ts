import type { Shape } from './shape';

/**
 * The texts of one area of the app (a page, a group of pages or a shared vocabulary) in all three
 * languages side by side: Danish is the reference and Swedish and English must have the same keys
 * (a type error otherwise). Each area lives in i18n/areas/ and is merged under its name in
 * catalogues.ts (`t('<area>.…')`). Keys ending in `_SE` are the Swedish vocabulary (granskning,
 * yttrande, åtgärd …), chosen with i18next's context when the municipality's vocabulary is SE.
 */
export function defineArea<T extends object>(texts: { da: T; sv: Shape<T>; en: Shape<T> }) {
  return texts;
}

type Texts = { da: object; sv: object; en: object };
type Joined<P extends readonly Texts[], L extends keyof Texts> = P extends readonly [infer H extends Texts, ...infer R extends readonly Texts[]]
  ? H[L] & Joined<R, L>
  : unknown;

/**
 * An area too long for one file, put together from its parts (i18n/areas/<area>/*.ts, each a
 * defineArea with some of its keys) in the order given. A key in two parts would silently hide
 * one of the texts, so it throws instead (and the catalogue test fails).
 */
export function joinParts<const P extends readonly Texts[]>(...parts: P): { [L in keyof Texts]: Joined<P, L> } {
  const join = (lang: keyof Texts) => {
    const out: Record<string, unknown> = {};
    for (const part of parts)
      for (const [key, text] of Object.entries(part[lang])) {
        if (key in out) throw new Error(`i18n: ${lang} key ${key} is in two parts of an area`);
        out[key] = text;
      }
    return out;
  };
  return { da: join('da'), sv: join('sv'), en: join('en') } as { [L in keyof Texts]: Joined<P, L> };
}
