/**
 * Host-state relations: entry forms for a restriction (type, date, duration, place, actor from the
 * registry, what it prevented, SOFA violation, reporting) and for an engagement with the commitments
 * made in it, and the change of a commitment's status. Vocabularies come from the relations API.
 */
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../lib/api.ts';
import { todayIso, useI18n } from '../lib/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/useApi.ts';
import { type ActorRef, RegistryPicker, type Term, TermSelect } from '../components/Pickers.tsx';
import { ErrorBox, Field, Loading } from '../components/ui.tsx';
import { SensitivityField } from './protection.tsx';
import type { RouteDef } from '../routes.tsx';

/** The relations API (src/relations/routes.ts). */
export const REL = {
  vocabularies: '/api/v1/relations/vocabularies',
  restrictions: '/api/v1/relations/restrictions',
  engagements: '/api/v1/relations/engagements',
  commitmentStatus: (id: string) => `/api/v1/relations/commitments/${encodeURIComponent(id)}/status`,
};

interface RelationsConfig {
  restrictionTypes: (Term & { severity: number; sofaViolation: boolean })[];
  restrictionScopes?: Term[];
  preventedActivities: Term[];
  engagementTiers: Term[];
  engagementScopes: Term[];
  engagementTopics: Term[];
  engagementTones: Term[];
  engagementOutcomes: Term[];
  commitmentStatuses: (Term & { state: 'open' | 'closed' })[];
}

export function useRelationsConfig() {
  const s = useApi<RelationsConfig>(REL.vocabularies);
  return { cfg: s.data, error: s.error };
}

const fieldErrors = (error: unknown) => (f: string) => (error instanceof ApiError ? error.forField(f) : []);
const actorBody = (a: ActorRef | null) => ({ actor_unit: a?.type === 'unit' ? a.id : null, actor_person: a?.type === 'person' ? a.id : null });
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

function Checkboxes({ id, legend, terms, value, onChange, error }: { id: string; legend: string; terms: Term[]; value: string[]; onChange: (v: string[]) => void; error?: string[] }) {
  const i18n = useI18n();
  return (
    <fieldset className={`repeat${error?.length ? ' invalid' : ''}`} id={id}>
      <legend>{legend}</legend>
      <div className="inline-fields">
        {terms.map((term) => (
          <label key={term.code} className="check">
            <input type="checkbox" checked={value.includes(term.code)} onChange={(e) => onChange(e.target.checked ? [...value, term.code] : value.filter((c) => c !== term.code))} /> {i18n.label(term.labels ?? term.label) || term.code}
          </label>
        ))}
      </div>
      {error?.map((e, i) => (
        <small key={i} className="field-error" role="alert">
          {e}
        </small>
      ))}
    </fieldset>
  );
}

