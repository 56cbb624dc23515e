import type { Shape } from './shape';

/**
 * The texts of one area of the app (a page, a group of pages or a shared vocabulary) in all three
 * languages side by side: Danish is the reference and Swedish and English must have the same keys
 * (a type error otherwise). Each area lives in i18n/areas/ and is merged under its name in
 * catalogues.ts (`t('<area>.…')`); an area too long for one file is put together from parts in
 * i18n/areas/<area>/. Keys ending in `_SE` are the Swedish vocabulary (granskning, yttrande,
 * åtgärd …), chosen with i18next's context when the municipality's vocabulary is SE.
 */
export function defineArea<T extends object>(texts: { da: T; sv: Shape<T>; en: Shape<T> }) {
  return texts;
}
