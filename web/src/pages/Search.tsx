/** Global search across every domain the user may read (GET /api/v1/search). */
import { useI18n } from '../lib/i18n.tsx';
import { recordPath } from '../lib/links.ts';
import { Link, useLocation } from '../lib/router.tsx';
import { useApi } from '../lib/useApi.ts';
import { Async, Empty } from '../components/ui.tsx';

interface Hit {
  domain: string;
  type: string;
  id: string;
  label: string;
  detail?: string;
  score: number;
}

export function typeLabel(t: ReturnType<typeof useI18n>['t'], type: string) {
  const known = ['unit', 'person', 'incident', 'support-request', 'review'];
  return known.includes(type) ? t(`type.${type}` as any) : t('type.other');
}

export function SearchPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const q = query.get('q')?.trim() ?? '';
  const state = useApi<{ hits: Hit[] }>(q ? `/api/v1/search?q=${encodeURIComponent(q)}&limit=50` : null);
  return (
    <>
      <h1>{q ? t('search.for', { q }) : t('search.title')}</h1>
      {!q ? (
        <Empty>{t('search.hint')}</Empty>
      ) : (
        <Async state={state}>
          {(d) =>
            d.hits.length === 0 ? (
              <Empty>{t('empty.search', { q })}</Empty>
            ) : (
              <ul className="hits" data-testid="search-hits">
                {d.hits.map((h) => {
                  const to = recordPath(h.type, h.id, h.domain);
                  return (
                    <li key={`${h.type}-${h.id}`} data-type={h.type}>
                      <span className="badge">{typeLabel(t, h.type)}</span> {to ? <Link to={to}>{h.label}</Link> : h.label}
                      {h.detail && <span className="muted"> · {h.detail}</span>}
                    </li>
                  );
                })}
              </ul>
            )
          }
        </Async>
      )}
    </>
  );
}
