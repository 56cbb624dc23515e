import { Alert, Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  CATEGORY_LABELS,
  formatPeriod,
  isCategory,
  nextPeriod,
  parsePeriod,
  SUB_REASON_LABELS,
  SUB_REASONS,
  type Category,
} from '../../../domain/reconciliation';
import { api, ApiError } from '../../api';
import { formatDay } from '../../format';
import type { Language } from '../../i18n';
import { useSession } from '../../session';
import { DateField } from '../../components/DateField';
import { holds } from '../../components/activity/roles';
import { editable, kr, krOre, readAmount } from '../../components/balance/money';
import { AccountPlans } from '../../components/balance/AccountPlans';
import { LinkedFindings } from '../../components/balance/LinkedFindings';
import { StatusBadge } from '../../components/balance/StatusBadge';
import { balanceKeys, useBalanceAccount, useInvalidateAccount, useReconciliations, type Reconciliation } from '../../queries/balance';

interface ItemDraft {
  key: number;
  text: string;
  amount: string;
  originDate: string;
  reference: string;
  parts: { amountOre: number; originDate: string }[] | null;
  /** The server's older-than-one-year part while the item is unchanged since the last answer. */
  olderOre: number | null;
}

interface Draft {
  period: string;
  ledger: string;
  category: string;
  subReason: string;
  consequence: string;
  note: string;
  items: ItemDraft[];
}

let keys = 0;

function draftOf(r: Reconciliation | null, period: string, lang: Language): Draft {
  if (!r) return { period, ledger: '', category: '1', subReason: '', consequence: '', note: '', items: [] };
  return {
    period: r.period,
    ledger: editable(r.ledgerBalanceOre, lang),
    category: String(r.category),
    subReason: r.subReason,
    consequence: r.consequence ?? '',
    note: r.note ?? '',
    items: r.items.map((i) => ({
      key: ++keys,
      text: i.text,
      amount: editable(i.amountOre, lang),
      originDate: i.originDate,
      reference: i.reference ?? '',
      parts: i.parts ?? null,
      olderOre: i.olderThanOneYearOre,
    })),
  };
}

