import { DateField } from '../../components/DateField';
import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { ConflictAlert } from '../../components/activity/ConflictAlert';
import { ifMatch, saveFailure, useLeaveGuard, type SaveFailure, errorAlertStyles } from '../../components/activity/forms';
import { LoadError } from '../../components/LoadState';
import { registerKeys, useCommittees, useDepartments, useRegister } from '../../queries/register';

/** Any register's row: the forms read and write its fields by name; pages type it as the server's row (e.g. `Meeting`). */
export interface Row {
  id: string;
  version: number;
  [field: string]: unknown;
}

export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'date' | 'committee' | 'department' | 'select';
  /** The choices of a `select` field. */
  options?: Option[];
  /** The value of a new row's field. */
  defaultValue?: string;
  required?: boolean;
  /** An empty input is sent as null (optional references and texts). */
  nullable?: boolean;
  /** A line under the label. */
  description?: string;
  /** What to say when the server finds the value malformed, instead of the bare "invalid format". */
  invalidText?: string;
}

type Values = Record<string, string>;
const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };

export interface Option {
  value: string;
  label: string;
}

/** The committees and departments as select options (the registers other registers refer to). */
export function useOptions() {
  const committees = useCommittees();
  const departments = useDepartments();
  const toOptions = (items: { id: string; code: string; name: string }[] | undefined): Option[] =>
    (items ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }));
  return { committee: toOptions(committees.data?.items), department: toOptions(departments.data?.items) };
}

const toValues = (fields: FieldSpec[], row: Row | null): Values =>
  Object.fromEntries(fields.map((f) => [f.name, row ? (row[f.name] != null ? String(row[f.name]) : '') : (f.defaultValue ?? '')]));
const toBody = (fields: FieldSpec[], values: Values) =>
  Object.fromEntries(fields.map((f) => [f.name, f.nullable && values[f.name]!.trim() === '' ? null : values[f.name]!.trim()]));

