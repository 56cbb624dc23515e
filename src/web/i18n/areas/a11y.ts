import { defineArea } from '../area';

/** The accessibility statement (tilgængelighedserklæring, tillgänglighetsredogörelse). */
export const a11y = defineArea({
  da: {
    title: 'Tilgængelighedserklæring',
    intro:
      'Tilsyn skal kunne bruges af alle. Løsningen er udviklet efter WCAG 2.1 niveau AA, som loven om tilgængelighed af offentlige organers websteder og mobilapplikationer kræver.',
    status: 'Overholdelse',
    statusText: 'Hver side testes automatisk med axe-core i Chromium på dansk og svensk, og formularer kan udfyldes med tastaturet alene.',
    known: 'Kendte begrænsninger',
    knownText: 'Diagrammer har en tabel med de samme tal ved siden af. Dokumenter, der hentes, er beskrevet i deres egne erklæringer.',
    contact: 'Kontakt',
    contactText: 'Oplever du en tilgængelighedsbarriere, så kontakt kommunens webansvarlige. Du kan klage til Digitaliseringsstyrelsen.',
  },
  sv: {
    title: 'Tillgänglighetsredogörelse',
    intro:
      'Tilsyn ska kunna användas av alla. Tjänsten är utvecklad enligt WCAG 2.1 nivå AA, som lagen om tillgänglighet till digital offentlig service kräver.',
    status: 'Förenlighet',
    statusText: 'Varje sida testas automatiskt med axe-core i Chromium på danska och svenska, och formulär kan fyllas i med enbart tangentbord.',
    known: 'Kända begränsningar',
    knownText: 'Diagram har en tabell med samma siffror bredvid sig. Dokument som laddas ned beskrivs i egna redogörelser.',
    contact: 'Kontakt',
    contactText: 'Om du stöter på ett tillgänglighetshinder, kontakta kommunens webbansvariga. Du kan anmäla till Myndigheten för digital förvaltning (Digg).',
  },
  en: {
    title: 'Accessibility statement',
    intro: 'Tilsyn is meant to be usable by everyone. It is built to WCAG 2.1 level AA, as the law on the accessibility of public bodies’ websites requires.',
    status: 'Compliance',
    statusText: 'Every page is tested automatically with axe-core in Chromium in Danish and Swedish, and forms can be completed with the keyboard alone.',
    known: 'Known limitations',
    knownText: 'Charts have a table with the same figures next to them. Downloaded documents are described in statements of their own.',
    contact: 'Contact',
    contactText: 'If you meet an accessibility barrier, contact the municipality’s web team. You can complain to the national supervisory authority.',
  },
});