/** A kroner amount typed the reader's way, with what it was read as (or why it could not be). */
function AmountField({ label, value, error, onChange }: { label: string; value: string; error?: string | undefined; onChange: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const parsed = value.trim() ? readAmount(value, lang) : null;
  return (
    <TextInput
      label={label}
      value={value}
      required
      inputMode="decimal"
      autoComplete="off"
      description={parsed?.ok ? t('balance.form.parsed', { amount: krOre(parsed.value, lang) }) : t('balance.form.amountHint')}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={error ?? (parsed && !parsed.ok ? parsed.error.message[lang] : undefined)}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}

/** One balance account: its reconciliations by period and the reconciliation form. */
export default function AccountDetail() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const session = useSession();
  const client = useQueryClient();
  const invalidateAccount = useInvalidateAccount();
  const account = useBalanceAccount(id);
  const list = useReconciliations(id, account.isSuccess);
  const [selectedId, setSelectedId] = useState<string | null | undefined>(undefined);
  const recs = list.data ?? [];
  const selected = selectedId === undefined ? (recs[0] ?? null) : (recs.find((r) => r.id === selectedId) ?? null);
  const suggested = (() => {
    const p = recs[0] ? parsePeriod(recs[0].period) : null;
    return p ? formatPeriod(nextPeriod(p)) : new Date().toISOString().slice(0, 7);
  })();
  const [draft, setDraft] = useState<Draft>(() => draftOf(null, '', lang));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const approveHint = useId();
  const signOffHint = useId();

  // Load the chosen reconciliation into the form (not while the user has unsaved changes).
  const loadedKey = `${selected?.id ?? 'new'}:${selected?.version ?? 0}:${list.isSuccess}`;
  useEffect(() => {
    if (!list.isSuccess) return;
    setDraft(draftOf(selected, suggested, lang));
    setDirty(false);
    setErrors({});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loadedKey]);

  if (account.isError) {
    const notFound = account.error instanceof ApiError && account.error.status === 404;
    return (
      <Stack>
        <Title order={2}>{notFound ? t('balance.account.notFound') : t('app.error')}</Title>
        <Anchor component={Link} to="/balance/accounts">
          {t('balance.account.back')}
        </Anchor>
      </Stack>
    );
  }
  if (!account.data) return <Title order={2}>{t('app.loading')}</Title>;
  const a = account.data;
  const me = session.user.id;
  const mayPrepare =
    holds(session, 'admin', 'centralCoordinator') || session.roles.some((r) => r.role === 'departmentCoordinator' && r.departmentId === a.department.id);
  const mayReview = holds(session, 'admin', 'centralCoordinator', 'auditor');
  const editableNow = mayPrepare && (!selected || selected.status === 'open');

  const change = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setDirty(true);
    setNotice(null);
  };
  const changeItem = (key: number, patch: Partial<ItemDraft>) =>
    change({ items: draft.items.map((i) => (i.key === key ? { ...i, ...patch, olderOre: null } : i)) });
  const category = Number(draft.category);
  const subReasons = isCategory(category) ? SUB_REASONS[category] : [];

  const body = () => {
    const amount = (text: string) => {
      const r = readAmount(text, lang);
      // Unreadable text goes to the server as typed: it names the field, and the text stays in the form.
      return r.ok ? r.value : text;
    };
    return {
      ...(selected ? {} : { period: draft.period.trim() }),
      ledgerBalanceOre: amount(draft.ledger),
      category,
      subReason: draft.subReason,
      items: draft.items.map((i) => ({
        text: i.text,
        amountOre: amount(i.amount),
        originDate: i.originDate,
        reference: i.reference.trim() || null,
        parts: i.parts,
      })),
      consequence: draft.consequence.trim() || null,
      note: draft.note.trim() || null,
    };
  };

  const refresh = async (r: Reconciliation) => {
    client.setQueryData<Reconciliation[]>(balanceKeys.reconciliations(id), (old) => {
      const rest = (old ?? []).filter((x) => x.id !== r.id);
      return [...rest, r].sort((x, y) => y.period.localeCompare(x.period));
    });
    setSelectedId(r.id);
    await invalidateAccount(id);
  };

  const fail = (e: unknown, title: string) => {
    if (e instanceof ApiError) {
      setErrors(Object.fromEntries(e.errors.map((x) => [x.field.replace(/^body\./, ''), x.message])));
      setFailure(e.detail ? `${title}: ${e.detail}` : title);
    } else setFailure(title);
  };

  const save = async () => {
    setBusy(true);
    setFailure(null);
    setErrors({});
    try {
      const r = selected
        ? await api<Reconciliation>('PATCH', `/reconciliations/${selected.id}`, body(), { 'if-match': `"${selected.version}"` })
        : await api<Reconciliation>('POST', `/balance-accounts/${id}/reconciliations`, body());
      await refresh(r);
      setNotice(t('balance.form.saved'));
    } catch (e) {
      fail(e, t('balance.form.saveFailed'));
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: 'sign-off' | 'approve' | 'reopen') => {
    if (!selected) return;
    setBusy(true);
    setFailure(null);
    try {
      const r = await api<Reconciliation>('POST', `/reconciliations/${selected.id}/${action}`, undefined, { 'if-match': `"${selected.version}"` });
      await refresh(r);
      setNotice(t(`balance.status.${r.status}`));
    } catch (e) {
      fail(e, t('balance.form.actionFailed'));
    } finally {
      setBusy(false);
    }
  };

  const approveBlock = !selected
    ? null
    : selected.preparedBy === me
      ? t('balance.form.approvePreparer')
      : !mayReview
        ? t('balance.form.approveOnlyReviewer')
        : selected.status !== 'signedOff'
          ? t('balance.form.approveNotSignedOff')
          : null;
  const signOffBlock = dirty ? t('balance.form.unsavedFirst') : null;
  const err = (field: string) => errors[field];

  return (
    <Stack>
      <Anchor component={Link} to="/balance/accounts" size="sm">
        {t('balance.account.back')}
      </Anchor>
      <Title order={2}>
        {a.number} {a.name}
      </Title>
      <Text size="sm">
        {t('balance.columns.imFunction')}: {a.imFunction.code} {a.imFunction.name} · {t('balance.columns.department')}: {a.department.code} {a.department.name}
        {a.committee ? ` · ${t('balance.account.committee')}: ${a.committee.name}` : ''} · {t('balance.account.reconciler')}:{' '}
        {t(`balance.account.reconcilers.${a.reconciler}`)} · {t('risk.accountFrequency')}: {t(`risk.frequency.${a.frequency}`)}
      </Text>

      <AccountPlans account={a} mayCreate={mayPrepare} />
      <LinkedFindings accountId={a.id} />

      <Title order={3}>{t('balance.account.history')}</Title>
      {recs.length === 0 ? (
        <Text size="sm">{t('balance.account.none')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('balance.form.period')}</Table.Th>
                <Table.Th>{t('balance.columns.category')}</Table.Th>
                <Table.Th ta="right">{t('balance.form.ledger')}</Table.Th>
                <Table.Th ta="right">{t('balance.columns.followUp')}</Table.Th>
                <Table.Th ta="right">{t('balance.columns.older')}</Table.Th>
                <Table.Th>{t('balance.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recs.map((r) => (
                <Table.Tr key={r.id} aria-current={r.id === selected?.id ? 'true' : undefined}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => setSelectedId(r.id)}
                      aria-label={t('balance.account.open', { period: r.period })}
                      fw={r.id === selected?.id ? 700 : undefined}
                    >
                      {r.period}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{isCategory(r.category) ? `${r.category} ${CATEGORY_LABELS[r.category][lang]}` : r.category}</Table.Td>
                  <Table.Td ta="right">{kr(r.ledgerBalanceOre, lang)}</Table.Td>
                  <Table.Td ta="right">{kr(r.followUpOre, lang)}</Table.Td>
                  <Table.Td ta="right">{kr(r.olderThanOneYearOre, lang)}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={r.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {mayPrepare && (
        <Group>
          <Button variant="default" onClick={() => setSelectedId(null)} disabled={selected === null}>
            {t('balance.account.newReconciliation')}
          </Button>
        </Group>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="reconciliation-form-title">
        <Stack>
          <Group justify="space-between">
            <Title order={3} id="reconciliation-form-title">
              {selected ? t('balance.form.titleEdit', { period: selected.period }) : t('balance.form.titleNew')}
            </Title>
            {selected && <StatusBadge status={selected.status} />}
          </Group>
          {!mayPrepare && <Text size="sm">{t('balance.form.readOnly')}</Text>}
          {mayPrepare && selected && selected.status !== 'open' && <Text size="sm">{t('balance.form.locked')}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('balance.form.period')}
              description={t('balance.form.periodHint')}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={draft.period}
              readOnly={!!selected || !editableNow}
              required
              error={err('period')}
              onChange={(e) => change({ period: e.currentTarget.value })}
            />
            {editableNow ? (
              <AmountField label={t('balance.form.ledger')} value={draft.ledger} error={err('ledgerBalanceOre')} onChange={(v) => change({ ledger: v })} />
            ) : (
              <TextInput label={t('balance.form.ledger')} value={draft.ledger} readOnly />
            )}
            <Select
              label={t('balance.form.category')}
              value={draft.category}
              readOnly={!editableNow}
              allowDeselect={false}
              required
              error={err('category')}
              data={([1, 2, 3] as Category[]).map((c) => ({ value: String(c), label: `${c} ${CATEGORY_LABELS[c][lang]}` }))}
              onChange={(v) => v && change({ category: v, subReason: '' })}
            />
            <Select
              label={t('balance.form.subReason')}
              value={draft.subReason || null}
              readOnly={!editableNow}
              required
              error={err('subReason')}
              data={subReasons.map((s) => ({ value: s, label: SUB_REASON_LABELS[s][lang] }))}
              onChange={(v) => change({ subReason: v ?? '' })}
            />
          </SimpleGrid>

          <Title order={4}>{t('balance.form.items')}</Title>
          {err('items') && (
            <Text c="red.9" size="sm" role="alert">
              {err('items')}
            </Text>
          )}
          {draft.items.length === 0 && <Text size="sm">{t('balance.form.noItems')}</Text>}
          {draft.items.map((item, n) => (
            <Paper key={item.key} withBorder p="sm" component="fieldset" style={{ margin: 0 }}>
              <Text component="legend" fw={600} size="sm" px={4}>
                {t('balance.form.itemLabel', { number: n + 1 })}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                <TextInput
                  label={t('balance.form.itemText')}
                  value={item.text}
                  readOnly={!editableNow}
                  required
                  error={err(`items.${n}.text`)}
                  onChange={(e) => changeItem(item.key, { text: e.currentTarget.value })}
                />
                {editableNow ? (
                  <AmountField
                    label={t('balance.form.itemAmount')}
                    value={item.amount}
                    error={err(`items.${n}.amountOre`) ?? err(`items.${n}.parts`)}
                    onChange={(v) => changeItem(item.key, { amount: v })}
                  />
                ) : (
                  <TextInput label={t('balance.form.itemAmount')} value={item.amount} readOnly />
                )}
                {editableNow ? (
                  <DateField
                    label={t('balance.form.itemDate')}
                    value={item.originDate}
                    required
                    error={err(`items.${n}.originDate`)}
                    onChange={(v) => changeItem(item.key, { originDate: v })}
                  />
                ) : (
                  <TextInput label={t('balance.form.itemDate')} value={formatDay(item.originDate, lang)} readOnly />
                )}
                <TextInput
                  label={t('balance.form.itemReference')}
                  value={item.reference}
                  readOnly={!editableNow}
                  error={err(`items.${n}.reference`)}
                  onChange={(e) => changeItem(item.key, { reference: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Group justify="space-between" mt="xs">
                <Text size="sm">{item.olderOre !== null ? `${t('balance.form.itemOlder')}: ${kr(item.olderOre, lang)}` : ''}</Text>
                {editableNow && (
                  <Button variant="default" size="xs" onClick={() => change({ items: draft.items.filter((i) => i.key !== item.key) })}>
                    {t('balance.form.removeItem', { number: n + 1 })}
                  </Button>
                )}
              </Group>
            </Paper>
          ))}
          {editableNow && (
            <Group>
              <Button
                variant="default"
                onClick={() =>
                  change({ items: [...draft.items, { key: ++keys, text: '', amount: '', originDate: '', reference: '', parts: null, olderOre: null }] })
                }
              >
                {t('balance.form.addItem')}
              </Button>
            </Group>
          )}

          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Textarea
              label={t('balance.form.consequence')}
              value={draft.consequence}
              readOnly={!editableNow}
              autosize
              minRows={2}
              error={err('consequence')}
              onChange={(e) => change({ consequence: e.currentTarget.value })}
            />
            <Textarea
              label={t('balance.form.note')}
              value={draft.note}
              readOnly={!editableNow}
              autosize
              minRows={2}
              error={err('note')}
              onChange={(e) => change({ note: e.currentTarget.value })}
            />
          </SimpleGrid>

          <Title order={4}>{t('balance.form.totals')}</Title>
          {selected && !dirty ? (
            <Table withTableBorder maw={520}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th scope="row">{t('balance.form.followUp')}</Table.Th>
                  <Table.Td ta="right">{krOre(selected.followUpOre, lang)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('balance.form.older')}</Table.Th>
                  <Table.Td ta="right">{krOre(selected.olderThanOneYearOre, lang)}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th scope="row">{t('balance.form.gross')}</Table.Th>
                  <Table.Td ta="right">{krOre(selected.grossOre, lang)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm">{t('balance.form.notSaved')}</Text>
          )}
          {selected && selected.needs.length > 0 && (
            <Paper withBorder p="sm" style={{ borderLeft: '4px solid var(--mantine-color-orange-9)' }}>
              <Text fw={700} size="sm">
                {t('balance.form.needs')}
              </Text>
              {selected.needs.map((n) => (
                <Text key={n.code} size="sm">
                  {n.message}
                </Text>
              ))}
            </Paper>
          )}
          {selected?.preparedAt && <Text size="sm">{t('balance.form.signedOff', { date: formatDay(selected.preparedAt, lang) })}</Text>}
          {selected?.approvedAt && <Text size="sm">{t('balance.form.approved', { date: formatDay(selected.approvedAt, lang) })}</Text>}

          {failure && (
            <Alert color="red" variant="light" role="alert" title={failure}>
              {Object.keys(errors).length > 0 && (
                <Stack gap={2}>
                  {Object.entries(errors).map(([field, message]) => (
                    <Text key={field} size="sm">
                      {message}
                    </Text>
                  ))}
                </Stack>
              )}
            </Alert>
          )}
          {notice && (
            <Text size="sm" role="status">
              {notice}
            </Text>
          )}
          <Group>
            {editableNow && (
              <Button onClick={save} loading={busy}>
                {t('balance.form.save')}
              </Button>
            )}
            {mayPrepare && selected?.status === 'open' && (
              <Button
                variant="default"
                onClick={() => act('sign-off')}
                disabled={busy || !!signOffBlock}
                aria-describedby={signOffBlock ? signOffHint : undefined}
              >
                {t('balance.form.signOff')}
              </Button>
            )}
            {selected && (
              <Button
                variant="default"
                onClick={() => act('approve')}
                disabled={busy || !!approveBlock}
                aria-describedby={approveBlock ? approveHint : undefined}
              >
                {t('balance.form.approve')}
              </Button>
            )}
            {mayPrepare && selected && selected.status !== 'open' && (
              <Button variant="default" onClick={() => act('reopen')} disabled={busy}>
                {t('balance.form.reopen')}
              </Button>
            )}
          </Group>
          {signOffBlock && mayPrepare && selected?.status === 'open' && (
            <Text size="sm" id={signOffHint}>
              {signOffBlock}
            </Text>
          )}
          {approveBlock && (
            <Text size="sm" id={approveHint}>
              {approveBlock}
            </Text>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
