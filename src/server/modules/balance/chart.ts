/**
 * The starter chart of accounts: the balance part of the authorised chart (IM functions) as far as
 * the municipality's 2024 balance report uses it, with main account, groups and functions. Copied
 * as data (codes and names); the balance side follows the group. A municipality loads it with
 * `POST /api/v1/im-functions/starter` (idempotent); the CSV/XLSX import adds the rest.
 */
export interface ChartEntry {
  code: string;
  name: string;
  side: 'asset' | 'liability';
}

/** Main account 9 (balance); its side is that of its assets, the groups carry their own. */
export const MAIN_ACCOUNTS: ChartEntry[] = [{ code: '9', name: 'Balance', side: 'asset' }];

export const GROUPS: ChartEntry[] = [
  { code: '9.22', name: 'Likvide aktiver', side: 'asset' },
  { code: '9.25', name: 'Tilgodehavender hos staten', side: 'asset' },
  { code: '9.28', name: 'Kortfristede tilgodehavender i øvrigt', side: 'asset' },
  { code: '9.32', name: 'Langfristede tilgodehavender', side: 'asset' },
  { code: '9.35', name: 'Udlæg vedrørende forsyningsvirksomheder', side: 'asset' },
  { code: '9.38', name: 'Aktiver vedrørende beløb til opkrævning eller udbetaling for andre', side: 'asset' },
  { code: '9.42', name: 'Aktiver tilhørende fonds, legater, deposita m.v.', side: 'asset' },
  { code: '9.45', name: 'Passiver tilhørende fonds, legater, deposita m.v.', side: 'liability' },
  { code: '9.48', name: 'Passiver vedrørende beløb til opkrævning eller udbetaling for andre', side: 'liability' },
  { code: '9.50', name: 'Kortfristet gæld til pengeinstitutter m.v.', side: 'liability' },
  { code: '9.51', name: 'Kortfristet gæld til staten', side: 'liability' },
  { code: '9.52', name: 'Kortfristet gæld i øvrigt', side: 'liability' },
  { code: '9.75', name: 'Egenkapital', side: 'liability' },
];

export const FUNCTIONS: ChartEntry[] = [
  { code: '9.22.01', name: 'Kontante beholdninger', side: 'asset' },
  { code: '9.22.05', name: 'Indskud i pengeinstitutter m.v.', side: 'asset' },
  { code: '9.22.07', name: 'Investerings- og placeringsforeninger', side: 'asset' },
  { code: '9.25.12', name: 'Refusionstilgodehavender', side: 'asset' },
  { code: '9.25.13', name: 'Andre tilgodehavender', side: 'asset' },
  { code: '9.28.14', name: 'Tilgodehavender i betalingskontrol', side: 'asset' },
  { code: '9.28.15', name: 'Andre tilgodehavender', side: 'asset' },
  { code: '9.28.17', name: 'Mellemregninger med foregående og følgende regnskabsår', side: 'asset' },
  { code: '9.28.18', name: 'Finansielle aktiver tilhørende selvejende institutioner med overenskomst', side: 'asset' },
  { code: '9.28.19', name: 'Tilgodehavender hos andre kommuner og regioner', side: 'asset' },
  { code: '9.32.20', name: 'Pantebreve', side: 'asset' },
  { code: '9.32.21', name: 'Aktier og andelsbeviser m.v.', side: 'asset' },
  { code: '9.32.22', name: 'Tilgodehavender hos grundejere', side: 'asset' },
  { code: '9.32.23', name: 'Udlån til beboerindskud', side: 'asset' },
  { code: '9.32.24', name: 'Indskud i Landsbyggefonden m.v.', side: 'asset' },
  { code: '9.32.25', name: 'Andre langfristede udlån og tilgodehavender', side: 'asset' },
  { code: '9.32.27', name: 'Deponerede beløb for lån m.v', side: 'asset' },
  { code: '9.35.29', name: 'Klimainvesteringer', side: 'asset' },
  { code: '9.35.35', name: 'Andre forsyningsvirksomheder', side: 'asset' },
  { code: '9.38.37', name: 'Staten', side: 'asset' },
  { code: '9.42.42', name: 'Legater', side: 'asset' },
  { code: '9.42.43', name: 'Deposita', side: 'asset' },
  { code: '9.45.46', name: 'Legater', side: 'liability' },
  { code: '9.45.47', name: 'Deposita', side: 'liability' },
  { code: '9.48.49', name: 'Staten', side: 'liability' },
  { code: '9.50.50', name: 'Kassekreditter og byggelån', side: 'liability' },
  { code: '9.51.52', name: 'Anden gæld', side: 'liability' },
  { code: '9.52.53', name: 'Kirkelige skatter og afgifter', side: 'liability' },
  { code: '9.52.55', name: 'Skyldige feriepenge (frivillig)', side: 'liability' },
  { code: '9.52.56', name: 'Anden kortfristet gæld med indenlandsk betalingsmodtager', side: 'liability' },
  { code: '9.52.57', name: 'Anden kortfristet gæld med udenlandsk betalingsmodtager', side: 'liability' },
  { code: '9.52.58', name: 'EDB fejlopsamlingskonto', side: 'liability' },
  { code: '9.52.59', name: 'Mellemregningskonto', side: 'liability' },
  { code: '9.75.99', name: 'Egenkapital i øvrigt', side: 'liability' },
];

/** The parent code of an IM code: `9.28.14` → `9.28` → `9`; null for a main account. */
export function parentCode(code: string): string | null {
  const i = code.lastIndexOf('.');
  return i < 0 ? null : code.slice(0, i);
}

/** The level of an IM code by its number of parts. */
export function levelOf(code: string): 'mainAccount' | 'group' | 'function' {
  const parts = code.split('.').length;
  return parts === 1 ? 'mainAccount' : parts === 2 ? 'group' : 'function';
}

/** Every starter entry, parents before children. */
export const STARTER_CHART: ChartEntry[] = [...MAIN_ACCOUNTS, ...GROUPS, ...FUNCTIONS];
