import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api';
import { LoadError, Loading } from '../../components/LoadState';
import { useDepartments } from '../../components/filters';
import { ConflictView, type ConflictRow } from '../../components/plans/ConflictView';
import { useEarlierFindings, useFinding, useInvalidateFindings, useReport, useReportFindings, type Finding, type FindingDetail } from '../../queries/findings';
import { useVocabulary } from '../../session';

interface Recommendation {
  /** Stable React key, also for recommendations not yet saved. */
  key: string;
  id?: string;
  text: string;
}

interface Values {
  number: number | string;
  title: string;
  observations: string;
  risks: string;
  recommendations: Recommendation[];
  grade: string;
  allDepartments: boolean;
  departmentIds: string[];
  repeatOfEarlierYears: boolean;
  previousFindingId: string | null;
  confidential: boolean;
  confidentialBasis: string;
  caseNumber: string;
}

let keySeq = 0;
const newKey = () => `r${++keySeq}`;

const valuesOf = (f: FindingDetail | undefined, nextNumber: number): Values => ({
  number: f?.number ?? nextNumber,
  title: f?.title ?? '',
  observations: f?.observations ?? '',
  risks: f?.risks ?? '',
  recommendations: f ? f.recommendations.map((r) => ({ key: newKey(), id: r.id, text: r.text })) : [{ key: newKey(), text: '' }],
  grade: f?.grade ?? '',
  allDepartments: f?.allDepartments ?? false,
  departmentIds: f?.departments.map((d) => d.departmentId) ?? [],
  repeatOfEarlierYears: f?.repeatOfEarlierYears ?? false,
  previousFindingId: f?.previousFindingId ?? null,
  confidential: f?.confidential ?? false,
  confidentialBasis: f?.confidentialBasis ?? '',
  caseNumber: f?.caseNumber ?? '',
});

/** New finding under a report (`/reports/:id/findings/new`) or an existing one (`/findings/:id/edit`). */
export default function FindingFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { id = '' } = useParams();
  const editing = mode === 'edit';
  const finding = useFinding(editing ? id : '');
  const report = useReport(editing ? (finding.data?.reportId ?? '') : id);
  const siblings = useReportFindings(report.data?.id, !editing);
  // A finding that failed to load first: its report's query waits for an id that never comes
  const failed = (editing && finding.isError) || report.isError;
  if (!failed && ((editing && finding.isPending) || report.isPending || (!editing && siblings.isPending))) return <Loading />;
  if (failed || !report.data) {
    // A form that cannot load says only that it failed (a missing finding included).
    return <LoadError error={null} color="red.9" variant="outline" />;
  }
  const nextNumber = Math.max(0, ...(siblings.data?.items ?? []).map((f) => f.number)) + 1;
  return <FindingForm key={finding.data?.id ?? 'new'} report={report.data} finding={editing ? finding.data : undefined} nextNumber={nextNumber} />;
}

