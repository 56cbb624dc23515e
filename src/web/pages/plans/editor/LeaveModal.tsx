import { Button, Group, Modal, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Blocker } from 'react-router';

/** Asks before leaving the editor with unsaved changes (the router's blocker). */
export function LeaveModal({ blocker }: { blocker: Blocker }) {
  const { t } = useTranslation();
  return (
    <Modal opened={blocker.state === 'blocked'} onClose={() => blocker.reset?.()} title={t('plans.leave.title')} centered>
      <Text size="sm" mb="md">
        {t('plans.leave.text')}
      </Text>
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={() => blocker.reset?.()} data-autofocus>
          {t('plans.leave.stay')}
        </Button>
        <Button color="red.9" onClick={() => blocker.proceed?.()}>
          {t('plans.leave.leave')}
        </Button>
      </Group>
    </Modal>
  );
}
