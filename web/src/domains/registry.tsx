/** Registry entry forms: a unit, a person and a source (src/registry/inputs.ts), vocabularies from registry.vocabularies. */
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { type Term, TermSelect } from '../components/Pickers.tsx';
import { ErrorBox, Field, Loading } from '../components/ui.tsx';
import { SENSITIVITY_LEVELS, SensitivityField } from './protection.tsx';
import type { RouteDef } from '../routes.tsx';

interface RegistryVocabularies {
  organisationKinds: Term[];
  levels: Term[];
  classifications: Term[];
  sourceKinds: (Term & { sensitivity?: string })[];
}

function useRegistryVocabularies() {
  const s = useApi<{ value: RegistryVocabularies }>('/api/v1/settings/registry.vocabularies');
  return { vocab: s.data?.value, error: s.error };
}

const fieldErrors = (error: unknown) => (f: string) => (error instanceof ApiError ? error.forField(f) : []);
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const list = (s: string) =>
  s
    .split(/[;\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Links to the entry forms, for the registry home page. */
export function RegistryNewLinks() {
  const { t } = useI18n();
  const session = useSession();
  if (!session.can('registry:write')) return null;
  return (
    <p className="buttons">
      <Link to="/registry/new/unit" className="button-link">
        {t('reg.new-unit')}
      </Link>{' '}
      <Link to="/registry/new/person" className="button-link">
        {t('reg.new-person')}
      </Link>{' '}
      <Link to="/registry/new/source" className="button-link">
        {t('reg.new-source')}
      </Link>
    </p>
  );
}

function Dates({ idp, value, onChange, fe }: { idp: string; value: { start_date: string; end_date: string }; onChange: (v: { start_date: string; end_date: string }) => void; fe: (f: string) => string[] }) {
  const { t } = useI18n();
  return (
    <div className="inline-fields">
      <Field label={t('reg.start-date')} id={`${idp}-start`} error={fe('start_date')} hint={t('reg.partial-date')}>
        <input id={`${idp}-start`} value={value.start_date} onChange={(e) => onChange({ ...value, start_date: e.target.value })} placeholder="YYYY-MM-DD" aria-describedby={`${idp}-start-hint`} />
      </Field>
      <Field label={t('reg.end-date')} id={`${idp}-end`} error={fe('end_date')}>
        <input id={`${idp}-end`} value={value.end_date} onChange={(e) => onChange({ ...value, end_date: e.target.value })} placeholder="YYYY-MM-DD" />
      </Field>
    </div>
  );
}

export function UnitForm() {
  const { t } = useI18n();
  const { vocab, error: vErr } = useRegistryVocabularies();
  const [f, setF] = useState({ name: '', other_names: '', kind: '', level: '', country: '', notes: '' });
  const [classification, setClassification] = useState('');
  const [dates, setDates] = useState({ start_date: '', end_date: '' });
  const [sensitivity, setSensitivity] = useState('internal');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (vErr) return <ErrorBox error={vErr} />;
  if (!vocab) return <Loading />;
  const fe = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await post<{ id: string }>('/api/v1/registry/units', {
        name: f.name,
        other_names: list(f.other_names),
        kind: f.kind || undefined,
        level: orNull(f.level),
        country: orNull(f.country),
        classifications: classification ? [classification] : [],
        start_date: orNull(dates.start_date),
        end_date: orNull(dates.end_date),
        notes: orNull(f.notes),
        sensitivity,
      });
      navigate(`/registry/units/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/registry">{t('registry.title')}</Link>
      </p>
      <h1>{t('reg.new-unit')}</h1>
      <form onSubmit={submit} className="entry" aria-label={t('reg.new-unit')} noValidate>
        <Field label={t('reg.name')} id="un-name" error={fe('name')}>
          <input id="un-name" value={f.name} onChange={(e) => set('name')(e.target.value)} required />
        </Field>
        <Field label={t('reg.other-names')} id="un-other" error={fe('other_names')} hint={t('reg.list-hint')}>
          <input id="un-other" value={f.other_names} onChange={(e) => set('other_names')(e.target.value)} aria-describedby="un-other-hint" />
        </Field>
        <div className="inline-fields">
          <Field label={t('reg.kind')} id="un-kind" error={fe('kind')}>
            <TermSelect id="un-kind" terms={vocab.organisationKinds} value={f.kind} onChange={set('kind')} empty={t('pro.choose')} />
          </Field>
          <Field label={t('reg.level')} id="un-level" error={fe('level')}>
            <TermSelect id="un-level" terms={vocab.levels} value={f.level} onChange={set('level')} empty={t('pro.choose')} />
          </Field>
          <Field label={t('reg.classification')} id="un-class" error={fe('classifications')}>
            <TermSelect id="un-class" terms={vocab.classifications} value={classification} onChange={setClassification} empty={t('pro.choose')} />
          </Field>
          <Field label={t('reg.country')} id="un-country" error={fe('country')}>
            <input id="un-country" value={f.country} onChange={(e) => set('country')(e.target.value)} />
          </Field>
        </div>
        <Dates idp="un" value={dates} onChange={setDates} fe={fe} />
        <Field label={t('pro.note')} id="un-notes" error={fe('notes')}>
          <textarea id="un-notes" rows={2} value={f.notes} onChange={(e) => set('notes')(e.target.value)} />
        </Field>
        <SensitivityField id="un-sensitivity" value={sensitivity} onChange={setSensitivity} error={error} />
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('reg.save-unit')}
        </button>
      </form>
    </>
  );
}

export function PersonForm() {
  const { t } = useI18n();
  const [f, setF] = useState({ name: '', given_names: '', family_name: '', other_names: '', birth_date: '', gender: '', nationalities: '', country: '', death_date: '', notes: '' });
  const [deceased, setDeceased] = useState('');
  const [sensitivity, setSensitivity] = useState('internal');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fe = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await post<{ id: string }>('/api/v1/registry/persons', {
        name: f.name,
        given_names: orNull(f.given_names),
        family_name: orNull(f.family_name),
        other_names: list(f.other_names),
        birth_date: orNull(f.birth_date),
        gender: orNull(f.gender),
        nationalities: list(f.nationalities),
        country: orNull(f.country),
        deceased: deceased === '' ? null : deceased === 'true',
        death_date: orNull(f.death_date),
        notes: orNull(f.notes),
        sensitivity,
      });
      navigate(`/registry/persons/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const input = (k: keyof typeof f, label: string, hint?: string) => (
    <Field label={label} id={`pe-${k}`} error={fe(k)} hint={hint}>
      <input id={`pe-${k}`} value={f[k]} onChange={(e) => set(k)(e.target.value)} aria-describedby={hint ? `pe-${k}-hint` : undefined} required={k === 'name'} />
    </Field>
  );
  return (
    <>
      <p className="crumbs">
        <Link to="/registry">{t('registry.title')}</Link>
      </p>
      <h1>{t('reg.new-person')}</h1>
      <form onSubmit={submit} className="entry" aria-label={t('reg.new-person')} noValidate>
        {input('name', t('reg.name'))}
        <div className="inline-fields">
          {input('given_names', t('reg.given-names'))}
          {input('family_name', t('reg.family-name'))}
        </div>
        {input('other_names', t('reg.other-names'), t('reg.list-hint'))}
        <div className="inline-fields">
          {input('birth_date', t('reg.birth-date'), t('reg.partial-date'))}
          {input('gender', t('reg.gender'))}
          {input('nationalities', t('reg.nationalities'), t('reg.list-hint'))}
          {input('country', t('reg.country'))}
        </div>
        <div className="inline-fields">
          <Field label={t('reg.deceased')} id="pe-deceased" error={fe('deceased')}>
            <select id="pe-deceased" value={deceased} onChange={(e) => setDeceased(e.target.value)}>
              <option value="">{t('app.unknown')}</option>
              <option value="true">{t('app.yes')}</option>
              <option value="false">{t('app.no')}</option>
            </select>
          </Field>
          {input('death_date', t('reg.death-date'))}
        </div>
        <Field label={t('pro.note')} id="pe-notes-area" error={fe('notes')}>
          <textarea id="pe-notes-area" rows={2} value={f.notes} onChange={(e) => set('notes')(e.target.value)} />
        </Field>
        <SensitivityField id="pe-sensitivity" value={sensitivity} onChange={setSensitivity} error={error} />
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('reg.save-person')}
        </button>
      </form>
    </>
  );
}

export function SourceForm() {
  const { t } = useI18n();
  const { vocab, error: vErr } = useRegistryVocabularies();
  const [f, setF] = useState({ kind: '', title: '', author: '', publisher: '', published_date: '', url: '', archive_url: '', accessed_date: '', language: '', notes: '' });
  const [sensitivity, setSensitivity] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ id: string; title: string } | null>(null);
  if (vErr) return <ErrorBox error={vErr} />;
  if (!vocab) return <Loading />;
  const fe = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body: Record<string, unknown> = { kind: f.kind, title: f.title };
      for (const k of ['author', 'publisher', 'published_date', 'url', 'archive_url', 'accessed_date', 'language', 'notes'] as const) body[k] = orNull(f[k]);
      if (sensitivity) body.sensitivity = sensitivity;
      const created = await post<{ id: string; title: string }>('/api/v1/registry/sources', body);
      setSaved({ id: created.id, title: created.title ?? f.title });
      setF({ ...f, title: '', url: '', archive_url: '', notes: '' });
    } catch (err) {
      setError(err);
    }
    setBusy(false);
  };
  const input = (k: keyof typeof f, label: string, type = 'text', hint?: string) => (
    <Field label={label} id={`so-${k}`} error={fe(k)} hint={hint}>
      <input id={`so-${k}`} type={type} value={f[k]} onChange={(e) => set(k)(e.target.value)} aria-describedby={hint ? `so-${k}-hint` : undefined} required={k === 'title'} />
    </Field>
  );
  return (
    <>
      <p className="crumbs">
        <Link to="/registry">{t('registry.title')}</Link>
      </p>
      <h1>{t('reg.new-source')}</h1>
      {saved && (
        <p className="notice" role="status" data-testid="source-saved" data-source-id={saved.id}>
          {t('reg.source-saved', { title: saved.title })}
        </p>
      )}
      <form onSubmit={submit} className="entry" aria-label={t('reg.new-source')} noValidate>
        <div className="inline-fields">
          <Field label={t('reg.source-kind')} id="so-kind" error={fe('kind')}>
            <TermSelect id="so-kind" terms={vocab.sourceKinds} value={f.kind} onChange={set('kind')} empty={t('pro.choose')} required />
          </Field>
          {input('title', t('reg.title'))}
        </div>
        <div className="inline-fields">
          {input('author', t('reg.author'))}
          {input('publisher', t('reg.publisher'))}
          {input('published_date', t('reg.published'), 'text', t('reg.partial-date'))}
          {input('language', t('reg.language'))}
        </div>
        <div className="inline-fields">
          {input('url', t('reg.url'), 'url')}
          {input('archive_url', t('reg.archive-url'), 'url')}
          {input('accessed_date', t('reg.accessed'), 'text', t('reg.partial-date'))}
        </div>
        <Field label={t('pro.note')} id="so-notes-area" error={fe('notes')}>
          <textarea id="so-notes-area" rows={2} value={f.notes} onChange={(e) => set('notes')(e.target.value)} />
        </Field>
        <Field label={t('sensitivity.label')} id="so-sensitivity" hint={t('reg.sensitivity-by-kind')}>
          <select id="so-sensitivity" value={sensitivity} onChange={(e) => setSensitivity(e.target.value)} aria-describedby="so-sensitivity-hint">
            <option value="">{t('reg.by-kind')}</option>
            {SENSITIVITY_LEVELS.map((s) => (
              <option key={s} value={s}>
                {t(`sensitivity.${s}` as any)}
              </option>
            ))}
          </select>
        </Field>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('reg.save-source')}
        </button>
      </form>
    </>
  );
}

export const registryFormRoutes: RouteDef[] = [
  { path: '/registry/new/unit', domain: 'registry', render: () => <UnitForm /> },
  { path: '/registry/new/person', domain: 'registry', render: () => <PersonForm /> },
  { path: '/registry/new/source', domain: 'registry', render: () => <SourceForm /> },
];
