import { Alert, Button, Group, Text, TextInput, type AlertProps } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { AccountPlanInputT } from '../../../server/modules/plans/schemas';
import { ApiError } from '../../api';
import type { ActionPlan } from '../../queries/balance';

/** The form's texts in the reader's language (each page words them for its own case). */
export interface NewPlanTexts {
  responsible: string;
  responsibleHint: string;
  deadline: string;
  deadlineHint: string;
  create: string;
  failed: string;
}

/**
 * The fields that create the action plan of a balance account or of a system reconciliation's
 * difference: its responsible and deadline (the rest is written in the plan editor, opened once
 * the plan exists), the failure and the create button.
 */
export function NewPlanForm(props: {
  texts: NewPlanTexts;
  create: (input: AccountPlanInputT) => Promise<ActionPlan>;
  /** Refreshes what shows the plan, before the editor opens. */
  onCreated: () => Promise<void>;
  /** A field's error goes once the field is edited. */
  clearErrorOnEdit?: boolean;
  alertStyles?: AlertProps['styles'];
}) {
  const { texts } = props;
  const navigate = useNavigate();
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const plan = await props.create({ responsible, deadline });
      await props.onCreated();
      void navigate(`/plans/${plan.id}`);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^body\./, ''), x.message])));
        setFailure(e.detail ? `${texts.failed}: ${e.detail}` : texts.failed);
      } else setFailure(texts.failed);
    } finally {
      setBusy(false);
    }
  };
  const edited = (field: 'responsible' | 'deadline') => {
    if (props.clearErrorOnEdit) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  return (
    <>
      {failure && (
        <Alert color="red.9" variant="light" role="alert" p="xs" {...(props.alertStyles ? { styles: props.alertStyles } : {})}>
          <Text size="sm">{failure}</Text>
        </Alert>
      )}
      <Group align="start" gap="sm" wrap="wrap">
        <TextInput
          label={texts.responsible}
          description={texts.responsibleHint}
          value={responsible}
          required
          error={errors.responsible}
          onChange={(e) => {
            setResponsible(e.currentTarget.value);
            edited('responsible');
          }}
          w={260}
        />
        <TextInput
          label={texts.deadline}
          description={texts.deadlineHint}
          value={deadline}
          required
          error={errors.deadline}
          onChange={(e) => {
            setDeadline(e.currentTarget.value);
            edited('deadline');
          }}
          w={260}
        />
      </Group>
      <Group>
        <Button onClick={() => void create()} loading={busy}>
          {texts.create}
        </Button>
      </Group>
    </>
  );
}
