import { Button, Collapse, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivityPanel } from '../activity/ActivityPanel';

/**
 * Comments on the plan, and comments and evidence per saved measure, each measure's behind a
 * disclosure so a long plan stays readable. The editor guards leaving itself, so the panels don't.
 */
export function PlanActivity({ planId, measures, context }: { planId: string; measures: { id: string; number: string }[]; context: 'SE' | undefined }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Stack gap="xs">
      <ActivityPanel kind="plan" id={planId} guardLeaving={false} />
      {measures.map((m) => (
        <div key={m.id}>
          <Button
            variant="subtle"
            size="compact-sm"
            aria-expanded={open === m.id}
            aria-controls={`activity-${m.id}`}
            onClick={() => setOpen(open === m.id ? null : m.id)}
          >
            {t('plans.measureActivity', { context, number: m.number })}
          </Button>
          <Collapse expanded={open === m.id} id={`activity-${m.id}`}>
            {open === m.id && <ActivityPanel kind="measure" id={m.id} guardLeaving={false} />}
          </Collapse>
        </div>
      ))}
    </Stack>
  );
}
