import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';
import { useSession } from '../../session';
import { holds, mayAudit } from './roles';

/**
 * Search (on a phone), your account, verifying the audit trail and settings in the main menu;
 * settings only for the roles that may change them (admin; central coordination records meetings
 * and manages follow-up rounds), the audit check for those who read the audit trail.
 */
export function SettingsNav() {
  const { t } = useTranslation();
  const session = useSession();
  const admin = holds(session, 'admin');
  const meetings = admin || holds(session, 'centralCoordinator');
  // The header's search box is hidden on a phone; the menu offers the search page instead.
  const search = <NavLink component={RouterLink} to="/search" label={t('activity.search.title')} hiddenFrom="sm" />;
  const own = (
    <>
      {mayAudit(session) && <NavLink component={RouterLink} to="/audit/verify" label={t('account.nav.auditVerify')} />}
      <NavLink component={RouterLink} to="/account" label={t('account.nav.account')} />
    </>
  );
  if (!meetings) {
    return (
      <>
        {search}
        {own}
      </>
    );
  }
  return (
    <>
      {search}
      {own}
      <NavLink component="button" label={t('admin.title')} defaultOpened childrenOffset="sm">
        {admin && <NavLink component={RouterLink} to="/settings/municipality" label={t('account.nav.municipality')} />}
        {admin && <NavLink component={RouterLink} to="/settings/departments" label={t('admin.nav.departments')} />}
        {admin && <NavLink component={RouterLink} to="/settings/committees" label={t('admin.nav.committees')} />}
        <NavLink component={RouterLink} to="/settings/meetings" label={t('admin.nav.meetings')} />
        <NavLink component={RouterLink} to="/settings/rounds" label={t('admin.nav.rounds')} />
        {admin && <NavLink component={RouterLink} to="/settings/users" label={t('admin.nav.users')} />}
        {admin && <NavLink component={RouterLink} to="/settings/mail" label={t('mail.nav')} />}
      </NavLink>
    </>
  );
}
