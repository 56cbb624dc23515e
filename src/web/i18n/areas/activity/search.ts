import { defineArea } from '../../area';

/** The global search. */
export const activitySearch = defineArea({
  da: {
    search: {
      title: 'Søgning',
      label: 'Søg i alt',
      placeholder: 'Søg …',
      submit: 'Søg',
      hint: 'Søg i bemærkninger, anbefalinger, handleplaner, tiltag og kommentarer. Bøjede former findes også.',
      none: 'Intet fundet for »{{q}}«.',
      count_one: '{{count, number}} fund for »{{q}}«',
      count_other: '{{count, number}} fund for »{{q}}«',
      kinds: {
        finding: 'Bemærkninger',
        finding_SE: 'Iakttagelser',
        recommendation: 'Anbefalinger',
        recommendation_SE: 'Rekommendationer',
        plan: 'Handleplaner',
        plan_SE: 'Yttranden',
        measure: 'Tiltag',
        measure_SE: 'Åtgärder',
        comment: 'Kommentarer',
      },
    },
  },
  sv: {
    search: {
      title: 'Sökning',
      label: 'Sök i allt',
      placeholder: 'Sök …',
      submit: 'Sök',
      hint: 'Sök i iakttagelser, rekommendationer, handlingsplaner, åtgärder och kommentarer. Böjda former hittas också.',
      none: 'Inga träffar för ”{{q}}”.',
      count_one: '{{count, number}} träff för ”{{q}}”',
      count_other: '{{count, number}} träffar för ”{{q}}”',
      kinds: {
        finding: 'Revisionsanmärkningar',
        finding_SE: 'Iakttagelser',
        recommendation: 'Rekommendationer',
        recommendation_SE: 'Rekommendationer',
        plan: 'Handlingsplaner',
        plan_SE: 'Yttranden',
        measure: 'Åtgärder',
        measure_SE: 'Åtgärder',
        comment: 'Kommentarer',
      },
    },
  },
  en: {
    search: {
      title: 'Search',
      label: 'Search everything',
      placeholder: 'Search …',
      submit: 'Search',
      hint: 'Search findings, recommendations, action plans, measures and comments. Inflected forms are found too.',
      none: 'Nothing found for “{{q}}”.',
      count_one: '{{count, number}} hit for “{{q}}”',
      count_other: '{{count, number}} hits for “{{q}}”',
      kinds: {
        finding: 'Findings',
        finding_SE: 'Observations',
        recommendation: 'Recommendations',
        recommendation_SE: 'Recommendations',
        plan: 'Action plans',
        plan_SE: 'Responses',
        measure: 'Measures',
        measure_SE: 'Measures',
        comment: 'Comments',
      },
    },
  },
});
