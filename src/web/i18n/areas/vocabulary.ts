import { defineArea } from '../area';

/** Names many pages share: the user roles, the states a finding passes through and its grades. */
export const roles = defineArea({
  da: {
    admin: 'Administrator',
    centralCoordinator: 'Central koordinator',
    departmentCoordinator: 'Forvaltningskoordinator',
    measureOwner: 'Tiltagsejer',
    auditor: 'Revisor',
    reader: 'Læser',
  },
  sv: {
    admin: 'Administratör',
    centralCoordinator: 'Central samordnare',
    departmentCoordinator: 'Förvaltningens samordnare',
    measureOwner: 'Åtgärdsansvarig',
    auditor: 'Revisor',
    reader: 'Läsare',
  },
  en: {
    admin: 'Administrator',
    centralCoordinator: 'Central coordinator',
    departmentCoordinator: 'Department coordinator',
    measureOwner: 'Measure owner',
    auditor: 'Auditor',
    reader: 'Reader',
  },
});

export const state = defineArea({
  da: {
    received: 'Modtaget',
    assigned: 'Fordelt',
    planDrafted: 'Handleplan i udkast',
    planApproved: 'Handleplan godkendt',
    inProgress: 'I gang',
    closureProposed: 'Foreslået lukket',
    closed: 'Lukket',
    carriedOver: 'Videreført',
  },
  sv: {
    received: 'Mottagen',
    assigned: 'Fördelad',
    planDrafted: 'Utkast till plan',
    planApproved: 'Plan godkänd',
    inProgress: 'Pågår',
    closureProposed: 'Föreslagen att avslutas',
    closed: 'Avslutad',
    carriedOver: 'Överförd',
  },
  en: {
    received: 'Received',
    assigned: 'Assigned',
    planDrafted: 'Plan drafted',
    planApproved: 'Plan approved',
    inProgress: 'In progress',
    closureProposed: 'Closure proposed',
    closed: 'Closed',
    carriedOver: 'Carried over',
  },
});

export const grade = defineArea({
  da: { red: 'Kritisk', yellow: 'Væsentlig', green: 'Mindre væsentlig', none: 'Uden vurdering' },
  sv: { red: 'Kritisk', yellow: 'Väsentlig', green: 'Mindre väsentlig', none: 'Utan bedömning' },
  en: { red: 'Critical', yellow: 'Significant', green: 'Less significant', none: 'Not graded' },
});
