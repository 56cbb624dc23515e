import { Box, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DeadlineField } from '../../../components/plans/DeadlineField';
import { fieldId, type PlanDraft, type PlanDto, type PlanField } from '../../../components/plans/draft';
import { LixNote } from '../../../components/plans/LixNote';

/** The plan's own fields (problem, extent or an account's target, overall deadline): a form, or the text for readers. */
export function PlanSection({
  server,
  draft,
  editable,
  context,
  extentLabel,
  planErrors,
  setPlanField,
}: {
  server: PlanDto;
  draft: PlanDraft;
  editable: boolean;
  context: 'SE' | undefined;
  extentLabel: string;
  planErrors: Record<string, string>;
  setPlanField: (field: PlanField, value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="plan-section-title">
      <Title order={3} size="h4" id="plan-section-title" mb="xs">
        {t('plans.plan')}
      </Title>
      {editable ? (
        <Stack gap="xs">
          <div>
            <Textarea
              id={fieldId('plan', 'problem')}
              label={t('plans.problem')}
              autosize
              minRows={2}
              maxRows={10}
              value={draft.problem}
              error={planErrors.problem}
              onChange={(e) => setPlanField('problem', e.currentTarget.value)}
            />
            <LixNote text={draft.problem} />
          </div>
          <div>
            <Textarea
              id={fieldId('plan', 'extent')}
              label={extentLabel}
              autosize
              minRows={2}
              maxRows={10}
              value={draft.extent}
              error={planErrors.extent}
              onChange={(e) => setPlanField('extent', e.currentTarget.value)}
            />
            <LixNote text={draft.extent} />
          </div>
          <Box maw={360}>
            <DeadlineField
              id={fieldId('plan', 'overallDeadline')}
              label={t('plans.overallDeadline', { context })}
              value={draft.overallDeadline}
              saved={server.overallDeadline}
              serverError={planErrors.overallDeadline}
              onChange={(v) => setPlanField('overallDeadline', v)}
            />
          </Box>
        </Stack>
      ) : (
        <Stack gap="xs">
          {[
            [t('plans.problem'), server.problem],
            [extentLabel, server.extent],
            [t('plans.overallDeadline', { context }), server.overallDeadline?.display ?? null],
          ].map(([label, value]) => (
            <div key={label}>
              <Text size="xs" fw={600}>
                {label}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {value?.trim() ? value : t('plans.empty')}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
