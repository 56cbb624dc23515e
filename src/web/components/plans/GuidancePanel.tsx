import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import type { BreachDto } from './draft';

interface Props {
  breaches: BreachDto[];
  live: boolean;
  vocabulary: 'DK' | 'SE';
  /** Coordinators of the plan may accept an error with a reason (only on the saved plan). */
  canAccept: boolean;
  onFocus: (b: BreachDto) => void;
  onAccept: (b: BreachDto, reason: string) => Promise<void>;
  /** Withdraws the acceptance of an accepted error (the plan's `update` action; on the saved plan only). */
  onWithdraw: (b: BreachDto) => Promise<void>;
}

const keyOf = (b: BreachDto) => `${b.code}|${b.measureId ?? ''}|${b.field}`;

/** The guidance check beside the form: every breach with its message, a button to its field. */
export function GuidancePanel({ breaches, live, vocabulary, canAccept, onFocus, onAccept, onWithdraw }: Props) {
  const { t } = useTranslation();
  const context = vocabulary === 'SE' ? 'SE' : undefined;
  const [accepting, setAccepting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState<string | null>(null);
  const [withdrawError, setWithdrawError] = useState<{ key: string; message: string } | null>(null);
  const errors = breaches.filter((b) => b.severity === 'error' && !b.accepted).length;
  const warnings = breaches.filter((b) => b.severity === 'warning').length;
  const confirm = async (b: BreachDto) => {
    setBusy(true);
    setError(null);
    try {
      await onAccept(b, reason);
      setAccepting(null);
      setReason('');
    } catch (err) {
      setError(err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('app.error'));
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (b: BreachDto) => {
    const k = keyOf(b);
    setWithdrawing(k);
    setWithdrawError(null);
    try {
      await onWithdraw(b);
    } catch (err) {
      setWithdrawError({ key: k, message: err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('app.error') });
    } finally {
      setWithdrawing(null);
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="guidance-title">
      <Title order={3} size="h4" id="guidance-title">
        {t('plans.check.title')}
      </Title>
      <Text size="xs" mb="xs">
        {live ? t('plans.check.live') : t('plans.check.saved')}
      </Text>
      <Text size="sm" fw={600} aria-live="polite" mb="xs">
        {errors === 0 ? t('plans.check.ok', { context }) : t('plans.check.summary', { errors, warnings })}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="breaches">
        {breaches.map((b) => {
          const k = keyOf(b);
          return (
            <li key={k}>
              <Group gap={6} wrap="nowrap" align="start">
                <Badge
                  size="xs"
                  variant={b.severity === 'error' && !b.accepted ? 'filled' : 'light'}
                  color={b.severity === 'error' ? (b.accepted ? 'gray' : 'red.9') : 'orange.9'}
                  mt={3}
                  style={{ flexShrink: 0 }}
                >
                  {b.severity === 'error' ? t('plans.check.error') : t('plans.check.warning')}
                </Badge>
                <Anchor component="button" type="button" size="sm" ta="left" onClick={() => onFocus(b)} td={b.accepted ? 'line-through' : undefined}>
                  {b.message}
                </Anchor>
              </Group>
              {b.accepted && (
                <Group gap={6} ml={52} wrap="wrap" align="center">
                  <Text size="xs">{t('plans.check.accepted', { reason: b.accepted.reason })}</Text>
                  {canAccept && !live && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      loading={withdrawing === k}
                      onClick={() => void withdraw(b)}
                      aria-label={t('plans.check.withdrawNamed', { message: b.message })}
                    >
                      {t('plans.check.withdraw')}
                    </Button>
                  )}
                </Group>
              )}
              {withdrawError?.key === k && (
                <Text size="xs" ml={52} c="red.9" role="alert">
                  {withdrawError.message}
                </Text>
              )}
              {canAccept && b.severity === 'error' && !b.accepted && !live && accepting !== k && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  ml={46}
                  onClick={() => {
                    setAccepting(k);
                    setReason('');
                    setError(null);
                  }}
                >
                  {t('plans.check.accept')}
                </Button>
              )}
              {accepting === k && (
                <Stack gap={4} ml={46} mt={4}>
                  <Textarea
                    label={t('plans.check.reason')}
                    size="xs"
                    autosize
                    minRows={2}
                    value={reason}
                    onChange={(e) => setReason(e.currentTarget.value)}
                    error={error ?? undefined}
                    data-autofocus
                    autoFocus
                  />
                  <Group gap={4}>
                    <Button size="compact-xs" onClick={() => void confirm(b)} loading={busy} disabled={!reason.trim()}>
                      {t('plans.check.confirm')}
                    </Button>
                    <Button size="compact-xs" variant="default" onClick={() => setAccepting(null)}>
                      {t('plans.check.cancel')}
                    </Button>
                  </Group>
                </Stack>
              )}
            </li>
          );
        })}
      </Stack>
      {canAccept && live && errors > 0 && (
        <Alert variant="light" color="gray" mt="xs" p="xs">
          <Text size="xs">{t('plans.check.acceptSaveFirst')}</Text>
        </Alert>
      )}
    </Paper>
  );
}
