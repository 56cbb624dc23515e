import { Button, FileInput, Group, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { BalanceImportIssue } from '../../../server/modules/balance-import/schemas';
import type { ImportIssue as FindingsImportIssue } from '../../../server/modules/imports/schemas';
import { ApiError, upload } from '../../api';

/**
 * The parts both import pages share (findings from Excel, the balance imports): the file form with
 * its check button, the table of errors by row and column, and the apply button that stays
 * disabled while the file has errors.
 */

/** One problem of an imported file, as either import reports it (only the findings workbook has sheets). */
export type ImportIssue = z.infer<typeof BalanceImportIssue> & Partial<Pick<z.infer<typeof FindingsImportIssue>, 'sheet'>>;

/**
 * The state of an import page: the chosen file, the last check's report, the last import's
 * result, a failure, and what is running. `send(true)` checks, `send(false)` imports; an import
 * refused with errors (422) becomes a report like a check's through `refused`.
 */
export function useImportRun<R extends { errors: ImportIssue[] }>(
  pathOf: (dryRun: boolean) => string,
  refused: (err: ApiError, file: File, previous: R | null) => R | null,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [applied, setApplied] = useState<R | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);

  const reset = () => {
    setReport(null);
    setFailed(null);
  };
  const choose = (f: File | null) => {
    setFile(f);
    reset();
  };

  async function send(dryRun: boolean) {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'apply');
    setFailed(null);
    if (dryRun) setApplied(null);
    try {
      const result = await upload<R>(pathOf(dryRun), file);
      if (dryRun) setReport(result);
      else {
        setApplied(result);
        setReport(null);
        setFile(null);
        await queryClient.invalidateQueries();
      }
    } catch (err) {
      const asReport = err instanceof ApiError ? refused(err, file, report) : null;
      if (asReport) setReport(asReport);
      else setFailed(err instanceof ApiError ? (err.detail ?? err.title) : t('app.error'));
    } finally {
      setBusy(null);
    }
  }

  return { file, choose, reset, report, applied, failed, busy, send };
}

/** The column of an error: its letter and header as the file has them. */
export function columnOf(e: ImportIssue): string {
  if (!e.column) return e.header ?? '';
  return e.header ? `${e.column} (${e.header})` : e.column;
}

export function ImportFileForm(props: {
  file: File | null;
  onChange: (f: File | null) => void;
  onCheck: () => void;
  checking: boolean;
  accept: string;
  label?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onCheck();
  };
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="sm">
        {props.children}
        <FileInput
          label={props.label ?? t('imports.file.label')}
          placeholder={t('imports.file.placeholder')}
          styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
          accept={props.accept}
          value={props.file}
          onChange={props.onChange}
          clearable
          clearButtonProps={{ 'aria-label': t('imports.file.clear') }}
          w={360}
          maw="100%"
        />
        <Button type="submit" disabled={!props.file} loading={props.checking}>
          {t('imports.file.check')}
        </Button>
      </Group>
    </form>
  );
}

export function ImportErrorsTable({ errors, withSheet }: { errors: ImportIssue[]; withSheet?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Title order={4} size="h5">
        {t('imports.result.errorsTitle')}
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              {withSheet && <Table.Th scope="col">{t('imports.result.sheet')}</Table.Th>}
              <Table.Th scope="col">{t('imports.result.row')}</Table.Th>
              <Table.Th scope="col">{t('imports.result.column')}</Table.Th>
              <Table.Th scope="col">{t('imports.result.message')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {errors.map((e, i) => (
              <Table.Tr key={`${e.field}-${e.code}-${i}`}>
                {withSheet && <Table.Td>{e.sheet ?? t('imports.result.wholeFile')}</Table.Td>}
                <Table.Td>{e.row ?? (withSheet ? '' : t('imports.result.wholeFile'))}</Table.Td>
                <Table.Td>{columnOf(e)}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

export function ImportApplyButton({ errors, disabled, loading, onApply }: { errors: number; disabled: boolean; loading: boolean; onApply: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm">
      <Button onClick={onApply} disabled={errors > 0 || disabled} loading={loading} aria-describedby={errors ? 'import-apply-hint' : undefined}>
        {t('imports.result.apply')}
      </Button>
      {errors > 0 && (
        <Text size="sm" id="import-apply-hint">
          {t('imports.result.applyDisabled')}
        </Text>
      )}
    </Group>
  );
}
