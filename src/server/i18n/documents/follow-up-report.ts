import { defineLabels } from './define.js';

/** The follow-up report’s summary section. */
export const followUpReportLabels = defineLabels({
  summary: { da: 'Sammenfatning', sv: 'Sammanfattning', en: 'Summary' },
  measuresByStatus: { da: 'Tiltag efter status pr. forvaltning', sv: 'Åtgärder efter status per förvaltning', en: 'Measures by status per department' },
  measuresByStatus_SE: { da: 'Åtgärder efter status per förvaltning' },
  slippage: { da: 'Forskydning af deadlines pr. forvaltning', sv: 'Förskjutning av tidsfrister per förvaltning', en: 'Deadline slippage per department' },
  slippageMoved: { da: 'Tiltag med flyttet deadline', sv: 'Åtgärder med flyttad tidsfrist', en: 'Measures with a moved deadline' },
  slippageMoved_SE: { da: 'Åtgärder med flyttat datum' },
  slippageDays: { da: 'Dage i alt', sv: 'Dagar totalt', en: 'Days in total' },
  slippageMaxDays: { da: 'Længste forskydning (dage)', sv: 'Längsta förskjutning (dagar)', en: 'Longest slippage (days)' },
  total: { da: 'I alt', sv: 'Totalt', en: 'Total' },
  totalFindings: { da: 'Revisionsbemærkninger', sv: 'Revisionsanmärkningar', en: 'Findings' },
  totalFindings_SE: { da: 'Iakttagelser', sv: 'Iakttagelser' },
  totalPlans: { da: 'Handleplaner', sv: 'Handlingsplaner', en: 'Action plans' },
  totalPlans_SE: { da: 'Yttranden', sv: 'Yttranden', en: 'Responses' },
  totalMeasures: { da: 'Tiltag', sv: 'Åtgärder', en: 'Measures' },
  totalMeasures_SE: { da: 'Åtgärder' },
});
