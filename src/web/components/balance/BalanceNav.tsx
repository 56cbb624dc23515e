import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink } from 'react-router';
import { useSession } from '../../session';
import { holds, isStaff } from '../activity/roles';

/** The balance register in the main menu, for staff (readers see the annual report, not the register). */
export function BalanceNav() {
  const { t } = useTranslation();
  const session = useSession();
  if (!isStaff(session)) return null;
  return (
    <>
      <NavLink component={RouterLink} to="/balance/accounts" label={t('balance.nav')} />
      <NavLink component={RouterLink} to="/balance/risk" label={t('risk.nav')} />
      <NavLink component={RouterLink} to="/balance/committees" label={t('balanceAdmin.nav.committees')} />
      <NavLink component={RouterLink} to="/balance/matching" label={t('matching.nav')} />
      {holds(session, 'admin', 'centralCoordinator') && <NavLink component={RouterLink} to="/balance/import" label={t('balanceAdmin.nav.import')} />}
    </>
  );
}
