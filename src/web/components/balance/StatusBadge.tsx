import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../queries/balance';

/** Sign-off colours with white text at 4.5:1 or more (WCAG 1.4.3). */
const statusColor: Record<Status, string> = { open: 'gray.8', signedOff: 'blue.9', approved: '#1e6b2e' };

/** A reconciliation's sign-off state. */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor[status]} variant="filled" size="sm">
      {t(`balance.status.${status}`)}
    </Badge>
  );
}