function FindingForm({
  report,
  finding,
  nextNumber,
}: {
  report: { id: string; title: string; year: number };
  finding: FindingDetail | undefined;
  nextNumber: number;
}) {
  const { t } = useTranslation();
  const context = useVocabulary();
  const navigate = useNavigate();
  const invalidate = useInvalidateFindings();
  const departments = useDepartments();
  const [values, setValues] = useState<Values>(() => valuesOf(finding, nextNumber));
  const [version, setVersion] = useState(finding?.version ?? 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ current: FindingDetail; rows: ConflictRow[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const recommendationRefs = useRef(new Map<string, HTMLTextAreaElement | null>());
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const setRecommendations = (fn: (rs: Recommendation[]) => Recommendation[]) => setValues((v) => ({ ...v, recommendations: fn(v.recommendations) }));

  // Earlier years' findings to pick the one this repeats (newest first).
  const earlier = useEarlierFindings();
  const earlierOptions = useMemo(
    () =>
      (earlier.data?.items ?? [])
        .filter((f) => f.reportYear < report.year && f.id !== finding?.id)
        .map((f) => ({ value: f.id, label: `${f.reportYear}: ${f.number}. ${f.title}` })),
    [earlier.data, report.year, finding?.id],
  );

  const move = (index: number, by: -1 | 1) =>
    setRecommendations((rs) => {
      const next = [...rs];
      const [item] = next.splice(index, 1);
      next.splice(index + by, 0, item!);
      return next;
    });

  const save = async () => {
    setErrors({});
    setFailure(null);
    if (values.confidential && !values.confidentialBasis.trim()) {
      setErrors({ confidentialBasis: t('registry.form.confidentialBasisRequired') });
      setFailure(t('registry.form.failed', { context }));
      return;
    }
    if (!values.allDepartments && values.departmentIds.length === 0) {
      setErrors({ departments: t('registry.form.departmentsRequired') });
      setFailure(t('registry.form.failed', { context }));
      return;
    }
    const recommendations = values.recommendations.filter((r) => r.text.trim());
    const body = {
      number: Number(values.number),
      title: values.title,
      observations: values.observations,
      risks: values.risks.trim() || null,
      grade: values.grade || null,
      departments: values.allDepartments ? 'ALL' : values.departmentIds,
      repeatOfEarlierYears: values.repeatOfEarlierYears || Boolean(values.previousFindingId),
      previousFindingId: values.previousFindingId,
      confidential: values.confidential,
      confidentialBasis: values.confidential ? values.confidentialBasis : null,
      caseNumber: values.caseNumber.trim() || null,
      recommendations: finding ? recommendations.map((r) => (r.id ? { id: r.id, text: r.text } : { text: r.text })) : recommendations.map((r) => r.text),
    };
    setBusy(true);
    try {
      const saved = finding
        ? await api<Finding>('PATCH', `/findings/${finding.id}`, body, { 'if-match': `"${version}"` })
        : await api<Finding>('POST', `/reports/${report.id}/findings`, body);
      await invalidate(saved.id);
      navigate(`/findings/${saved.id}`);
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setFailure(t('app.error'));
        return;
      }
      const current = err.body.current as FindingDetail | undefined;
      if (err.status === 409 && current && finding) {
        // Someone else saved first: show both, keep what this user typed.
        const recs = (rs: { text: string }[]) => rs.map((r, i) => `${i + 1}. ${r.text}`).join('\n');
        setConflict({
          current,
          rows: [
            { label: t('registry.form.title'), yours: values.title, current: current.title },
            { label: t('registry.form.observations'), yours: values.observations, current: current.observations },
            { label: t('registry.form.risks'), yours: values.risks, current: current.risks ?? '' },
            { label: t('registry.form.recommendations', { context }), yours: recs(values.recommendations), current: recs(current.recommendations) },
          ].filter((r) => r.yours !== r.current),
        });
        return;
      }
      const named = Object.fromEntries(err.errors.map((e) => [e.field.replace(/^body\./, '').replace(/^departments\.\d+$/, 'departments'), e.message]));
      setErrors(named);
      setFailure(err.status === 409 && !err.errors.length ? (err.detail ?? err.title) : t('registry.form.failed', { context }));
    } finally {
      setBusy(false);
    }
  };

  const recommendationError = (i: number) => errors[`recommendations.${i}`] ?? errors[`recommendations.${i}.text`] ?? errors[`recommendations.${i}.id`];

  return (
    <Stack>
      <Anchor component={Link} to={finding ? `/findings/${finding.id}` : `/reports/${report.id}`} size="sm">
        {finding ? t('finding.back') : t('registry.report.back', { context })}
      </Anchor>
      <Title order={2}>{finding ? t('registry.form.editTitle', { context, number: finding.number }) : t('registry.form.newTitle', { context })}</Title>
      <Text size="sm" c="dimmed">
        {report.title} ({report.year})
      </Text>
      {conflict && (
        <ConflictView
          title={t('registry.form.conflict', { context })}
          rows={conflict.rows}
          onContinueCurrent={() => {
            setValues(valuesOf(conflict.current, nextNumber));
            setVersion(conflict.current.version);
            setConflict(null);
          }}
          onKeepMine={() => {
            setVersion(conflict.current.version);
            setConflict(null);
          }}
        />
      )}
      {failure && (
        <Alert color="red.9" variant="outline" role="alert">
          {failure}
        </Alert>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          <Paper withBorder p="md">
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 4 }}>
                <NumberInput
                  label={t('registry.form.number')}
                  required
                  value={values.number}
                  onChange={(v) => set('number', v)}
                  min={1}
                  max={10000}
                  allowDecimal={false}
                  thousandSeparator=""
                  error={errors.number}
                />
                <Select
                  label={t('registry.form.grade')}
                  value={values.grade}
                  onChange={(v) => set('grade', v ?? '')}
                  data={[
                    { value: '', label: t('registry.form.noGrade') },
                    ...(['red', 'yellow', 'green'] as const).map((g) => ({ value: g, label: t(`grade.${g}`) })),
                  ]}
                  allowDeselect={false}
                  error={errors.grade}
                />
                <TextInput
                  label={t('registry.form.caseNumber', { context })}
                  value={values.caseNumber}
                  onChange={(e) => set('caseNumber', e.currentTarget.value)}
                  error={errors.caseNumber}
                  maxLength={100}
                />
              </SimpleGrid>
              <TextInput
                label={t('registry.form.title')}
                required
                value={values.title}
                onChange={(e) => set('title', e.currentTarget.value)}
                error={errors.title}
                maxLength={300}
              />
              <Textarea
                label={t('registry.form.observations')}
                autosize
                minRows={3}
                value={values.observations}
                onChange={(e) => set('observations', e.currentTarget.value)}
                error={errors.observations}
              />
              <Textarea
                label={t('registry.form.risks')}
                autosize
                minRows={2}
                value={values.risks}
                onChange={(e) => set('risks', e.currentTarget.value)}
                error={errors.risks}
              />
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="fieldset">
            <Title order={3} size="h4" component="legend">
              {t('registry.form.recommendations', { context })}
            </Title>
            <Stack gap="sm">
              {values.recommendations.map((r, i) => {
                const number = i + 1;
                return (
                  <Group key={r.key} align="start" gap="xs" wrap="nowrap">
                    <Textarea
                      ref={(el) => void recommendationRefs.current.set(r.key, el)}
                      label={t('registry.form.recommendation', { context, number })}
                      autosize
                      minRows={1}
                      style={{ flex: 1, minWidth: 0 }}
                      value={r.text}
                      onChange={(e) => {
                        const text = e.currentTarget.value;
                        setRecommendations((rs) => rs.map((x) => (x.key === r.key ? { ...x, text } : x)));
                      }}
                      error={recommendationError(i)}
                    />
                    <Group gap={4} mt={26} wrap="nowrap">
                      <ActionIcon variant="default" aria-label={t('registry.form.moveUp', { number })} disabled={i === 0} onClick={() => move(i, -1)}>
                        ↑
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        aria-label={t('registry.form.moveDown', { number })}
                        disabled={i === values.recommendations.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        ↓
                      </ActionIcon>
                      <ActionIcon
                        variant="default"
                        color="red.9"
                        aria-label={t('registry.form.remove', { number })}
                        onClick={() => setRecommendations((rs) => rs.filter((x) => x.key !== r.key))}
                      >
                        ✕
                      </ActionIcon>
                    </Group>
                  </Group>
                );
              })}
              <Group>
                <Button
                  variant="default"
                  size="sm"
                  onClick={() => {
                    const key = newKey();
                    setRecommendations((rs) => [...rs, { key, text: '' }]);
                    // Focus lands in the new recommendation, for keyboard users.
                    setTimeout(() => recommendationRefs.current.get(key)?.focus(), 0);
                  }}
                >
                  {t('registry.form.addRecommendation', { context })}
                </Button>
              </Group>
            </Stack>
          </Paper>
          <Paper withBorder p="md" component="fieldset">
            <Title order={3} size="h4" component="legend">
              {t('registry.form.departments')}
            </Title>
            <Stack gap="xs">
              <Checkbox
                label={t('registry.form.allDepartments')}
                checked={values.allDepartments}
                onChange={(e) => set('allDepartments', e.currentTarget.checked)}
              />
              {!values.allDepartments && (
                <Checkbox.Group
                  value={values.departmentIds}
                  onChange={(v) => set('departmentIds', v)}
                  error={errors.departments}
                  aria-label={t('registry.form.departments')}
                >
                  <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="xs">
                    {(departments.data?.items ?? []).map((d) => (
                      <Checkbox key={d.id} value={d.id} label={`${d.code} ${d.name}`} />
                    ))}
                  </SimpleGrid>
                </Checkbox.Group>
              )}
              {values.allDepartments && errors.departments && (
                <Text c="red.9" size="sm">
                  {errors.departments}
                </Text>
              )}
            </Stack>
          </Paper>
          <Paper withBorder p="md">
            <Stack gap="sm">
              <Checkbox
                label={t('registry.form.repeat')}
                checked={values.repeatOfEarlierYears}
                onChange={(e) => set('repeatOfEarlierYears', e.currentTarget.checked)}
              />
              {values.repeatOfEarlierYears && (
                <Select
                  label={t('registry.form.previous', { context })}
                  description={t('registry.form.previousHint', { context })}
                  value={values.previousFindingId}
                  onChange={(v) => set('previousFindingId', v)}
                  data={earlierOptions}
                  searchable
                  clearable
                  error={errors.previousFindingId}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                />
              )}
              <Checkbox label={t('registry.form.confidential')} checked={values.confidential} onChange={(e) => set('confidential', e.currentTarget.checked)} />
              {values.confidential && (
                <TextInput
                  label={t('registry.form.confidentialBasis')}
                  description={t('registry.form.confidentialBasisHint', { context })}
                  withAsterisk
                  aria-required
                  value={values.confidentialBasis}
                  onChange={(e) => set('confidentialBasis', e.currentTarget.value)}
                  error={errors.confidentialBasis}
                  inputWrapperOrder={['label', 'input', 'description', 'error']}
                />
              )}
            </Stack>
          </Paper>
          <Group gap="xs">
            <Button type="submit" loading={busy} disabled={Boolean(conflict)}>
              {t('registry.form.save', { context })}
            </Button>
            <Button variant="default" component={Link} to={finding ? `/findings/${finding.id}` : `/reports/${report.id}`}>
              {t('registry.form.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
