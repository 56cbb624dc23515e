import { defineLabels } from './define.js';

/** What every document shows: page furniture, editions and confidentiality, the cover and its scope. */
export const commonLabels = defineLabels({
  page: { da: 'Side {page} af {pages}', sv: 'Sida {page} av {pages}', en: 'Page {page} of {pages}' },
  footer: { da: '{municipality} · {date}', sv: '{municipality} · {date}', en: '{municipality} · {date}' },
  generatedOn: { da: 'Dannet {date}', sv: 'Skapad {date}', en: 'Produced {date}' },
  editionPublic: { da: 'Offentlig udgave', sv: 'Offentlig utgåva', en: 'Public edition' },
  editionInternal: {
    da: 'Intern udgave – må ikke offentliggøres',
    sv: 'Intern utgåva – får inte offentliggöras',
    en: 'Internal edition – not for publication',
  },
  edition: { da: 'Udgave', sv: 'Utgåva', en: 'Edition' },
  pageColumn: { da: 'Side', sv: 'Sida', en: 'Page' },
  confidentialMark: { da: 'FORTROLIG', sv: 'SEKRETESS', en: 'CONFIDENTIAL' },
  confidentialBasis: { da: 'Fortrolig efter {basis}', sv: 'Sekretess enligt {basis}', en: 'Confidential under {basis}' },
  confidentialOmitted: {
    da: '{count} fortrolige revisionsbemærkninger er udeladt af denne udgave og behandles på et lukket punkt.',
    sv: '{count} sekretessbelagda iakttagelser är utelämnade ur denna utgåva och behandlas på ett slutet ärende.',
    en: '{count} confidential findings are left out of this edition and treated in a closed agenda item.',
  },
  confidentialOmittedOne: {
    da: '1 fortrolig revisionsbemærkning er udeladt af denne udgave og behandles på et lukket punkt.',
    sv: '1 sekretessbelagd iakttagelse är utelämnad ur denna utgåva och behandlas på ett slutet ärende.',
    en: '1 confidential finding is left out of this edition and treated in a closed agenda item.',
  },
  contents: { da: 'Indhold', sv: 'Innehåll', en: 'Contents' },
  yes: { da: 'Ja', sv: 'Ja', en: 'Yes' },
  no: { da: 'Nej', sv: 'Nej', en: 'No' },
  none: { da: '–', sv: '–', en: '–' },
  followUpReport: {
    da: 'Opfølgning på handleplaner for revisionsbemærkninger',
    sv: 'Uppföljning av handlingsplaner för revisionsanmärkningar',
    en: 'Follow-up of action plans for audit findings',
  },
  followUpReport_SE: {
    da: 'Uppföljning av åtgärder för granskningarnas iakttagelser',
    sv: 'Uppföljning av åtgärder för granskningarnas iakttagelser',
    en: 'Follow-up of measures for the audit reviews’ findings',
  },
  scope: { da: 'Omfang', sv: 'Omfattning', en: 'Scope' },
  scopeMunicipality: { da: 'Hele kommunen', sv: 'Hela kommunen', en: 'The whole municipality' },
  scopeCommittee: { da: 'Udvalg: {name}', sv: 'Nämnd: {name}', en: 'Committee: {name}' },
  scopeDepartment: { da: 'Forvaltning: {name}', sv: 'Förvaltning: {name}', en: 'Department: {name}' },
  round: { da: 'Opfølgningsrunde', sv: 'Uppföljningsomgång', en: 'Follow-up round' },
  roundPeriod: { da: 'Periode {from} – {to}', sv: 'Period {from} – {to}', en: 'Period {from} – {to}' },
  date: { da: 'Dato', sv: 'Datum', en: 'Date' },
});
