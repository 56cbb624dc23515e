import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import '../../zod';
import { defaultRules } from '../../../domain/matching/rules';
import { api } from '../../api';
import { errorAlertStyles, saveFailure, type SaveFailure } from '../../components/activity/forms';
import { useDepartments } from '../../components/filters';
import { matchingKeys, type MatchingSystem, type SourceLayout, type Target } from '../../queries/matching';

const COLUMNS = ['amount', 'date', 'caseId', 'cpr', 'account', 'text'] as const;
type Column = (typeof COLUMNS)[number];
const DELIMITERS = [
  { value: ';', key: 'semicolon' },
  { value: ',', key: 'comma' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
] as const;
const DATE_FORMATS = ['dd-mm-yyyy', 'dd.mm.yyyy', 'dd/mm/yyyy', 'yyyy-mm-dd', 'yyyymmdd'] as const;

type LayoutDraft = Omit<SourceLayout, 'columns'> & { columns: Record<Column, string> };

// A specialist system's extract and a ledger extract as they usually come in Denmark.
const leftDefault: LayoutDraft = {
  format: 'csv',
  delimiter: ';',
  decimal: ',',
  dateFormat: 'dd-mm-yyyy',
  encoding: 'utf-8',
  negate: false,
  columns: { amount: 'Beløb', date: 'Dato', caseId: 'Sag', cpr: 'CPR', account: 'Konto', text: 'Tekst' },
};
const rightDefault: LayoutDraft = {
  ...leftDefault,
  columns: { amount: 'Beløb', date: 'Bogføringsdato', caseId: 'Sag', cpr: '', account: 'Konto', text: 'Tekst' },
};

/** The layout as the API takes it: an empty optional header is left out, not sent as "". */
function layoutOf(d: LayoutDraft): SourceLayout {
  const columns: SourceLayout['columns'] = { amount: d.columns.amount.trim(), date: d.columns.date.trim() };
  for (const c of ['caseId', 'cpr', 'account', 'text'] as const) if (d.columns[c].trim()) columns[c] = d.columns[c].trim();
  return { ...d, columns };
}

function LayoutFields({
  side,
  value,
  onChange,
  errors,
}: {
  side: 'left' | 'right';
  value: LayoutDraft;
  onChange: (v: LayoutDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof LayoutDraft>(k: K, v: LayoutDraft[K]) => onChange({ ...value, [k]: v });
  const err = (path: string) => errors[`${side}.${path}`];
  return (
    <Fieldset legend={t(`matching.newSystem.${side}`)}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <NativeSelect
            label={t('matching.newSystem.format')}
            value={value.format}
            onChange={(e) => set('format', e.currentTarget.value as LayoutDraft['format'])}
            data={['csv', 'xlsx']}
          />
          <NativeSelect
            label={t('matching.newSystem.delimiter')}
            value={value.delimiter}
            onChange={(e) => set('delimiter', e.currentTarget.value as LayoutDraft['delimiter'])}
            data={DELIMITERS.map((d) => ({ value: d.value, label: t(`matching.newSystem.delimiters.${d.key}`) }))}
          />
          <NativeSelect
            label={t('matching.newSystem.decimal')}
            value={value.decimal}
            onChange={(e) => set('decimal', e.currentTarget.value as LayoutDraft['decimal'])}
            data={[
              { value: ',', label: t('matching.newSystem.decimals.comma') },
              { value: '.', label: t('matching.newSystem.decimals.point') },
            ]}
          />
          <NativeSelect
            label={t('matching.newSystem.dateFormat')}
            value={value.dateFormat}
            onChange={(e) => set('dateFormat', e.currentTarget.value as LayoutDraft['dateFormat'])}
            data={[...DATE_FORMATS]}
          />
          <NativeSelect
            label={t('matching.newSystem.encoding')}
            value={value.encoding}
            onChange={(e) => set('encoding', e.currentTarget.value as LayoutDraft['encoding'])}
            data={['utf-8', 'windows-1252']}
          />
        </SimpleGrid>
        <Checkbox label={t('matching.newSystem.negate')} checked={value.negate} onChange={(e) => set('negate', e.currentTarget.checked)} />
        <Title order={4} size="h5">
          {t('matching.newSystem.columns')}
        </Title>
        <SimpleGrid cols={{ base: 2, md: 6 }}>
          {COLUMNS.map((c) => (
            <TextInput
              key={c}
              label={t(`matching.newSystem.columnNames.${c}`)}
              description={c === 'amount' || c === 'date' ? undefined : t('matching.newSystem.optional')}
              required={c === 'amount' || c === 'date'}
              value={value.columns[c]}
              error={err(`columns.${c}`)}
              onChange={(e) => set('columns', { ...value.columns, [c]: e.currentTarget.value })}
            />
          ))}
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/** Central coordination sets up a system: code, owner, target, rules as JSON and the layout of each extract. */
export function SystemForm({ onDone }: { onDone: (created: MatchingSystem | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const departments = useDepartments();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [target, setTarget] = useState<Target>('ledger');
  const [departmentId, setDepartmentId] = useState('');
  const [rules, setRules] = useState(() => JSON.stringify(defaultRules, null, 2));
  const [left, setLeft] = useState(leftDefault);
  const [right, setRight] = useState(rightDefault);
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const department = departmentId || departments.data?.items[0]?.id || '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(rules);
    } catch (err) {
      setFailure({ fields: { rules: t('matching.newSystem.rulesInvalid', { message: (err as Error).message }) }, conflict: null, message: null });
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const created = await api<MatchingSystem>('POST', '/matching-systems', {
        code: code.trim(),
        name: name.trim(),
        target,
        departmentId: department,
        rules: parsed,
        left: layoutOf(left),
        right: layoutOf(right),
      });
      await queryClient.invalidateQueries({ queryKey: matchingKeys.systems });
      onDone(created);
    } catch (err) {
      setFailure(saveFailure(err, t));
    } finally {
      setBusy(false);
    }
  }

  const fields = failure?.fields ?? {};
  // rule errors come as rules.passes.2.kind: shown under the rules field
  const rulesError = Object.entries(fields)
    .filter(([k]) => k === 'rules' || k.startsWith('rules.'))
    .map(([k, v]) => (k === 'rules' ? v : `${k}: ${v}`))
    .join(' · ');
  const unplaced = Object.entries(fields).filter(
    ([k]) => !['code', 'name', 'target', 'departmentId'].includes(k) && !k.startsWith('rules') && !/^(left|right)\.columns\./.test(k),
  );

  return (
    <form onSubmit={submit} aria-labelledby="matching-new-system">
      <Stack gap="sm">
        <Title order={3} id="matching-new-system">
          {t('matching.newSystem.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <TextInput
            label={t('matching.newSystem.code')}
            description={t('matching.newSystem.codeHint')}
            required
            value={code}
            error={fields.code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <TextInput label={t('matching.newSystem.name')} required value={name} error={fields.name} onChange={(e) => setName(e.currentTarget.value)} />
          <NativeSelect
            label={t('matching.newSystem.target')}
            value={target}
            error={fields.target}
            onChange={(e) => setTarget(e.currentTarget.value as Target)}
            data={(['ledger', 'debtorSystem'] as const).map((v) => ({ value: v, label: t(`matching.targets.${v}`) }))}
          />
          <NativeSelect
            label={t('matching.newSystem.department')}
            value={department}
            error={fields.departmentId}
            onChange={(e) => setDepartmentId(e.currentTarget.value)}
            data={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.code} ${d.name}` }))}
          />
        </SimpleGrid>
        <Textarea
          label={t('matching.newSystem.rules')}
          description={t('matching.newSystem.rulesHint')}
          autosize
          minRows={6}
          maxRows={20}
          styles={{ input: { fontFamily: 'monospace' } }}
          value={rules}
          error={rulesError || undefined}
          onChange={(e) => setRules(e.currentTarget.value)}
        />
        <LayoutFields side="left" value={left} onChange={setLeft} errors={fields} />
        <LayoutFields side="right" value={right} onChange={setRight} errors={fields} />
        {failure && (
          <Alert color="red" variant="light" role="alert" styles={errorAlertStyles} title={t('matching.newSystem.failed')}>
            {[failure?.message, ...unplaced.map(([k, v]) => `${k}: ${v}`)].filter(Boolean).join(' · ')}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('matching.newSystem.submit')}
          </Button>
          <Button variant="default" onClick={() => onDone(null)}>
            {t('matching.newSystem.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
