/** The sources cited by a fact, shown beside it: title, page or excerpt, confidence, links. */
import { useI18n } from '../lib/i18n.tsx';

export interface Citation {
  source_id: string;
  kind?: string | null;
  title?: string | null;
  url?: string | null;
  archive_url?: string | null;
  published_date?: string | null;
  page?: string | null;
  excerpt?: string | null;
  confidence?: string | null;
  fields?: string[];
}

const safeUrl = (u?: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);

export function Sources({ sources }: { sources?: Citation[] | null }) {
  const { t, date } = useI18n();
  const list = sources ?? [];
  if (!list.length) return <span className="sources none">{t('sources.none')}</span>;
  return (
    <details className="sources">
      <summary aria-label={t('sources.count', { count: list.length })}>
                {list.length === 1 ? t('sources.label') : t('sources.count', { count: list.length })}
      </summary>
      <ol>
        {list.map((s, i) => {
          const url = safeUrl(s.url);
          const archive = safeUrl(s.archive_url);
          return (
            <li key={`${s.source_id}-${i}`}>
              {url ? (
                <a href={url} target="_blank" rel="noreferrer noopener">
                  {s.title ?? s.source_id}
                </a>
              ) : (
                <span>{s.title ?? s.source_id}</span>
              )}
              {s.published_date && <span className="muted"> · {date(s.published_date)}</span>}
              {s.page && <span className="muted"> · {t('sources.page', { page: s.page })}</span>}
              {archive && (
                <>
                  {' '}
                  ·{' '}
                  <a href={archive} target="_blank" rel="noreferrer noopener">
                    {t('sources.archive')}
                  </a>
                </>
              )}
              {s.confidence && <span className="muted"> · {t('sources.confidence', { level: t(`confidence.${s.confidence}` as any) })}</span>}
              {s.fields?.length ? <span className="muted"> · {s.fields.join(', ')}</span> : null}
              {s.excerpt && <blockquote>{s.excerpt}</blockquote>}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
