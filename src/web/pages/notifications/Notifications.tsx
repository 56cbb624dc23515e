import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorAlertStyles, formatDateTime } from '../../components/activity/forms';
import { LoadError, Loading } from '../../components/LoadState';
import { intlLocale, type Language } from '../../i18n';
import { useVocabulary } from '../../session';
import {
  notificationKinds,
  PAGE_SIZE,
  useMarkAllRead,
  useMarkRead,
  useNotifications,
  useUnreadCount,
  type Notification,
  type NotificationFilter,
  type NotificationKind,
} from '../../queries/notifications';

function Item({ n }: { n: Notification }) {
  const { t, i18n } = useTranslation();
  const context = useVocabulary();
  const markRead = useMarkRead();
  return (
    <Paper withBorder p="sm" component="li" bg={n.read ? undefined : 'blue.0'} data-testid="notification" data-read={n.read}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={n.link} fw={n.read ? 400 : 700} onClick={() => !n.read && markRead.mutate(n.id)}>
            {n.title}
          </Anchor>
          <Badge variant="light" color={n.read ? 'gray' : 'blue'} c={n.read ? 'dark.7' : 'blue.9'} style={{ flexShrink: 0 }}>
            {n.read ? t('notifications.read') : t('notifications.unread')}
          </Badge>
        </Group>
        <Text size="sm">{n.body}</Text>
        <Group justify="space-between">
          <Text size="xs" c="dark.5">
            {t(`notifications.kinds.${n.kind}`, { context })} ·{' '}
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, intlLocale[i18n.language as Language])}</time>
          </Text>
          {!n.read && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={markRead.isPending}
              onClick={() => markRead.mutate(n.id)}
              aria-label={t('notifications.markReadNamed', { title: n.title })}
            >
              {t('notifications.markRead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** The notification centre: the caller's notifications, newest first, filtered by kind and unread, each a link to its thing. */
export default function Notifications() {
  const { t } = useTranslation();
  const context = useVocabulary();
  const [filter, setFilter] = useState<NotificationFilter>({ kind: null, unreadOnly: false, page: 0 });
  const list = useNotifications(filter);
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const filtered = filter.kind !== null || filter.unreadOnly;
  return (
    <Stack gap="md" maw={900}>
      <Title order={1} size="h2">
        {t('notifications.title')}
      </Title>
      <Text size="sm">{t('notifications.intro')}</Text>
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t('notifications.kind')}
          value={filter.kind ?? ''}
          onChange={(e) => setFilter({ ...filter, kind: (e.currentTarget.value || null) as NotificationKind | null, page: 0 })}
          data={[
            { value: '', label: t('notifications.allKinds') },
            ...notificationKinds.map((k) => ({ value: k, label: t(`notifications.kinds.${k}`, { context }) })),
          ]}
        />
        <Checkbox
          label={t('notifications.unreadOnly')}
          checked={filter.unreadOnly}
          onChange={(e) => setFilter({ ...filter, unreadOnly: e.currentTarget.checked, page: 0 })}
          mb={8}
        />
        <Button variant="light" onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={!unread.data}>
          {t('notifications.markAllRead')}
        </Button>
      </Group>
      {markAll.isError && <Alert color="red" role="alert" styles={errorAlertStyles} title={t('notifications.actionFailed')} />}
      {list.isError && <LoadError error={list.error} styles={errorAlertStyles} />}
      {list.isPending && <Loading />}
      {list.data && (
        <>
          <Text size="sm" role="status">
            {total === 0 ? (filtered ? t('notifications.emptyFiltered') : t('notifications.empty')) : t('notifications.total', { count: total })}
          </Text>
          {list.data.items.length > 0 && (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('notifications.title')}>
              {list.data.items.map((n) => (
                <Item key={n.id} n={n} />
              ))}
            </Stack>
          )}
          {pages > 1 && (
            <Group component="nav" aria-label={t('notifications.pages')} gap="sm">
              <Button variant="default" size="xs" disabled={filter.page === 0} onClick={() => setFilter({ ...filter, page: filter.page - 1 })}>
                {t('notifications.previous')}
              </Button>
              <Text size="sm">{t('notifications.pageOf', { page: filter.page + 1, pages })}</Text>
              <Button variant="default" size="xs" disabled={filter.page + 1 >= pages} onClick={() => setFilter({ ...filter, page: filter.page + 1 })}>
                {t('notifications.next')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
