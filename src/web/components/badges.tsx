import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Grade = 'red' | 'yellow' | 'green';

/** Grade colours whose text has a contrast of at least 4.5:1 (WCAG 1.4.3). */
export const gradeColor: Record<Grade, string> = { red: 'red.9', yellow: 'yellow.4', green: '#1e6b2e' };

export function GradeBadge({ grade }: { grade: Grade | null }) {
  const { t } = useTranslation();
  if (!grade) return null;
  return (
    <Badge color={gradeColor[grade]} c={grade === 'yellow' ? 'dark' : undefined} variant="filled" size="sm">
      {t(`grade.${grade}`)}
    </Badge>
  );
}

/** Confidential findings are marked wherever they appear. */
export function ConfidentialBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="dark" variant="outline" size="sm">
      {t('findings.confidential')}
    </Badge>
  );
}
