import { defineArea } from '../area';

/** A large balance import applied in the background (the job queue): its progress and outcome on the import page. */
export const balanceImportJob = defineArea({
  da: {
    title: 'Indlæsning i baggrunden',
    intro_one: 'Filen har {{count, number}} række og indlæses i baggrunden. Du kan blive på siden; resultatet vises her.',
    intro_other: 'Filen har {{count, number}} rækker og indlæses i baggrunden. Du kan blive på siden; resultatet vises her.',
    progressLabel: 'Indlæsningens fremskridt',
    queued: 'Venter på at gå i gang …',
    running: '{{done, number}} af {{total, number}} rækker ({{percent}})',
    failed: 'Indlæsningen i baggrunden mislykkedes; intet er indlæst',
    lost: 'Indlæsningens status kunne ikke hentes. Genindlæs siden for at se den.',
  },
  sv: {
    title: 'Inläsning i bakgrunden',
    intro_one: 'Filen har {{count, number}} rad och läses in i bakgrunden. Du kan stanna på sidan; resultatet visas här.',
    intro_other: 'Filen har {{count, number}} rader och läses in i bakgrunden. Du kan stanna på sidan; resultatet visas här.',
    progressLabel: 'Inläsningens förlopp',
    queued: 'Väntar på att starta …',
    running: '{{done, number}} av {{total, number}} rader ({{percent}})',
    failed: 'Inläsningen i bakgrunden misslyckades; ingenting har lästs in',
    lost: 'Inläsningens status kunde inte hämtas. Ladda om sidan för att se den.',
  },
  en: {
    title: 'Importing in the background',
    intro_one: 'The file has {{count, number}} row and is imported in the background. You can stay on this page; the result appears here.',
    intro_other: 'The file has {{count, number}} rows and is imported in the background. You can stay on this page; the result appears here.',
    progressLabel: 'Import progress',
    queued: 'Waiting to start …',
    running: '{{done, number}} of {{total, number}} rows ({{percent}})',
    failed: 'The background import failed; nothing was imported',
    lost: "The import's status could not be loaded. Reload the page to see it.",
  },
});
