import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DeadlineField } from './DeadlineField';
import { fieldId, type MeasureDraft, type MeasureDto, type OwnerCandidate, type Recommendation } from './draft';
import { LixNote } from './LixNote';

interface Props {
  measure: MeasureDraft;
  saved: MeasureDto | undefined;
  index: number;
  count: number;
  recommendations: Recommendation[];
  /** Users of the plan's department who may own the measure. */
  owners: OwnerCandidate[];
  vocabulary: 'DK' | 'SE';
  errors: Record<string, string>;
  onChange: (patch: Partial<MeasureDraft>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}

/** One measure of the plan as a bullet of the form: every field labelled, errors beside the field. */
export function MeasureEditor({ measure: m, saved, index, count, recommendations, owners, vocabulary, errors, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation();
  const context = vocabulary === 'SE' ? 'SE' : undefined;
  const id = (field: string) => fieldId(m.key, field);
  const number = m.number.trim() || String(index + 1);
  const headingId = id('heading');
  return (
    <Paper withBorder p="sm" component="li" aria-labelledby={headingId} style={{ listStyle: 'none' }}>
      <Group justify="space-between" wrap="wrap" gap="xs" mb="xs">
        <Title order={4} size="h5" id={headingId}>
          {t('plans.measure', { context, number })}
          {m.title.trim() ? ` · ${m.title}` : ''}
        </Title>
        <Group gap={4}>
          <Button
            id={id('up')}
            size="compact-xs"
            variant="default"
            disabled={index === 0}
            onClick={() => onMove(-1)}
            aria-label={t('plans.moveUpLabel', { context, number })}
          >
            {t('plans.moveUp')}
          </Button>
          <Button
            id={id('down')}
            size="compact-xs"
            variant="default"
            disabled={index === count - 1}
            onClick={() => onMove(1)}
            aria-label={t('plans.moveDownLabel', { context, number })}
          >
            {t('plans.moveDown')}
          </Button>
          <Button size="compact-xs" variant="default" color="red.9" c="red.9" onClick={onRemove} aria-label={t('plans.removeLabel', { context, number })}>
            {t('plans.remove')}
          </Button>
        </Group>
      </Group>
      <Stack gap="xs">
        <Group align="start" gap="xs" wrap="nowrap">
          <TextInput
            id={id('number')}
            label={t('plans.number')}
            w={90}
            value={m.number}
            error={errors.number}
            onChange={(e) => onChange({ number: e.currentTarget.value })}
          />
          <TextInput
            id={id('title')}
            label={t('plans.measureTitle')}
            style={{ flex: 1 }}
            required
            value={m.title}
            error={errors.title}
            onChange={(e) => onChange({ title: e.currentTarget.value })}
          />
        </Group>
        <div>
          <Textarea
            id={id('text')}
            label={t('plans.text')}
            autosize
            minRows={2}
            maxRows={10}
            value={m.text}
            error={errors.text}
            onChange={(e) => onChange({ text: e.currentTarget.value })}
          />
          <LixNote text={m.text} />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput
            id={id('responsibleUnit')}
            label={t('plans.responsibleUnit')}
            value={m.responsibleUnit}
            error={errors.responsibleUnit}
            onChange={(e) => onChange({ responsibleUnit: e.currentTarget.value })}
          />
          <TextInput
            id={id('responsiblePerson')}
            label={t('plans.responsiblePerson')}
            value={m.responsiblePerson}
            error={errors.responsiblePerson}
            onChange={(e) => onChange({ responsiblePerson: e.currentTarget.value })}
          />
          <DeadlineField
            id={id('deadline')}
            label={t('plans.deadline', { context })}
            value={m.deadline}
            saved={saved?.deadline ?? null}
            serverError={errors.deadline}
            onChange={(deadline) => onChange({ deadline })}
          />
        </SimpleGrid>
        <NativeSelect
          id={id('ownerUserId')}
          label={t('plans.owner')}
          description={t('plans.ownerHint')}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          maw={420}
          value={m.ownerUserId}
          error={errors.ownerUserId}
          onChange={(e) => onChange({ ownerUserId: e.currentTarget.value })}
          data={[
            { value: '', label: t('plans.ownerNone') },
            // The saved owner stays listed even if no longer among the candidates
            ...(saved?.ownerUserId && !owners.some((o) => o.id === saved.ownerUserId)
              ? [{ value: saved.ownerUserId, label: saved.ownerName ?? saved.ownerUserId }]
              : []),
            ...owners.map((o) => ({ value: o.id, label: o.title ? `${o.name} (${o.title})` : o.name })),
          ]}
        />
        {vocabulary === 'SE' && (
          <div>
            <Textarea
              id={id('expectedEffect')}
              label={t('plans.expectedEffect')}
              description={t('plans.expectedEffectHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              autosize
              minRows={1}
              maxRows={6}
              value={m.expectedEffect}
              error={errors.expectedEffect}
              onChange={(e) => onChange({ expectedEffect: e.currentTarget.value })}
            />
            <LixNote text={m.expectedEffect} />
          </div>
        )}
        <div>
          <Textarea
            id={id('followUpPoint')}
            label={t('plans.followUpPoint', { context })}
            description={t('plans.followUpPointHint')}
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            autosize
            minRows={1}
            maxRows={6}
            value={m.followUpPoint}
            error={errors.followUpPoint}
            onChange={(e) => onChange({ followUpPoint: e.currentTarget.value })}
          />
          <LixNote text={m.followUpPoint} />
        </div>
        {recommendations.length > 0 && (
          <Checkbox.Group
            label={t('plans.addresses', { context })}
            value={m.recommendationIds}
            onChange={(recommendationIds) => onChange({ recommendationIds })}
            error={errors.recommendationIds}
          >
            <Stack gap={4} mt={4}>
              {recommendations.map((r) => (
                <Checkbox
                  key={r.id}
                  id={id(`rec-${r.number}`)}
                  value={r.id}
                  size="xs"
                  label={t('plans.recommendation', { context, number: r.number, text: r.text })}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        )}
      </Stack>
    </Paper>
  );
}

/** The same measure for someone who may only read it. */
export function MeasureView({ measure: m, recommendations, vocabulary }: { measure: MeasureDto; recommendations: Recommendation[]; vocabulary: 'DK' | 'SE' }) {
  const { t } = useTranslation();
  const context = vocabulary === 'SE' ? 'SE' : undefined;
  const row = (label: string, value: string | null | undefined) => (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {value?.trim() ? value : t('plans.empty')}
      </Text>
    </div>
  );
  const addressed = recommendations.filter((r) => m.recommendationIds.includes(r.id));
  return (
    <Paper withBorder p="sm" component="li" style={{ listStyle: 'none' }}>
      <Title order={4} size="h5" mb="xs">
        {t('plans.measure', { context, number: m.number })} · {m.title}
      </Title>
      <Stack gap="xs">
        {row(t('plans.text'), m.text)}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          {row(t('plans.responsibleUnit'), m.responsibleUnit)}
          {row(t('plans.responsiblePerson'), m.responsiblePerson)}
          {row(t('plans.deadline', { context }), m.deadline?.display)}
        </SimpleGrid>
        {row(t('plans.owner'), m.ownerName)}
        {vocabulary === 'SE' && row(t('plans.expectedEffect'), m.expectedEffect)}
        {row(t('plans.followUpPoint', { context }), m.followUpPoint)}
        {row(t('plans.addresses', { context }), addressed.map((r) => t('plans.recommendation', { context, number: r.number, text: r.text })).join('\n'))}
      </Stack>
    </Paper>
  );
}