/** The create / edit form of one row, in a dialog: field errors beside the fields, 409 shows both versions. */
export function RowForm({
  resource,
  fields,
  row,
  title,
  onClose,
  extra,
}: {
  resource: string;
  fields: FieldSpec[];
  row: Row | null;
  title: string;
  onClose: () => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const options = useOptions();
  const [values, setValues] = useState<Values>(() => toValues(fields, row));
  const [base, setBase] = useState<{ values: Values; version: number | null }>(() => ({ values: toValues(fields, row), version: row?.version ?? null }));
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  // The server's code per field, so a field can say what its own malformed value should look like
  const [failureCodes, setFailureCodes] = useState<Record<string, string>>({});
  const dirty = fields.some((f) => values[f.name] !== base.values[f.name]);
  useLeaveGuard(dirty, t('admin.unsavedConfirm'));

  const save = useMutation({
    mutationFn: (version: number | null) =>
      row
        ? api<Row>('PATCH', `/${resource}/${row.id}`, toBody(fields, values), ifMatch(version ?? row.version))
        : api<Row>('POST', `/${resource}`, toBody(fields, values)),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: registerKeys.list(resource) });
      onClose();
    },
    onError: (err) => {
      setFailure(saveFailure(err, t));
      setFailureCodes(err instanceof ApiError ? Object.fromEntries(err.errors.map((e) => [e.field.replace(/^body\.?/, ''), e.code])) : {});
    },
  });
  const close = () => {
    if (dirty && !window.confirm(t('admin.unsavedConfirm'))) return;
    onClose();
  };
  const input = (f: FieldSpec) => {
    const common = {
      key: f.name,
      label: f.label,
      required: f.required,
      description: f.description,
      error: failure.fields[f.name] && f.invalidText && failureCodes[f.name] === 'schema.invalid_format' ? f.invalidText : failure.fields[f.name],
    };
    if (f.kind === 'committee' || f.kind === 'department' || f.kind === 'select') {
      return (
        <Select
          {...common}
          data={f.kind === 'select' ? (f.options ?? []) : options[f.kind]}
          value={values[f.name] || null}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v ?? '' }))}
          clearable={f.nullable}
          allowDeselect={f.kind !== 'select'}
          searchable={f.kind !== 'select'}
          comboboxProps={{ withinPortal: true }}
        />
      );
    }
    if (f.kind === 'date') {
      return (
        <DateField
          key={f.name}
          label={f.label}
          required={f.required}
          value={values[f.name] ?? ''}
          error={failure.fields[f.name]}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
        />
      );
    }
    return (
      <TextInput
        {...common}
        value={values[f.name]}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setValues((s) => ({ ...s, [f.name]: v }));
        }}
      />
    );
  };
  const conflict = failure.conflict;
  return (
    <Modal opened onClose={close} title={title} size="lg" closeButtonProps={{ 'aria-label': t('admin.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFailure(noFailure);
          save.mutate(base.version);
        }}
      >
        <Stack gap="sm">
          {fields.map(input)}
          {extra}
          {failure.message && (
            <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
              {failure.message}
            </Alert>
          )}
          {conflict && (
            <ConflictAlert
              fields={fields}
              theirs={conflict}
              mine={values}
              onTakeTheirs={() => {
                const theirs = toValues(fields, conflict as Row);
                setValues(theirs);
                setBase({ values: theirs, version: Number(conflict.version) });
                setFailure(noFailure);
              }}
              onKeepMine={() => {
                setBase((b) => ({ ...b, version: Number(conflict.version) }));
                setFailure(noFailure);
                save.mutate(Number(conflict.version));
              }}
            />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('admin.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Asks, then sends one command for a row with its version (delete, close a round); a conflict
 * (changed meanwhile) or a refusal ("in use") is shown in the dialog, and nothing is lost.
 */
export function ConfirmRowDialog({
  title,
  text,
  failedTitle,
  actionLabel,
  queryKey,
  send,
  onClose,
}: {
  title: string;
  text: string;
  failedTitle: string;
  actionLabel: string;
  /** The list to reload once it is done. */
  queryKey: readonly unknown[];
  send: () => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const action = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey });
      onClose();
    },
    onError: (err) => {
      const f = saveFailure(err, t);
      setMessage(f.conflict ? t('admin.conflict.deleted') : (f.message ?? Object.values(f.fields)[0] ?? t('app.error')));
    },
  });
  return (
    <Modal opened onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('admin.close') }}>
      <Stack gap="sm">
        <Text size="sm">{text}</Text>
        {message && (
          <Alert color="red" role="alert" styles={errorAlertStyles} title={failedTitle}>
            {message}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('admin.cancel')}
          </Button>
          <Button color="red.9" onClick={() => action.mutate()} loading={action.isPending}>
            {actionLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Asks, then deletes with the row's version. */
export function DeleteDialog({ resource, row, name, onClose }: { resource: string; row: Row; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <ConfirmRowDialog
      title={t('admin.deleteTitle', { name })}
      text={t('admin.deleteText', { name })}
      failedTitle={t('admin.deleteFailed')}
      actionLabel={t('admin.delete')}
      queryKey={registerKeys.list(resource)}
      send={() => api('DELETE', `/${resource}/${row.id}`, undefined, ifMatch(row.version))}
      onClose={onClose}
    />
  );
}

/**
 * A settings register (departments, committees, meetings): a dense list, and for those who may
 * change it create / edit / delete. Everyone else sees the list only.
 */
export function RegisterPage<R extends Row>({
  resource,
  title,
  newLabel,
  fields,
  columns,
  canWrite,
  nameOf,
  sort,
  editFields,
  canEditRow,
  deletable = true,
  rowActions,
}: {
  resource: string;
  title: string;
  newLabel: string;
  fields: FieldSpec[];
  columns: DataTableColumn<R>[];
  canWrite: boolean;
  nameOf: (row: R) => string;
  sort?: (a: R, b: R) => number;
  /** The fields an existing row can change (default: the create fields). */
  editFields?: FieldSpec[];
  /** Whether a row can still be edited (default: every row). */
  canEditRow?: (row: R) => boolean;
  /** Rows can be deleted (default); some registers keep their rows. */
  deletable?: boolean;
  /** Further buttons of a row, after Edit. */
  rowActions?: (row: R) => ReactNode;
}) {
  const { t } = useTranslation();
  const list = useRegister<R>(resource);
  const [editing, setEditing] = useState<R | 'new' | null>(null);
  const [deleting, setDeleting] = useState<R | null>(null);
  const records = [...(list.data?.items ?? [])].sort(sort ?? ((a, b) => String(a.code ?? '').localeCompare(String(b.code ?? ''))));
  const actions: DataTableColumn<R> = {
    accessor: 'actions',
    title: <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>,
    textAlign: 'right',
    width: 170,
    render: (row) => (
      <Group gap={4} justify="flex-end" wrap="nowrap">
        {(canEditRow?.(row) ?? true) && (
          <Button size="compact-xs" variant="subtle" onClick={() => setEditing(row)} aria-label={t('admin.editNamed', { name: nameOf(row) })}>
            {t('admin.edit')}
          </Button>
        )}
        {rowActions?.(row)}
        {deletable && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            c="red.9"
            onClick={() => setDeleting(row)}
            aria-label={t('admin.deleteNamed', { name: nameOf(row) })}
          >
            {t('admin.delete')}
          </Button>
        )}
      </Group>
    ),
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{title}</Title>
        {canWrite && <Button onClick={() => setEditing('new')}>{newLabel}</Button>}
      </Group>
      {list.isError && <LoadError error={list.error} styles={errorAlertStyles} />}
      <DataTable<R>
        withTableBorder
        striped
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        minHeight={records.length === 0 ? 120 : undefined}
        fetching={list.isPending}
        records={records}
        columns={canWrite ? [...columns, actions] : columns}
        noRecordsText={t('admin.empty')}
        aria-label={title}
      />
      {editing && (
        <RowForm
          resource={resource}
          fields={editing === 'new' ? fields : (editFields ?? fields)}
          row={editing === 'new' ? null : editing}
          title={editing === 'new' ? newLabel : t('admin.editNamed', { name: nameOf(editing) })}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteDialog resource={resource} row={deleting} name={nameOf(deleting)} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}
