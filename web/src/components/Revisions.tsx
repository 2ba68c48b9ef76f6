/** Revision history of any record (GET /api/v1/records/:type/:id/revisions), loaded when opened. */
import { useState } from 'react';
import { useI18n } from '../lib/i18n.tsx';
import { useApi } from '../lib/useApi.ts';
import { Async, Empty } from './ui.tsx';

interface Revision {
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  changed: string[];
}

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function Revisions({ type, id }: { type: string; id: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section className="revisions" aria-labelledby={`rev-${id}`}>
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary id={`rev-${id}`}>{t('history.title')}</summary>
        {open && <RevisionList type={type} id={id} />}
      </details>
    </section>
  );
}

function RevisionList({ type, id }: { type: string; id: string }) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const state = useApi<{ revisions: Revision[] }>(`/api/v1/records/${encodeURIComponent(type)}/${encodeURIComponent(id)}/revisions`);
  return (
    <Async state={state}>
      {(d) =>
        d.revisions.length === 0 ? (
          <Empty>{t('history.empty')}</Empty>
        ) : (
          <ol className="revision-list" data-testid="revisions">
            {d.revisions.map((r) => (
              <li key={String(r.seq)}>
                <div>
                  <time dateTime={r.at}>{dateTime(r.at)}</time> — {t('history.by', { action: r.action, actor: r.actor })}
                </div>
                {r.reason && <div className="muted">{t('history.reason', { reason: r.reason })}</div>}
                {r.changed.length > 0 && (r.before || r.after) && (
                  <table className="diff">
                    <thead>
                      <tr>
                        <th scope="col"></th>
                        <th scope="col">{t('history.before')}</th>
                        <th scope="col">{t('history.after')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.changed
                        .filter((k) => !['search_text', 'created_at', 'created_by'].includes(k))
                        .slice(0, 30)
                        .map((k) => (
                          <tr key={k}>
                            <th scope="row">{k}</th>
                            <td>{r.before && 'redacted' in r.before ? t('history.redacted') : show(r.before?.[k])}</td>
                            <td>{r.after && 'redacted' in r.after ? t('history.redacted') : show(r.after?.[k])}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                )}
              </li>
            ))}
          </ol>
        )
      }
    </Async>
  );
}
