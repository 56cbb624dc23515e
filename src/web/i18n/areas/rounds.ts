import { defineArea } from '../area';

export const rounds = defineArea({
  da: { title: 'Opfølgning' },
  sv: { title: 'Uppföljning' },
  en: { title: 'Follow-up' },
});
