import { Button, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api';
import type { FindingPart } from '../../queries/findings';
import { useSession, useVocabulary } from '../../session';

/**
 * Starting a plan on a finding: the parts whose `createPlan` action the server offers. A
 * department's coordinator starts its own plan (usually from central coordination's request).
 * Central coordination is not offered "Create action plan" for itself: the server still lets it
 * write on a department's behalf, so it gets that as a quieter, plainly named second choice.
 */
export function NewPlan({ findingId, parts }: { findingId: string; parts: FindingPart[] }) {
  const { t } = useTranslation();
  const context = useVocabulary();
  const session = useSession();
  const navigate = useNavigate();
  const central = session.roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');
  const mine = parts.filter((d) => d.actions.createPlan);
  const [departmentId, setDepartmentId] = useState<string | null>(mine.length === 1 ? mine[0]!.departmentId : null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (mine.length === 0) return null;
  const create = async () => {
    if (!departmentId) return;
    setBusy(true);
    setError(null);
    try {
      const plan = await api<{ id: string }>('POST', `/findings/${findingId}/plans`, { departmentId });
      navigate(`/plans/${plan.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? (err.errors[0]?.message ?? err.detail ?? err.title) : t('app.error'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group align="end" gap="xs" mt="sm" wrap="wrap">
      <Select
        label={t('plans.newPlan.department')}
        data={mine.map((d) => ({ value: d.departmentId, label: d.code }))}
        value={departmentId}
        onChange={setDepartmentId}
        w={160}
        size="sm"
        allowDeselect={false}
        error={error ?? undefined}
      />
      <Button size="sm" variant={central ? 'default' : 'filled'} onClick={() => void create()} loading={busy} disabled={!departmentId}>
        {central ? t('registry.detail.onBehalf', { context }) : t('plans.newPlan.create', { context })}
      </Button>
    </Group>
  );
}
