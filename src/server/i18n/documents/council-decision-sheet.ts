import { defineLabels } from './define.js';

/** The council decision sheet. */
export const councilDecisionSheetLabels = defineLabels({
  councilDecisionSheet: { da: 'Beslutningsark: revisionsbemærkninger', sv: 'Beslutsunderlag: revisionsanmärkningar', en: 'Decision sheet: audit findings' },
  councilDecisionSheet_SE: { da: 'Beslutsunderlag: revisionens iakttagelser', sv: 'Beslutsunderlag: revisionens iakttagelser' },
  committeeComment: { da: 'Udvalgets bemærkninger', sv: 'Nämndens kommentar', en: "The committee's comment" },
  councilDecision: { da: 'Kommunalbestyrelsens beslutning', sv: 'Fullmäktiges beslut', en: "The council's decision" },
  councilDecision_SE: { da: 'Fullmäktiges beslut' },
  noDecision: { da: 'Ikke besluttet endnu', sv: 'Inte beslutat ännu', en: 'Not decided yet' },
  decidedAt: { da: '{body} {date}', sv: '{body} {date}', en: '{body} {date}' },
});
