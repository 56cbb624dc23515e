import { Badge, Group, List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useAnswerRevisions } from '../../queries/plans';
import type { AnswerKind } from './draft';

/**
 * An answer document's revisions: the approved ones kept (each with its content and approval) and,
 * for those who write it, the one being written. Like the plan's revision history.
 */
export function AnswerRevisions({ planId, kind, version }: { planId: string; kind: AnswerKind; version: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const revisions = useAnswerRevisions(planId, kind, version);
  const list = revisions.data ?? [];
  if (list.length === 0) return null;
  const titleId = `answer-${kind}-revisions-title`;
  const none = t('plans.empty');
  return (
    <section aria-labelledby={titleId} data-testid={`answer-revisions-${kind}`}>
      <Title order={5} size="h6" id={titleId} mb={4}>
        {t('plans.answers.revisions.title')}
      </Title>
      <List size="sm" spacing={4}>
        {list.map((r) => (
          <List.Item key={r.number}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {t('plans.answers.revisions.number', { number: r.number })}
              </Text>
              {r.current && (
                <Badge color="#1e6b2e" variant="filled">
                  {t('plans.answers.revisions.current')}
                </Badge>
              )}
              {r.state !== 'approved' && (
                <Badge color="gray.8" variant="filled">
                  {t('plans.answers.revisions.working')}
                </Badge>
              )}
              {r.approval && (
                <Text size="sm">
                  {t('plans.answers.approvedLine', { date: formatDay(r.approval.approvedOn, lang), name: r.approval.approvedByName ?? '' })}
                  {r.approval.meeting ? ` · ${r.approval.meeting.body}` : ''}
                </Text>
              )}
            </Group>
            <Text size="sm">
              {t('plans.answers.revisions.content', {
                due: r.dueDate ? formatDay(r.dueDate, lang) : none,
                recipients: r.recipients.join(', ') || none,
                officials: r.responsibleOfficials.join(', ') || none,
              })}
              {' · '}
              {t('plans.answers.revisions.meetings', { count: r.decisionPlan.length })}
            </Text>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
