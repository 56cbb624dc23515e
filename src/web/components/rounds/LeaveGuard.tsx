import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from '../leave';

/** Asks before leaving a page with unsaved answers: in-app navigation (a dialog) and closing the tab (the browser's prompt). */
export function LeaveGuard({ when }: { when: boolean }) {
  const { t } = useTranslation();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [when]);
  return (
    <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('rounds.leave.title')} centered>
      <Text size="sm" mb="md">
        {t('rounds.leave.text')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          {t('rounds.leave.stay')}
        </Button>
        <Button color="red.8" onClick={() => blocker.proceed?.()}>
          {t('rounds.leave.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
