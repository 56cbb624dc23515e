import type { TFunction } from 'i18next';

/** A number field's value as the form holds it: a number, or what was typed (an empty field is ''). */
export type Typed = number | string;

/**
 * Why a whole-number field's value is refused, in the reader's language, or undefined when it is
 * fine. The fields do not clamp or drop what was typed: an empty field is not sent as 0, nor 500 as
 * 90 without a word, so the user learns the field's range from the message beside it.
 */
export function wholeNumberError(value: Typed, min: number, max: number, t: TFunction): string | undefined {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? undefined : t('reminders.settings.wholeNumber', { min, max });
}

/** The number to send (the form sends only values wholeNumberError accepted). */
export const toNumber = (value: Typed): number => (typeof value === 'number' ? value : Number(value));

/** Moves focus to the form's first field marked invalid, once React has rendered the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
