/** The overview: what waits for the user and the headline figures of each installed domain. */
import { useI18n } from '../lib/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { Async } from '../components/ui.tsx';
import { DomainSlot } from '../slots.tsx';
import { type Notification, NotificationList } from './Notifications.tsx';

export function OverviewPage() {
  const { t, num } = useI18n();
  const session = useSession();
  const notifications = useApi<{ notifications: Notification[] }>('/api/v1/notifications');
  const canRegistry = session.domains.has('registry') && session.can('registry:read');
  const units = useApi<{ items: unknown[] }>(canRegistry ? '/api/v1/registry/units?limit=1000' : null);
  const persons = useApi<{ items: unknown[] }>(canRegistry ? '/api/v1/registry/persons?limit=1000' : null);
  return (
    <>
      <h1>{t('overview.title')}</h1>
      <p>{t('overview.welcome', { name: session.me.user.displayName })}</p>
      <div className="grid">
        <section className="card" aria-labelledby="ov-notif">
          <h2 id="ov-notif">{t('overview.notifications')}</h2>
          <Async state={notifications}>{(d) => <NotificationList items={d.notifications.slice(0, 10)} />}</Async>
          {(notifications.data?.notifications.length ?? 0) > 10 && <Link to="/notifications">{t('app.more')}</Link>}
        </section>
        {canRegistry && (
          <section className="card" aria-labelledby="ov-reg">
            <h2 id="ov-reg">{t('overview.registry')}</h2>
            <dl className="figures">
              <div>
                <dt>{t('overview.units')}</dt>
                <dd>{units.data ? num(units.data.items.length) + (units.data.items.length >= 1000 ? '+' : '') : '…'}</dd>
              </div>
              <div>
                <dt>{t('overview.persons')}</dt>
                <dd>{persons.data ? num(persons.data.items.length) + (persons.data.items.length >= 1000 ? '+' : '') : '…'}</dd>
              </div>
            </dl>
            <Link to="/registry">{t('nav.registry')}</Link>
          </section>
        )}
      </div>
      <DomainSlot name="overview" props={{}} />
    </>
  );
}
