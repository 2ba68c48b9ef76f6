/** Which page answers which path. Domain pages add their routes through registerRoutes. */
import type { ReactNode } from 'react';
import { useI18n } from './lib/i18n.tsx';
import { Link, match, useLocation } from './lib/router.tsx';
import { useSession } from './lib/session.tsx';
import { Empty } from './components/ui.tsx';
import { AccountPage } from './pages/Account.tsx';
import { SettingEditor, SettingsPage, UsersPage } from './pages/Admin.tsx';
import { NotificationsPage } from './pages/Notifications.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { PersonPage } from './pages/Person.tsx';
import { RegistryHome } from './pages/Registry.tsx';
import { SearchPage } from './pages/Search.tsx';
import { UnitPage } from './pages/Unit.tsx';
import { domainRoutes } from './domains/index.ts';

export interface RouteDef {
  path: string;
  /** Domain whose API must exist for the page to be reachable. */
  domain?: string;
  render: (params: Record<string, string>) => ReactNode;
}

const CORE: RouteDef[] = [
  { path: '/', render: () => <OverviewPage /> },
  { path: '/search', render: () => <SearchPage /> },
  { path: '/notifications', render: () => <NotificationsPage /> },
  { path: '/account', render: () => <AccountPage /> },
  { path: '/registry', domain: 'registry', render: () => <RegistryHome /> },
  { path: '/registry/units/:id', domain: 'registry', render: (p) => <UnitPage key={p.id} id={p.id} /> },
  { path: '/registry/persons/:id', domain: 'registry', render: (p) => <PersonPage key={p.id} id={p.id} /> },
  { path: '/admin/users', render: () => <UsersPage /> },
  { path: '/admin/settings', render: () => <SettingsPage /> },
  { path: '/admin/settings/:key', render: (p) => <SettingEditor key={p.key} settingKey={p.key} /> },
];

export function Routes() {
  const { t } = useI18n();
  const { path } = useLocation();
  const session = useSession();
  for (const r of [...CORE, ...domainRoutes]) {
    if (r.domain && !session.domains.has(r.domain)) continue;
    const params = match(r.path, path);
    if (params) return <>{r.render(params)}</>;
  }
  return (
    <>
      <h1>{t('error.page-not-found')}</h1>
      <Empty>
        <Link to="/">{t('nav.overview')}</Link>
      </Empty>
    </>
  );
}
