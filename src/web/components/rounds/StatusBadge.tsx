import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeasureStatus, SubmissionState } from './types';

/** Colours with white text at 4.5:1 or more (WCAG 1.4.3). */
const statusColor: Record<MeasureStatus, string> = { onTrack: 'indigo.8', delayed: '#9a4400', completed: '#1e6b2e', cancelled: 'gray.7', postponed: '#6a3d9a' };

export function StatusBadge({ status }: { status: MeasureStatus | null }) {
  const { t } = useTranslation();
  if (!status) {
    return (
      <Badge variant="outline" color="gray.8" size="sm">
        {t('rounds.form.notAnswered')}
      </Badge>
    );
  }
  return (
    <Badge color={statusColor[status]} variant="filled" size="sm">
      {t(`rounds.status.${status}`)}
    </Badge>
  );
}

const submissionColor: Record<SubmissionState | 'notStarted', string> = {
  notStarted: 'gray.8',
  draft: 'indigo.8',
  submitted: '#1e6b2e',
  returned: '#9a4400',
  accepted: '#1e6b2e',
};

export function SubmissionBadge({ state }: { state: SubmissionState | 'notStarted' }) {
  const { t } = useTranslation();
  return (
    <Badge color={submissionColor[state]} variant={state === 'notStarted' || state === 'draft' ? 'outline' : 'filled'} size="sm">
      {t(`rounds.submission.${state}`)}
    </Badge>
  );
}
