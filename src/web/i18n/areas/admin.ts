import { defineArea } from '../area';

export const admin = defineArea({
  da: { title: 'Indstillinger' },
  sv: { title: 'Inställningar' },
  en: { title: 'Settings' },
});
