import { defineMessages } from '../catalogue.js';

/** The messages of the tenancy module (codes 'tenancy.…'). */
export const tenancyMessages = defineMessages({
  'tenancy.inUse': { da: 'Den er i brug og kan ikke slettes', sv: 'Den används och kan inte tas bort', en: 'It is in use and cannot be deleted' },
  'tenancy.unknownTimeZone': {
    da: 'Ukendt tidszone {timeZone} (skriv fx Europe/Copenhagen)',
    sv: 'Okänd tidszon {timeZone} (skriv t.ex. Europe/Stockholm)',
    en: 'Unknown time zone {timeZone} (e.g. Europe/Copenhagen)',
  },
});
