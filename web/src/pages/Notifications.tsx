/** Notifications: a bell in the top bar (polled) and the full list. */
import { useEffect, useState } from 'react';
import { get } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { recordPath } from '../lib/links.ts';
import { Link, useLocation } from '../lib/router.tsx';
import { useApi } from '../lib/useApi.ts';
import { Async, Empty } from '../components/ui.tsx';

export interface Notification {
  domain: string;
  kind: string;
  type: string;
  id: string;
  title: string;
  at: string;
  severity: 'info' | 'warning' | 'urgent';
}

export function NotificationsBell() {
  const { t } = useI18n();
  const { path } = useLocation();
  const [items, setItems] = useState<Notification[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      get<{ notifications: Notification[] }>('/api/v1/notifications').then(
        (d) => live && setItems(d.notifications),
        () => undefined,
      );
    load();
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [path]);
  const n = items?.length ?? 0;
  const urgent = items?.some((i) => i.severity === 'urgent');
  return (
    <Link to="/notifications" className={`bell${urgent ? ' urgent' : ''}`} aria-label={`${t('notif.label')}: ${t('notif.count', { count: n })}`} data-testid="notifications-bell">
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="currentColor">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5-6.7V3.5a2 2 0 1 0-4 0v.8A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
      </svg>
      <span className="bell-count" aria-hidden="true">
        {n}
      </span>
    </Link>
  );
}

export function NotificationList({ items }: { items: Notification[] }) {
  const { t, dateTime } = useI18n();
  if (!items.length) return <Empty>{t('notif.empty')}</Empty>;
  return (
    <ul className="notifications" data-testid="notifications">
      {items.map((n) => {
        const to = recordPath(n.type, n.id, n.domain);
        return (
          <li key={`${n.kind}-${n.id}-${n.at}`} className={`sev-${n.severity}`} data-kind={n.kind}>
            <span className={`badge tone-${n.severity}`}>{t(`notif.${n.severity}`)}</span> {to ? <Link to={to}>{n.title}</Link> : n.title}{' '}
            <time className="muted" dateTime={n.at}>
              {dateTime(n.at)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}

export function NotificationsPage() {
  const { t } = useI18n();
  const state = useApi<{ notifications: Notification[] }>('/api/v1/notifications');
  return (
    <>
      <h1>{t('notif.title')}</h1>
      <Async state={state}>{(d) => <NotificationList items={d.notifications} />}</Async>
    </>
  );
}
