import { Button, Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, ApiError } from '../../api';
import { useSession, useVocabulary } from '../../session';

/**
 * "New plan" on a finding, for coordinators: a department of the finding that the user
 * coordinates (central coordination: any) and that has no plan yet.
 */
export function NewPlan({ findingId, departments, planned }: { findingId: string; departments: { departmentId: string; code: string }[]; planned: string[] }) {
  const { t } = useTranslation();
  const context = useVocabulary();
  const session = useSession();
  const navigate = useNavigate();
  const central = session.roles.some((r) => r.role === 'admin' || r.role === 'centralCoordinator');
  const mine = departments.filter((d) => !planned.includes(d.departmentId) && (central || session.roles.some((r) => r.role === 'departmentCoordinator' && r.departmentId === d.departmentId)));
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
    <Group align="end" gap="xs" mt="sm">
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
      <Button size="sm" onClick={() => void create()} loading={busy} disabled={!departmentId}>
        {t('plans.newPlan.create', { context })}
      </Button>
    </Group>
  );
}
