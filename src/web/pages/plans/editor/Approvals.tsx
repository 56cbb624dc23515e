import { List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanDto } from '../../../components/plans/draft';
import { formatDay } from '../../../format';
import type { Language } from '../../../i18n';

/** Every approval of the plan: revision, date, who, the meeting, and an override's reason. */
export function Approvals({ approvals }: { approvals: PlanDto['approvals'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-approvals-title">
      <Title order={3} size="h4" id="plan-approvals-title" mb="xs">
        {t('plans.review.approvals')}
      </Title>
      <List size="sm" spacing={4}>
        {approvals.map((a) => (
          <List.Item key={a.id}>
            {t('plans.review.approvalLine', { revision: a.revision, date: formatDay(a.approvedOn, lang), name: a.approvedByName })}
            {a.meeting ? ` · ${a.meeting.body}, ${formatDay(a.meeting.heldOn, lang)}${a.meeting.agendaItem ? ` (${a.meeting.agendaItem})` : ''}` : ''}
            {a.note ? ` · ${a.note}` : ''}
            {a.overrideReason && (
              <Text size="sm" fw={600}>
                {t('plans.review.overridden', { reason: a.overrideReason })}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
