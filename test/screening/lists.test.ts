import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY } from '../../src/platform/access/policy.ts';
import { type Ctx, context, recordRevisions } from '../../src/platform/store.ts';
import '../../src/domains.ts';
import { screeningModule } from '../../src/screening/index.ts';
import { importFtm, importUnList } from '../../src/screening/imports.ts';
import { adjudicate, getScreening, listEntries, listReviews, screenPerson, screenRoster } from '../../src/screening/service.ts';
import { forEachEngine } from '../helpers/engines.ts';

const fixture = (f: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screening/${f}`, import.meta.url)));
const as = (roles: string[], name = roles.join('+')) => actorFor({ id: crypto.randomUUID(), username: name, roles }, DEFAULT_ROLE_POLICY);

const ROSTER = 'name,birth_date,rank,unit\n"BADEGE, Eric",1971,Colonel,8e Région\nInnocent Zimurinda,16/09/1972,Lieutenant-colonel,81e Brigade\nPaul Zongo,,Capitaine,81e Brigade\n';

forEachEngine('screening lists: re-import with listings and delistings, re-run and reviews, adjudication', (db) => {
  let hr: Ctx;
  let mil: Ctx;
  let screeningId: string;
  const entry = async (ref: string) => (await db().query(`SELECT * FROM screening_entries WHERE list_code = 'un' AND external_id = $1`, [ref])).rows[0] as any;

  beforeAll(async () => {
    hr = context(db(), as(['human-rights'], 'hro'));
    mil = context(db(), as(['military'], 'planner'));
  });

  it('a file with errors commits nothing unless partial', async () => {
    await expect(importUnList(hr, fixture('un-sample.xml'))).rejects.toMatchObject({ status: 400, problems: [expect.objectContaining({ field: expect.stringMatching(/^line \d+/) })] });
    expect((await db().query(`SELECT count(*)::int AS n FROM screening_entries`)).rows[0]).toEqual({ n: 0 });
    const r = await importUnList(hr, fixture('un-sample.xml'), { partial: true, fileName: 'un-sample.xml' });
    expect(r).toMatchObject({ individuals: 4, entities: 2, created: 6, version: 1 });
    await expect(importUnList(mil, fixture('un-sample.xml'), { partial: true })).rejects.toMatchObject({ status: 403 });
  });

  it('a roster screened before the list changes', async () => {
    const r = await screenRoster(hr, { csv: ROSTER, file_name: 'roster.csv', lists: ['un'] });
    screeningId = r.screening.id;
    const rows = r.screening.rows;
    expect(rows.map((x) => x.name)).toEqual(['BADEGE, Eric', 'Innocent Zimurinda', 'Paul Zongo']);
    expect(rows[0]!.matches.map((m) => m.id)).toEqual([(await entry('6907993')).id]);
    expect(rows[1]!.matches).toEqual([]);
    expect(r.screening.sensitivity).toBe('restricted');
  });

  it('an updated file records listings, changes and delistings as revisions, and re-runs earlier screenings', async () => {
    const makengaBefore = await entry('6908019');
    const r = await importUnList(hr, fixture('un-sample-updated.xml'), { fileName: 'un-sample-updated.xml' });
    expect(r).toMatchObject({ created: 1, updated: 1, delisted: 1, relisted: 0, unchanged: 4, version: 2 });
    expect(r.rerun).toEqual({ screenings: 1, hits: 1, reviews: 1 });
    const badege = await entry('6907993');
    expect(badege).toMatchObject({ status: 'delisted', delisted_by: 'hro' });
    expect(badege.delisting_reason).toContain('2026-01-15');
    expect((await recordRevisions(hr, 'screening-entry', badege.id)).map((x) => x.action)).toEqual(['list', 'delist']);
    const makenga = await entry('6908019');
    expect(makenga.version).toBe(makengaBefore.version + 1);
    expect((await recordRevisions(hr, 'screening-entry', makenga.id)).at(-1)!.changed).toEqual(['details']);
    expect((await entry('6999001')).status).toBe('listed');
    // the delisted entry no longer matches; the new one does, and a review waits for the human rights officer
    const v = await getScreening(hr, screeningId);
    expect(v.rows[0]!.matches).toEqual([]);
    expect(v.rows[1]!.matches.map((m) => m.id)).toEqual([(await entry('6999001')).id]);
    expect(v.run_count).toBe(2);
    const [review] = await listReviews(hr, { status: 'open' });
    expect(review).toMatchObject({ cause: 'list-change', screening_id: screeningId, row_no: 2, entry_id: (await entry('6999001')).id, list_version: 2 });
    const notes = await screeningModule.notifications!(hr);
    expect(notes.map((n) => n.id)).toContain(review!.id);
    expect(await screeningModule.notifications!(mil)).toEqual([]);
    // the same file again: nothing changes, nothing is re-run
    expect(await importUnList(hr, fixture('un-sample-updated.xml'))).toMatchObject({ created: 0, updated: 0, delisted: 0, version: 2, rerun: { screenings: 0 } });
  });

  it('adjudication closes the review, is audited, and is remembered for the same person', async () => {
    const z = (await entry('6999001')).id;
    await expect(adjudicate(mil, screeningId, { row: 2, list: 'un', entry_id: z, decision: 'false-positive' })).rejects.toMatchObject({ status: 403 });
    const a = await adjudicate(hr, screeningId, { row: 2, list: 'un', entry_id: z, decision: 'true-match', note: 'Same birth date, same unit' });
    expect(a).toMatchObject({ decision: 'true-match', decided_by: 'hro', reviews_closed: 1 });
    expect(await listReviews(hr, { status: 'open' })).toEqual([]);
    expect(await screeningModule.notifications!(hr)).toEqual([]);
    const audit = (await db().query(`SELECT actor, action FROM audit_log WHERE record_type = 'screening-adjudication' AND record_id = $1`, [a.id])).rows;
    expect(audit).toEqual([{ actor: 'hro', action: 'adjudicate' }]);
    expect((await getScreening(hr, screeningId)).rows[1]!.matches[0]!.adjudication).toMatchObject({ decision: 'true-match', decided_by: 'hro' });
    // the same person in another roster, written another way, and screened alone
    const other = await screenRoster(hr, { csv: 'nom;date_naissance\nZIMURINDA Innocent;1972-09-16\n', lists: ['un'] });
    expect(other.screening.rows[0]!.matches[0]!.adjudication?.decision).toBe('true-match');
    expect((await screenPerson(hr, { name: 'Innocent Zimurinda', birth_date: '1972-09-16' }, { lists: ['un'] }))[0]!.adjudication).toBe('true-match');
    // a different birth date is another person: no standing decision
    expect((await screenPerson(hr, { name: 'Innocent Zimurinda', birth_date: '1990' }, { lists: ['un'] }))[0]?.adjudication ?? null).toBeNull();
    // changing the decision is a revision
    await adjudicate(hr, screeningId, { row: 2, list: 'un', entry_id: z, decision: 'needs-review' });
    expect((await recordRevisions(hr, 'screening-adjudication', a.id)).map((r) => r.after && (r.after as any).decision)).toEqual(['true-match', 'needs-review']);
    expect((await screeningModule.notifications!(hr)).map((n) => [n.kind, n.id])).toEqual([['screening.needs-review', a.id]]);
  });

  it('the same roster again re-runs the stored screening', async () => {
    const again = await screenRoster(hr, { csv: ROSTER, file_name: 'roster.csv', lists: ['un'] });
    expect(again.rerun).toBe(true);
    expect(again.screening.id).toBe(screeningId);
    expect(again.screening.run_count).toBe(3);
  });

  it('imports FollowTheMoney lines as a list of its own', async () => {
    const r = await importFtm(hr, fixture('sample.ftm.jsonl'), { list: 'ofac', fileName: 'sample.ftm.jsonl' });
    expect(r).toMatchObject({ list: 'ofac', individuals: 1, entities: 1, created: 2 });
    const [katanga] = await listEntries(hr, { list: 'ofac', q: 'Katanga' });
    expect(katanga!.names.map((n) => [n.name, n.quality])).toEqual([['Germain Katanga', 'primary'], ['Simba', 'good'], ['GK', 'low']]);
    expect((await screenPerson(hr, { name: 'KATANGA Germain' }, { lists: ['ofac'] }))[0]!.entry_id).toBe(katanga!.id);
    await expect(importFtm(hr, fixture('sample.ftm.jsonl'), { list: 'un' })).rejects.toMatchObject({ status: 400 });
    await expect(screenPerson(hr, { name: 'X' }, { lists: ['nope'] })).rejects.toMatchObject({ status: 400, problems: [{ field: 'lists' }] });
  });
});
