import { Alert, Button, Group, Modal, PasswordInput, Select, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { saveFailure, useLeaveGuard, type SaveFailure, errorAlertStyles } from '../../components/activity/forms';
import { holds } from '../../components/activity/roles';
import { useSession } from '../../session';
import { setUserActive, setUserRoles, userKeys, useUserRoles, useUsers, type RoleGrantDraft as Grant, type User } from '../../queries/users';
import type { Role } from '../../queries/session';
import { RowForm, useOptions, type FieldSpec } from './Register';

const roles: Role[] = ['admin', 'centralCoordinator', 'departmentCoordinator', 'measureOwner', 'auditor', 'reader'];
/** Roles that act for one department; the server refuses them without one. */
const departmentRoles: Role[] = ['departmentCoordinator', 'measureOwner'];
const noFailure: SaveFailure = { fields: {}, conflict: null, message: null };

/** A user's roles per department: add, remove, save the whole list at once. */
function RolesDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const options = useOptions();
  const client = useQueryClient();
  const current = useUserRoles(user.id);
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const rows = grants ?? current.data?.items ?? [];
  const dirty = grants !== null;
  useLeaveGuard(dirty, t('admin.unsavedConfirm'));
  const set = (i: number, patch: Partial<Grant>) => setGrants(rows.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const save = useMutation({
    mutationFn: () => setUserRoles(user.id, rows),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: userKeys.all });
      onClose();
    },
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  const close = () => {
    if (dirty && !window.confirm(t('admin.unsavedConfirm'))) return;
    onClose();
  };
  const rowError = (i: number, field: string) => failure.fields[`items.${i}.${field}`] ?? (field === 'departmentId' ? failure.fields[`items.${i}`] : undefined);
  return (
    <Modal opened onClose={close} title={t('admin.users.rolesOf', { name: user.name })} size="lg" closeButtonProps={{ 'aria-label': t('admin.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setFailure(noFailure);
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('admin.users.rolesHelp')}</Text>
          <Text size="sm">{t('admin.users.rolesRevoke')}</Text>
          {rows.length === 0 && !current.isPending && <Text size="sm">{t('admin.users.noRoles')}</Text>}
          {rows.map((g, i) => (
            <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
              <Select
                label={t('admin.users.role', { n: i + 1 })}
                data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                value={g.role || null}
                onChange={(v) => set(i, { role: (v ?? '') as Role, departmentId: v && departmentRoles.includes(v as Role) ? g.departmentId : g.departmentId })}
                error={rowError(i, 'role')}
                allowDeselect={false}
                w={220}
              />
              <Select
                label={t('admin.users.department', { n: i + 1 })}
                data={options.department}
                value={g.departmentId}
                onChange={(v) => set(i, { departmentId: v })}
                placeholder={departmentRoles.includes(g.role as Role) ? t('admin.users.chooseDepartment') : t('admin.users.wholeMunicipality')}
                error={rowError(i, 'departmentId')}
                clearable
                searchable
                style={{ flex: 1 }}
              />
              <Button
                mt={25}
                variant="subtle"
                color="red"
                c="red.9"
                onClick={() => setGrants(rows.filter((_, j) => j !== i))}
                aria-label={t('admin.users.removeRole', { n: i + 1 })}
              >
                {t('admin.users.remove')}
              </Button>
            </Group>
          ))}
          <Group>
            <Button variant="default" size="xs" onClick={() => setGrants([...rows, { role: '', departmentId: null }])}>
              {t('admin.users.addRole')}
            </Button>
          </Group>
          {(failure.message || (Object.keys(failure.fields).length > 0 && !Object.keys(failure.fields).some((f) => f.startsWith('items.')))) && (
            <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
              {failure.message ?? Object.values(failure.fields).join(' ')}
            </Alert>
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

/** Sign-in help for a user: set a new password, or remove a lost second factor. */
function AccessDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<SaveFailure>(noFailure);
  const [done, setDone] = useState<string | null>(null);
  useLeaveGuard(password !== '', t('admin.unsavedConfirm'));
  const setPw = useMutation({
    mutationFn: () => api('PUT', `/users/${user.id}/password`, { password }),
    onSuccess: () => {
      setPassword('');
      setDone(t('admin.users.passwordSet'));
    },
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  const resetTotp = useMutation({
    mutationFn: () => api('DELETE', `/users/${user.id}/totp`),
    onSuccess: () => setDone(t('admin.users.totpReset')),
    onError: (err) => setFailure(saveFailure(err, t)),
  });
  return (
    <Modal opened onClose={onClose} title={t('admin.users.accessOf', { name: user.name })} closeButtonProps={{ 'aria-label': t('admin.close') }}>
      <Stack gap="md">
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setFailure(noFailure);
            setDone(null);
            setPw.mutate();
          }}
        >
          <Stack gap="xs">
            <Title order={3} size="h5">
              {t('admin.users.setPassword')}
            </Title>
            <Text size="sm">{t('admin.users.passwordRevokes')}</Text>
            <PasswordInput
              label={t('admin.users.newPassword')}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={failure.fields.password}
              autoComplete="new-password"
            />
            <Group>
              <Button type="submit" size="xs" loading={setPw.isPending} disabled={!password}>
                {t('admin.users.setPassword')}
              </Button>
            </Group>
          </Stack>
        </form>
        <Stack gap="xs">
          <Title order={3} size="h5">
            {t('admin.users.totp')}
          </Title>
          <Text size="sm">{t('admin.users.totpHelp')}</Text>
          <Group>
            <Button
              size="xs"
              variant="default"
              loading={resetTotp.isPending}
              onClick={() => {
                setFailure(noFailure);
                setDone(null);
                resetTotp.mutate();
              }}
            >
              {t('admin.users.resetTotp')}
            </Button>
          </Group>
        </Stack>
        {failure.message && (
          <Alert color="red" role="alert" styles={errorAlertStyles} title={t('admin.saveFailed')}>
            {failure.message}
          </Alert>
        )}
        {done && (
          <Alert color="green" role="status" title={done} styles={{ title: { color: 'var(--mantine-color-green-9)' } }}>
            {null}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}

/** Settings: user administration (administrators); other staff see the list. */
export default function Users() {
  const { t } = useTranslation();
  const session = useSession();
  const admin = holds(session, 'admin');
  const options = useOptions();
  const client = useQueryClient();
  const list = useUsers();
  const [dialog, setDialog] = useState<{ kind: 'edit' | 'roles' | 'access'; user: User } | { kind: 'new' } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const toggle = useMutation({
    mutationFn: setUserActive,
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
    onError: (err) => {
      const f = saveFailure(err, t);
      setFailure(f.conflict ? t('admin.conflict.reload') : (f.message ?? Object.values(f.fields)[0] ?? t('app.error')));
      void client.invalidateQueries({ queryKey: userKeys.all });
    },
  });
  const department = (id: string | null) => options.department.find((o) => o.value === id)?.label ?? '–';
  const fields: FieldSpec[] = [
    { name: 'name', label: t('admin.fields.name'), kind: 'text', required: true },
    { name: 'email', label: t('admin.fields.email'), kind: 'text', required: true },
    { name: 'title', label: t('admin.fields.jobTitle'), kind: 'text', nullable: true },
    { name: 'departmentId', label: t('admin.fields.homeDepartment'), kind: 'department', nullable: true },
  ];
  const records = [...(list.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('admin.users.title')}</Title>
        {admin && <Button onClick={() => setDialog({ kind: 'new' })}>{t('admin.users.new')}</Button>}
      </Group>
      {admin && <Text size="sm">{t('admin.users.intro')}</Text>}
      {failure && (
        <Alert
          color="red"
          role="alert"
          styles={errorAlertStyles}
          title={t('admin.saveFailed')}
          withCloseButton
          onClose={() => setFailure(null)}
          closeButtonLabel={t('admin.close')}
        >
          {failure}
        </Alert>
      )}
      <DataTable<User>
        withTableBorder
        striped
        highlightOnHover
        verticalSpacing={6}
        fz="sm"
        fetching={list.isPending}
        minHeight={records.length === 0 ? 120 : undefined}
        records={records}
        noRecordsText={t('admin.empty')}
        aria-label={t('admin.users.title')}
        columns={[
          { accessor: 'name', title: t('admin.fields.name') },
          { accessor: 'email', title: t('admin.fields.email') },
          { accessor: 'title', title: t('admin.fields.jobTitle'), render: (u) => u.title ?? '–' },
          { accessor: 'departmentId', title: t('admin.fields.homeDepartment'), render: (u) => department(u.departmentId) },
          {
            accessor: 'active',
            title: t('admin.users.status'),
            width: 120,
            render: (u) => (
              <Text size="sm" fw={u.active ? undefined : 600} c={u.active ? undefined : 'red.9'}>
                {u.active ? t('admin.users.active') : t('admin.users.inactive')}
              </Text>
            ),
          },
          ...(admin
            ? [
                {
                  accessor: 'actions',
                  title: <VisuallyHidden>{t('admin.actions')}</VisuallyHidden>,
                  textAlign: 'right' as const,
                  width: 330,
                  render: (u: User) => (
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setDialog({ kind: 'edit', user: u })}
                        aria-label={t('admin.editNamed', { name: u.name })}
                      >
                        {t('admin.edit')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setDialog({ kind: 'roles', user: u })}
                        aria-label={t('admin.users.rolesOf', { name: u.name })}
                      >
                        {t('admin.users.roles')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setDialog({ kind: 'access', user: u })}
                        aria-label={t('admin.users.accessOf', { name: u.name })}
                      >
                        {t('admin.users.access')}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color={u.active ? 'red' : undefined}
                        c={u.active ? 'red.9' : undefined}
                        disabled={u.id === session.user.id}
                        onClick={() => {
                          setFailure(null);
                          toggle.mutate(u);
                        }}
                        aria-label={u.active ? t('admin.users.deactivateNamed', { name: u.name }) : t('admin.users.activateNamed', { name: u.name })}
                      >
                        {u.active ? t('admin.users.deactivate') : t('admin.users.activate')}
                      </Button>
                    </Group>
                  ),
                },
              ]
            : []),
        ]}
      />
      {dialog?.kind === 'new' && <RowForm resource="users" fields={fields} row={null} title={t('admin.users.new')} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && (
        <RowForm resource="users" fields={fields} row={dialog.user} title={t('admin.editNamed', { name: dialog.user.name })} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'roles' && <RolesDialog user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'access' && <AccessDialog user={dialog.user} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
