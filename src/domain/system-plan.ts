import type { Localized } from './i18n.js';

/**
 * Defaults for the action plan of a system reconciliation: a specialist system's transfer to the
 * ledger or the debtor system that left a difference. The plan clears the difference; the next
 * months' system reconciliations (from the matching engine or entered) show whether it did.
 */
export function defaultSystemTarget(system: string, deadlineText: string): Localized {
  return {
    da: `Differencen mellem ${system} og bogføringen er forklaret og udlignet senest ${deadlineText}`,
    sv: `Differensen mellan ${system} och bokföringen är förklarad och utjämnad senast ${deadlineText}`,
    en: `The difference between ${system} and the books is explained and cleared by ${deadlineText}`,
  };
}

export function defaultSystemMeasure(system: string, period: string): { title: Localized; followUpPoint: Localized } {
  return {
    title: {
      da: `Find årsagen til differencen i ${system} for ${period} og ret den`,
      sv: `Hitta orsaken till differensen i ${system} för ${period} och rätta den`,
      en: `Find the cause of the ${system} difference for ${period} and correct it`,
    },
    followUpPoint: {
      da: 'De næste systemafstemninger viser, om differencen er væk',
      sv: 'Nästa systemavstämningar visar om differensen är borta',
      en: 'The next system reconciliations show whether the difference is gone',
    },
  };
}
