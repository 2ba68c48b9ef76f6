/** Registry: search and browse units and persons. */
import { type FormEvent, useState } from 'react';
import { qs } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Link, navigate, useLocation } from '../lib/router.tsx';
import { useApi } from '../lib/useApi.ts';
import { Async, dateRange, Empty, Field, Sensitivity } from '../components/ui.tsx';
import { RegistryNewLinks } from '../domains/registry.tsx';

interface Hit {
  type: 'unit' | 'person';
  id: string;
  name: string;
  matched: string;
  score: number;
  country?: string | null;
}

export function RegistryHome() {
  const i18n = useI18n();
  const { t, num } = i18n;
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const type = query.get('type') ?? '';
  const [text, setText] = useState(q);
  const [kind, setKind] = useState(type);
  const search = useApi<{ hits: Hit[] }>(q ? `/api/v1/registry/search${qs({ q, type: type || undefined, limit: 100 })}` : null);
  const units = useApi<{ items: any[] }>(q ? null : '/api/v1/registry/units?limit=200');
  const persons = useApi<{ items: any[] }>(q ? null : '/api/v1/registry/persons?limit=200');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/registry${qs({ q: text.trim(), type: kind })}`);
  };
  return (
    <>
      <h1>{t('registry.title')}</h1>
      <RegistryNewLinks />
      <form className="toolbar" role="search" onSubmit={submit}>
        <Field label={t('registry.search-label')} id="registry-q" hint={t('registry.search-hint')}>
          <input id="registry-q" type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="registry-q-hint" />
        </Field>
        <Field label={t('registry.type')} id="registry-type">
          <select id="registry-type" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('registry.type-all')}</option>
            <option value="unit">{t('registry.type-unit')}</option>
            <option value="person">{t('registry.type-person')}</option>
          </select>
        </Field>
        <button type="submit" className="primary">
          {t('app.search')}
        </button>
      </form>
      {q ? (
        <Async state={search}>
          {(d) =>
            d.hits.length === 0 ? (
              <Empty>{t('empty.search', { q })}</Empty>
            ) : (
              <>
                <p className="muted">{t('app.results', { count: d.hits.length })}</p>
                <ul className="hits" data-testid="registry-hits">
                  {d.hits.map((h) => (
                    <li key={h.id}>
                      <span className="badge">{t(h.type === 'unit' ? 'type.unit' : 'type.person')}</span>{' '}
                      <Link to={`/registry/${h.type === 'unit' ? 'units' : 'persons'}/${h.id}`}>{h.name}</Link>
                      {h.matched !== h.name && <span className="muted"> · {t('registry.matched', { name: h.matched })}</span>}
                      {h.country && <span className="muted"> · {h.country}</span>}
                      <span className="muted"> · {t('registry.score', { score: num(h.score, { maximumFractionDigits: 2 }) })}</span>
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </Async>
      ) : (
        <div className="columns">
          <section aria-labelledby="units-h">
            <h2 id="units-h">{t('registry.units')}</h2>
            <Async state={units}>
              {(d) =>
                d.items.length === 0 ? (
                  <Empty />
                ) : (
                  <table data-testid="unit-list">
                    <thead>
                      <tr>
                        <th scope="col">{t('registry.name')}</th>
                        <th scope="col">{t('registry.country')}</th>
                        <th scope="col">{t('registry.dates')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((u) => (
                        <tr key={u.id}>
                          <td>
                            <Link to={`/registry/units/${u.id}`}>{u.name}</Link> <Sensitivity level={u.sensitivity} />
                          </td>
                          <td>{u.country ?? ''}</td>
                          <td>{dateRange(i18n, u)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              }
            </Async>
          </section>
          <section aria-labelledby="persons-h">
            <h2 id="persons-h">{t('registry.persons')}</h2>
            <Async state={persons}>
              {(d) =>
                d.items.length === 0 ? (
                  <Empty />
                ) : (
                  <table data-testid="person-list">
                    <thead>
                      <tr>
                        <th scope="col">{t('registry.name')}</th>
                        <th scope="col">{t('registry.country')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((p) => (
                        <tr key={p.id}>
                          <td>
                            <Link to={`/registry/persons/${p.id}`}>{p.name}</Link> <Sensitivity level={p.sensitivity} />
                          </td>
                          <td>{p.country ?? ''}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              }
            </Async>
          </section>
        </div>
      )}
    </>
  );
}
