/** Records a posting (a person in a unit, with role, rank and dates) from the unit's page. */
import { type FormEvent, useState } from 'react';
import { ApiError, post } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.tsx';
import { type ActorRef, RegistryPicker } from './Pickers.tsx';
import { ErrorBox, Field } from './ui.tsx';

export function PostingForm({ unitId, onDone }: { unitId: string; onDone: () => void }) {
  const { t } = useI18n();
  const [person, setPerson] = useState<ActorRef | null>(null);
  const [role, setRole] = useState('Commander');
  const [rank, setRank] = useState('');
  const [start, setStart] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fe = (f: string) => (error instanceof ApiError ? error.forField(f) : []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    if (!person) return setError(new ApiError(400, '', t('posting.person-needed'), [{ field: 'person_id', reason: t('posting.person-needed') }]));
    try {
      await post('/api/v1/registry/postings', { person_id: person.id, unit_id: unitId, role, rank: rank || null, start_date: start || null, start_exact: !!start, end_state: 'open' });
      setSaved(true);
      setPerson(null);
      setRank('');
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <details className="card">
      <summary>{t('posting.add')}</summary>
      <form onSubmit={submit} className="inline-fields" data-testid="posting-form">
        <Field label={t('type.person')} id="po-person" error={fe('person_id')}>
          <RegistryPicker id="po-person" type="person" value={person} onChange={setPerson} label={t('type.person')} />
        </Field>
        <Field label={t('person.role')} id="po-role" error={fe('role')}>
          <input id="po-role" value={role} onChange={(e) => setRole(e.target.value)} />
        </Field>
        <Field label={t('person.rank')} id="po-rank">
          <input id="po-rank" value={rank} onChange={(e) => setRank(e.target.value)} />
        </Field>
        <Field label={t('posting.start')} id="po-start" error={fe('start_date')} hint={t('inc.date-hint')}>
          <input id="po-start" value={start} onChange={(e) => setStart(e.target.value)} pattern="\d{4}(-\d{2}(-\d{2})?)?" />
        </Field>
        <button type="submit" className="primary">
          {t('posting.save')}
        </button>
      </form>
      {saved && <p role="status">{t('app.saved')}</p>}
      <ErrorBox error={error} />
    </details>
  );
}