export function RestrictionForm() {
  const { t } = useI18n();
  const { cfg, error: cfgError } = useRelationsConfig();
  const [f, setF] = useState({ type: '', occurred_on: todayIso(), end_date: '', duration_days: '', place: '', area: '', actor_description: '', description: '', sofa_violation: '', reported_to_hq_on: '', reported_to_council_on: '', affected_staff: '' });
  const [ongoing, setOngoing] = useState(false);
  const [prevented, setPrevented] = useState<string[]>([]);
  const [actor, setActor] = useState<ActorRef | null>(null);
  const [sensitivity, setSensitivity] = useState('internal');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (cfgError) return <ErrorBox error={cfgError} />;
  if (!cfg) return <Loading />;
  const fe = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const typeDefault = cfg.restrictionTypes.find((x) => x.code === f.type);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        type: f.type,
        occurred_on: f.occurred_on,
        end_date: orNull(f.end_date),
        duration_days: f.duration_days.trim() === '' ? null : Number(f.duration_days),
        ongoing,
        place: orNull(f.place),
        area: orNull(f.area),
        ...actorBody(actor),
        actor_description: orNull(f.actor_description),
        prevented,
        sofa_violation: f.sofa_violation === '' ? null : f.sofa_violation === 'true',
        description: orNull(f.description),
        affected_staff: orNull(f.affected_staff),
        reported_to_hq_on: orNull(f.reported_to_hq_on),
        reported_to_council_on: orNull(f.reported_to_council_on),
        sensitivity,
      };
      const created = await post<{ id: string }>(REL.restrictions, body);
      navigate(`/relations/restrictions/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <>
      <p className="crumbs">
        <Link to="/relations?kind=restrictions">{t('rel.restrictions')}</Link>
      </p>
      <h1>{t('rel.new-restriction')}</h1>
      <form onSubmit={submit} className="entry" aria-label={t('rel.new-restriction')} noValidate>
        <div className="inline-fields">
          <Field label={t('rel.restriction-type')} id="rs-type" error={fe('type')}>
            <TermSelect id="rs-type" terms={cfg.restrictionTypes} value={f.type} onChange={set('type')} empty={t('pro.choose')} required />
          </Field>
          <Field label={t('rel.occurred-on')} id="rs-date" error={fe('occurred_on')}>
            <input id="rs-date" type="date" value={f.occurred_on} onChange={(e) => set('occurred_on')(e.target.value)} required />
          </Field>
          <Field label={t('rel.end-date')} id="rs-end" error={fe('end_date')}>
            <input id="rs-end" type="date" value={f.end_date} onChange={(e) => set('end_date')(e.target.value)} />
          </Field>
          <Field label={t('rel.duration-days')} id="rs-duration" error={fe('duration_days')}>
            <input id="rs-duration" type="number" min={0} step="any" value={f.duration_days} onChange={(e) => set('duration_days')(e.target.value)} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={ongoing} onChange={(e) => setOngoing(e.target.checked)} /> {t('rel.ongoing')}
          </label>
        </div>
        <Field label={t('rel.description')} id="rs-description" error={fe('description')}>
          <textarea id="rs-description" rows={3} value={f.description} onChange={(e) => set('description')(e.target.value)} />
        </Field>
        <div className="inline-fields">
          <Field label={t('pro.place')} id="rs-place" error={fe('place')}>
            <input id="rs-place" value={f.place} onChange={(e) => set('place')(e.target.value)} />
          </Field>
          <Field label={t('pro.area-code')} id="rs-area" error={fe('area')}>
            <input id="rs-area" value={f.area} onChange={(e) => set('area')(e.target.value)} />
          </Field>
        </div>
        <fieldset className="repeat">
          <legend>{t('rel.actor')}</legend>
          <div className="inline-fields">
            <Field label={t('pro.suspected-registry')} id="rs-actor" error={[...fe('actor_unit'), ...fe('actor_person')]}>
              <RegistryPicker id="rs-actor" value={actor} onChange={setActor} label={t('rel.actor')} />
            </Field>
            <Field label={t('rel.actor-description')} id="rs-actor-text" error={fe('actor_description')}>
              <input id="rs-actor-text" value={f.actor_description} onChange={(e) => set('actor_description')(e.target.value)} />
            </Field>
          </div>
        </fieldset>
        <Checkboxes id="rs-prevented" legend={t('rel.prevented')} terms={cfg.preventedActivities} value={prevented} onChange={setPrevented} error={fe('prevented')} />
        <div className="inline-fields">
          <Field label={t('rel.sofa')} id="rs-sofa" error={fe('sofa_violation')}>
            <select id="rs-sofa" value={f.sofa_violation} onChange={(e) => set('sofa_violation')(e.target.value)}>
              <option value="">{typeDefault ? t('rel.sofa-default', { value: typeDefault.sofaViolation ? t('app.yes') : t('app.no') }) : t('rel.sofa-by-type')}</option>
              <option value="true">{t('app.yes')}</option>
              <option value="false">{t('app.no')}</option>
            </select>
          </Field>
          <Field label={t('rel.reported-hq')} id="rs-hq" error={fe('reported_to_hq_on')}>
            <input id="rs-hq" type="date" value={f.reported_to_hq_on} onChange={(e) => set('reported_to_hq_on')(e.target.value)} />
          </Field>
          <Field label={t('rel.reported-council')} id="rs-council" error={fe('reported_to_council_on')}>
            <input id="rs-council" type="date" value={f.reported_to_council_on} onChange={(e) => set('reported_to_council_on')(e.target.value)} />
          </Field>
        </div>
        <Field label={t('rel.affected-staff')} id="rs-staff" error={fe('affected_staff')}>
          <input id="rs-staff" value={f.affected_staff} onChange={(e) => set('affected_staff')(e.target.value)} />
        </Field>
        <SensitivityField id="rs-sensitivity" value={sensitivity} onChange={setSensitivity} error={error} />
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('rel.save-restriction')}
        </button>
      </form>
    </>
  );
}

interface CommitmentDraft {
  summary: string;
  made_by: string;
  due_on: string;
  notes: string;
  /** Who made it when not the engagement's counterpart. */
  actor: ActorRef | null;
}
const emptyCommitment = (): CommitmentDraft => ({ summary: '', made_by: '', due_on: '', notes: '', actor: null });

export function EngagementForm() {
  const { t } = useI18n();
  const { cfg, error: cfgError } = useRelationsConfig();
  const [f, setF] = useState({ occurred_on: todayIso(), summary: '', place: '', area: '', tier: '', scope: '', tone: '', outcome: '', notes: '' });
  const [topics, setTopics] = useState<string[]>([]);
  const [actor, setActor] = useState<ActorRef | null>(null);
  const [mission, setMission] = useState<{ name: string; role: string }[]>([{ name: '', role: '' }]);
  const [counterparts, setCounterparts] = useState<{ name: string; role: string }[]>([{ name: '', role: '' }]);
  const [commitments, setCommitments] = useState<CommitmentDraft[]>([]);
  const [sensitivity, setSensitivity] = useState('internal');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (cfgError) return <ErrorBox error={cfgError} />;
  if (!cfg) return <Loading />;
  const fe = fieldErrors(error);
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        occurred_on: f.occurred_on,
        summary: f.summary,
        place: orNull(f.place),
        area: orNull(f.area),
        tier: orNull(f.tier),
        scope: orNull(f.scope),
        tone: orNull(f.tone),
        outcome: orNull(f.outcome),
        notes: orNull(f.notes),
        topics,
        ...actorBody(actor),
        mission_participants: mission.filter((p) => p.name.trim()).map((p) => ({ name: p.name.trim(), role: orNull(p.role) })),
        counterpart_participants: counterparts.filter((p) => p.name.trim() || p.role.trim()).map((p) => ({ name: orNull(p.name), role: orNull(p.role) })),
        commitments: commitments.map((c) => ({ summary: c.summary, made_by: orNull(c.made_by), due_on: orNull(c.due_on), notes: orNull(c.notes), ...(c.actor ? actorBody(c.actor) : {}) })),
        sensitivity,
      };
      const created = await post<{ id: string }>(REL.engagements, body);
      navigate(`/relations/engagements/${created.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const people = (idp: string, legend: string, list: { name: string; role: string }[], setList: (v: { name: string; role: string }[]) => void, field: string) => (
    <fieldset className="repeat">
      <legend>{legend}</legend>
      {list.map((p, i) => (
        <div className="inline-fields" key={i}>
          <Field label={t('rel.participant-name', { n: i + 1 })} id={`${idp}-${i}-name`} error={fe(`${field}.${i}.name`)}>
            <input id={`${idp}-${i}-name`} value={p.name} onChange={(e) => setList(list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
          </Field>
          <Field label={t('rel.participant-role', { n: i + 1 })} id={`${idp}-${i}-role`} error={fe(`${field}.${i}.role`)}>
            <input id={`${idp}-${i}-role`} value={p.role} onChange={(e) => setList(list.map((x, j) => (j === i ? { ...x, role: e.target.value } : x)))} />
          </Field>
        </div>
      ))}
      <button type="button" onClick={() => setList([...list, { name: '', role: '' }])}>
        {t('rel.add-participant')}
      </button>
    </fieldset>
  );
  return (
    <>
      <p className="crumbs">
        <Link to="/relations?kind=engagements">{t('rel.engagements')}</Link>
      </p>
      <h1>{t('rel.new-engagement')}</h1>
      <form onSubmit={submit} className="entry" aria-label={t('rel.new-engagement')} noValidate>
        <div className="inline-fields">
          <Field label={t('rel.held-on')} id="en-date" error={fe('occurred_on')}>
            <input id="en-date" type="date" value={f.occurred_on} onChange={(e) => set('occurred_on')(e.target.value)} required />
          </Field>
          <Field label={t('pro.place')} id="en-place" error={fe('place')}>
            <input id="en-place" value={f.place} onChange={(e) => set('place')(e.target.value)} />
          </Field>
          <Field label={t('pro.area-code')} id="en-area" error={fe('area')}>
            <input id="en-area" value={f.area} onChange={(e) => set('area')(e.target.value)} />
          </Field>
        </div>
        <Field label={t('rel.engagement-summary')} id="en-summary" error={fe('summary')}>
          <textarea id="en-summary" rows={3} value={f.summary} onChange={(e) => set('summary')(e.target.value)} required />
        </Field>
        <div className="inline-fields">
          <Field label={t('rel.tier')} id="en-tier" error={fe('tier')}>
            <TermSelect id="en-tier" terms={cfg.engagementTiers} value={f.tier} onChange={set('tier')} empty={t('pro.choose')} />
          </Field>
          <Field label={t('rel.scope')} id="en-scope" error={fe('scope')}>
            <TermSelect id="en-scope" terms={cfg.engagementScopes} value={f.scope} onChange={set('scope')} empty={t('pro.choose')} />
          </Field>
          <Field label={t('rel.tone')} id="en-tone" error={fe('tone')}>
            <TermSelect id="en-tone" terms={cfg.engagementTones} value={f.tone} onChange={set('tone')} empty={t('pro.choose')} />
          </Field>
          <Field label={t('rel.outcome')} id="en-outcome" error={fe('outcome')}>
            <TermSelect id="en-outcome" terms={cfg.engagementOutcomes} value={f.outcome} onChange={set('outcome')} empty={t('pro.choose')} />
          </Field>
        </div>
        <Field label={t('rel.counterpart')} id="en-actor" error={[...fe('actor_unit'), ...fe('actor_person')]}>
          <RegistryPicker id="en-actor" value={actor} onChange={setActor} label={t('rel.counterpart')} />
        </Field>
        <Checkboxes id="en-topics" legend={t('rel.topics')} terms={cfg.engagementTopics} value={topics} onChange={setTopics} error={fe('topics')} />
        {people('en-mission', t('rel.mission-participants'), mission, setMission, 'mission_participants')}
        {people('en-counterpart', t('rel.counterpart-participants'), counterparts, setCounterparts, 'counterpart_participants')}
        <fieldset className="repeat" data-testid="commitment-fields">
          <legend>{t('rel.commitments')}</legend>
          {commitments.map((c, i) => {
            const upd = (k: Exclude<keyof CommitmentDraft, 'actor'>) => (v: string) => setCommitments(commitments.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
            return (
              <div className="inline-fields" key={i}>
                <Field label={t('rel.commitment-summary', { n: i + 1 })} id={`en-c-${i}-summary`} error={fe(`commitments.${i}.summary`)}>
                  <input id={`en-c-${i}-summary`} value={c.summary} onChange={(e) => upd('summary')(e.target.value)} required />
                </Field>
                <Field label={t('rel.commitment-actor', { n: i + 1 })} id={`en-c-${i}-actor`} error={[...fe(`commitments.${i}.actor_unit`), ...fe(`commitments.${i}.actor_person`)]} hint={t('rel.commitment-actor-hint')}>
                  <RegistryPicker id={`en-c-${i}-actor`} value={c.actor} onChange={(actor) => setCommitments(commitments.map((x, j) => (j === i ? { ...x, actor } : x)))} label={t('rel.commitment-actor', { n: i + 1 })} />
                </Field>
                <Field label={t('rel.made-by')} id={`en-c-${i}-by`} error={fe(`commitments.${i}.made_by`)}>
                  <input id={`en-c-${i}-by`} value={c.made_by} onChange={(e) => upd('made_by')(e.target.value)} />
                </Field>
                <Field label={t('rel.due-on')} id={`en-c-${i}-due`} error={fe(`commitments.${i}.due_on`)}>
                  <input id={`en-c-${i}-due`} type="date" value={c.due_on} onChange={(e) => upd('due_on')(e.target.value)} />
                </Field>
                <Field label={t('pro.note')} id={`en-c-${i}-notes`} error={fe(`commitments.${i}.notes`)}>
                  <input id={`en-c-${i}-notes`} value={c.notes} onChange={(e) => upd('notes')(e.target.value)} />
                </Field>
                <button type="button" onClick={() => setCommitments(commitments.filter((_, j) => j !== i))}>
                  {t('rel.remove-commitment', { n: i + 1 })}
                </button>
              </div>
            );
          })}
          <button type="button" onClick={() => setCommitments([...commitments, emptyCommitment()])}>
            {t('rel.add-commitment')}
          </button>
        </fieldset>
        <Field label={t('pro.note')} id="en-notes" error={fe('notes')}>
          <input id="en-notes" value={f.notes} onChange={(e) => set('notes')(e.target.value)} />
        </Field>
        <SensitivityField id="en-sensitivity" value={sensitivity} onChange={setSensitivity} error={error} />
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('rel.save-engagement')}
        </button>
      </form>
    </>
  );
}

/** The status change of a commitment (kept, partly kept, broken…), dated, on the commitment's page. */
export function CommitmentStatus({ id, current, onDone }: { id: string; current: string; onDone: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const { cfg } = useRelationsConfig();
  const [status, setStatus] = useState(current);
  const [date, setDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!session.can('relations:write') || !cfg) return null;
  const fe = fieldErrors(error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await post(REL.commitmentStatus(id), { status, date, note: orNull(note) });
      setNote('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" aria-labelledby="cm-status">
      <h2 id="cm-status">{t('rel.change-status')}</h2>
      <form onSubmit={submit} className="inline-fields" aria-label={t('rel.change-status')}>
        <Field label={t('rel.status')} id="cm-status-code" error={fe('status')}>
          <TermSelect id="cm-status-code" terms={cfg.commitmentStatuses} value={status} onChange={setStatus} />
        </Field>
        <Field label={t('rel.status-date')} id="cm-status-date" error={fe('date')}>
          <input id="cm-status-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </Field>
        <Field label={t('pro.note')} id="cm-status-note" error={fe('note')}>
          <input id="cm-status-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <button type="submit" disabled={status === current}>
          {t('rel.change-status')}
        </button>
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

export const relationsRoutes: RouteDef[] = [
  { path: '/relations/restrictions/new', domain: 'relations', render: () => <RestrictionForm /> },
  { path: '/relations/engagements/new', domain: 'relations', render: () => <EngagementForm /> },
];
