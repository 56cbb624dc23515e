import { defineArea } from '../area';

export const plans = defineArea({
  da: { title: 'Handleplan' },
  sv: { title: 'Handlingsplan' },
  en: { title: 'Action plan' },
});
