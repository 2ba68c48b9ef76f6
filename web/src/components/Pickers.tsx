/** Pickers: vocabulary terms (hierarchical, labelled in both languages) and registry units or persons. */
import { useEffect, useState } from 'react';
import { get, qs } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';

export interface Term {
  code: string;
  labels?: { en: string; fr: string };
  label?: { en: string; fr: string };
  parent?: string | null;
}

/** Terms ordered as a tree (children after their parent), with their depth. */
export function treeOrder(terms: Term[]): { term: Term; depth: number }[] {
  const out: { term: Term; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const t of terms.filter((x) => (x.parent ?? null) === parent)) {
      out.push({ term: t, depth });
      walk(t.code, depth + 1);
    }
  };
  walk(null, 0);
  // terms whose parent is unknown still show
  for (const t of terms) if (!out.some((o) => o.term.code === t.code)) out.push({ term: t, depth: 0 });
  return out;
}

export function termLabel(i18n: ReturnType<typeof useI18n>, terms: Term[] | undefined, code: string | null | undefined): string {
  if (!code) return '';
  const t = terms?.find((x) => x.code === code);
  return t ? i18n.label(t.labels ?? t.label) || code : code;
}

export function TermSelect({ id, terms, value, onChange, empty, required, describedBy }: { id: string; terms: Term[]; value: string; onChange: (v: string) => void; empty?: string; required?: boolean; describedBy?: string }) {
  const i18n = useI18n();
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required} aria-describedby={describedBy}>
      {empty !== undefined && <option value="">{empty}</option>}
      {treeOrder(terms).map(({ term, depth }) => (
        <option key={term.code} value={term.code}>
          {'\u00a0\u00a0'.repeat(depth) + (depth ? '– ' : '') + (i18n.label(term.labels ?? term.label) || term.code)}
        </option>
      ))}
    </select>
  );
}

export interface ActorRef {
  type: 'unit' | 'person';
  id: string;
  name: string;
}

/** Searches the registry as one types and lets the user pick a unit or a person. */
export function RegistryPicker({ id, type, value, onChange, label }: { id: string; type?: 'unit' | 'person'; value: ActorRef | null; onChange: (v: ActorRef | null) => void; label: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<ActorRef[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) {
      setHits([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      get<{ hits: { type: 'unit' | 'person'; id: string; name: string }[] }>(`/api/v1/registry/search${qs({ q: q.trim(), type, limit: 8 })}`).then(
        (d) => live && setHits(d.hits.map((h) => ({ type: h.type, id: h.id, name: h.name }))),
        () => live && setHits([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q, type]);
  if (value)
    return (
      <div className="picked" id={id}>
        <span className="badge">{t(value.type === 'unit' ? 'type.unit' : 'type.person')}</span> {value.name}{' '}
        <button type="button" className="link-button" onClick={() => onChange(null)} aria-label={`${t('picker.clear')}: ${value.name}`}>
          {t('picker.clear')}
        </button>
      </div>
    );
  return (
    <div className="picker">
      <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('picker.search')} aria-label={label} autoComplete="off" />
      {hits.length > 0 && (
        <ul className="picker-hits" role="listbox" aria-label={label}>
          {hits.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                role="option"
                aria-selected="false"
                onClick={() => {
                  onChange(h);
                  setQ('');
                }}
              >
                <span className="badge">{t(h.type === 'unit' ? 'type.unit' : 'type.person')}</span> {h.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
