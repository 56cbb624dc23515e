import { Anchor, Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from '../../queries/notifications';

/**
 * The header's bell: a link to the notification centre whose accessible name says how many are
 * unread ("Beskeder, 3 ulæste"); the badge shows the same number to the eye only.
 */
export function Bell() {
  const { t } = useTranslation();
  const unread = useUnreadCount();
  const count = unread.data ?? 0;
  return (
    <Anchor component={Link} to="/notifications" aria-label={t('notifications.bell', { count })} data-testid="bell" c="dark.9" underline="never">
      <Group gap={4} wrap="nowrap" aria-hidden="true">
        <svg
          width="20"
          height="20"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
          focusable="false"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && (
          <Badge size="sm" circle={count < 10} color="red.9" data-testid="bell-count">
            {count > 99 ? '99+' : count}
          </Badge>
        )}
      </Group>
    </Anchor>
  );
}
