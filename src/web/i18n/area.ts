import type { Shape } from './shape';

/**
 * The texts of one area of the app (a page or a group of pages) in all three languages side by
 * side: Danish is the reference and Swedish and English must have the same keys (a type error
 * otherwise). Each area lives in i18n/areas/<name>.ts and is merged under its name.
 */
export function defineArea<T extends object>(texts: { da: T; sv: Shape<T>; en: Shape<T> }) {
  return texts;
}
