import { defineMessages } from '../catalogue.js';

/** The messages of the access module (codes 'access.…'). */
export const accessMessages = defineMessages({
  'access.forbidden': {
    da: 'Din rolle giver ikke adgang til denne handling',
    sv: 'Din roll ger inte behörighet till den här åtgärden',
    en: 'Your role does not allow this action',
  },
  'access.lastAdministrator': {
    da: 'Kommunen skal have mindst én aktiv administrator. Giv en anden bruger rollen administrator først.',
    sv: 'Kommunen måste ha minst en aktiv administratör. Ge en annan användare rollen administratör först.',
    en: 'The municipality must keep at least one active administrator. Give another user the administrator role first.',
  },
});
