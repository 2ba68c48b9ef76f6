import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { verifyAudit } from '../../src/platform/audit/audit.ts';
import { context, defineRecordType, getRecord, insertRecord, listRecords, onRecordWrite, recordRevisions, retractRecord, updateRecord } from '../../src/platform/store.ts';
import { forEachEngine } from '../helpers/engines.ts';

defineRecordType({ name: 'test-note', table: 'test_notes', domain: 'incidents', fieldSensitivity: { informant: 'restricted' }, json: ['details'] });

const NOTES = `CREATE TABLE IF NOT EXISTS test_notes (
  id uuid PRIMARY KEY, title text NOT NULL, informant text, details jsonb, tags text[] NOT NULL DEFAULT '{}',
  sensitivity text NOT NULL DEFAULT 'internal', compartments text[] NOT NULL DEFAULT '{}',
  retracted_at timestamptz, retracted_reason text, version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(), updated_by text NOT NULL)`;

const as = (roles: string[], compartments: string[] = []) => actorFor({ id: crypto.randomUUID(), username: roles.join('+'), roles, member_compartments: compartments }, DEFAULT_ROLE_POLICY);

forEachEngine('the store: one write path with revisions and audit', (db) => {
  beforeAll(async () => {
    await db().exec(NOTES);
  });

  it('records create, update and retract as revisions, and a no-op patch writes nothing', async () => {
    const hr = context(db(), as(['human-rights']));
    const n = await insertRecord(hr, 'test-note', { title: 'Roadblock at km 12', details: { items: [1, 2] }, tags: ['extortion'] });
    expect(n.version).toBe(1);
    const { changed: c1 } = await updateRecord(hr, 'test-note', n.id, { title: 'Roadblock at km 12', details: { items: [1, 2] }, tags: ['extortion'] });
    expect(c1).toBe(false);
    const { record, changed } = await updateRecord(hr, 'test-note', n.id, { title: 'Roadblock at km 14' }, { expectedVersion: 1 });
    expect(changed).toBe(true);
    expect(record.version).toBe(2);
    await expect(updateRecord(hr, 'test-note', n.id, { title: 'x' }, { expectedVersion: 1 })).rejects.toThrow(/changed by/);
    await expect(retractRecord(hr, 'test-note', n.id, '')).rejects.toThrow(/reason/);
    await retractRecord(hr, 'test-note', n.id, 'duplicate of another report');
    const revs = await recordRevisions(hr, 'test-note', n.id);
    expect(revs.map((r) => r.action)).toEqual(['create', 'update', 'retract']);
    expect(revs[1]!.changed).toEqual(['title']);
    expect((revs[1]!.before as any).title).toBe('Roadblock at km 12');
    expect((revs[2]!.after as any).retracted_reason).toBe('duplicate of another report');
    // retracted records are kept, not listed by default
    expect((await listRecords(hr, 'test-note', { where: 'r.id = $1', params: [n.id] })).length).toBe(0);
    expect((await listRecords(hr, 'test-note', { where: 'r.id = $1', params: [n.id], includeRetracted: true })).length).toBe(1);
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  it('write hooks react inside the same transaction, as the system, and roll back with the write', async () => {
    const seen: string[] = [];
    const off = onRecordWrite(['test-note'], async (tx, w) => {
      seen.push(`${w.op}:${w.after.title}:${w.by}`);
      expect(tx.actor.kind).toBe('system');
      if (w.after.title === 'boom') throw new Error('hook refused');
      if (w.op === 'create' && w.after.title === 'cause') await insertRecord(tx, 'test-note', { title: 'effect' });
    });
    try {
      const viewerLike = context(db(), as(['protection']));
      const n = await insertRecord(viewerLike, 'test-note', { title: 'cause' });
      await updateRecord(viewerLike, 'test-note', n.id, { title: 'cause' }); // no change, no hook
      await retractRecord(viewerLike, 'test-note', n.id, 'test');
      expect(seen).toEqual(['create:cause:protection', 'create:effect:system', 'retract:cause:protection']);
      expect((await listRecords(context(db(), systemActor()), 'test-note', { where: "r.title = 'effect'" })).length).toBe(1);
      await expect(insertRecord(viewerLike, 'test-note', { title: 'boom' })).rejects.toThrow(/hook refused/);
      expect((await listRecords(context(db(), systemActor()), 'test-note', { where: "r.title = 'boom'", includeRetracted: true })).length).toBe(0);
    } finally {
      off();
    }
  });

  it('a viewer cannot read, list or see the history of a restricted record, nor write', async () => {
    const hr = context(db(), as(['human-rights']));
    const viewer = context(db(), as(['viewer']));
    const secret = await insertRecord(hr, 'test-note', { title: 'Witness statement', sensitivity: 'restricted' });
    const open = await insertRecord(hr, 'test-note', { title: 'Public report', sensitivity: 'public', informant: 'Mme X' });
    expect(await getRecord(viewer, 'test-note', secret.id)).toBeNull();
    const listed = (await listRecords(viewer, 'test-note')).map((r) => r.id);
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(secret.id);
    await expect(recordRevisions(viewer, 'test-note', secret.id)).rejects.toThrow(/not found/);
    await expect(insertRecord(viewer, 'test-note', { title: 'x' })).rejects.toThrow(/permission/);
    // a field more sensitive than its record is removed, in reads and in history
    expect((await getRecord(viewer, 'test-note', open.id))!.informant).toBeUndefined();
    expect((await getRecord(hr, 'test-note', open.id))!.informant).toBe('Mme X');
    const hist = await recordRevisions(viewer, 'test-note', open.id);
    expect((hist[0]!.after as any).informant).toBeUndefined();
  });

  it('lowering a record’s sensitivity does not reveal its earlier restricted revisions', async () => {
    const hr = context(db(), as(['human-rights']));
    const viewer = context(db(), as(['viewer']));
    const n = await insertRecord(hr, 'test-note', { title: 'Names of the 4 witnesses', sensitivity: 'restricted' });
    await updateRecord(hr, 'test-note', n.id, { title: 'Summary', sensitivity: 'internal' });
    const hist = await recordRevisions(viewer, 'test-note', n.id);
    expect(hist[0]!.after).toEqual({ redacted: true });
    expect(JSON.stringify(hist)).not.toContain('witnesses');
  });

  it('compartments restrict records to their members, admins included', async () => {
    const planner = context(db(), as(['military'], ['op-kimia']));
    const hr = context(db(), as(['human-rights']));
    await expect(insertRecord(hr, 'test-note', { title: 'plan', compartments: ['op-kimia'] })).rejects.toThrow(/compartment/);
    const sys = context(db(), systemActor());
    const plan = await insertRecord(sys, 'test-note', { title: 'Concept of operations', compartments: ['op-kimia'] });
    expect(await getRecord(context(db(), as(['admin'])), 'test-note', plan.id)).toBeNull();
    expect(await getRecord(planner, 'test-note', plan.id)).not.toBeNull();
  });

  it('no one files a record above their own clearance', async () => {
    const viewerish = context(db(), as(['protection']));
    await expect(insertRecord(viewerish, 'test-note', { title: 'x', sensitivity: 'strictly-confidential' })).rejects.toThrow(/clearance/);
    await expect(insertRecord(viewerish, 'test-note', { title: 'x', sensitivity: 'secret' })).rejects.toThrow(/sensitivity/);
  });

  it('a failed write inside a transaction leaves neither the change nor an audit entry', async () => {
    const before = (await db().query('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
    const hr = context(db(), as(['human-rights']));
    await expect(
      db().transaction(async (q) => {
        const tx = { ...hr, q, inTx: true };
        await insertRecord(tx, 'test-note', { title: 'half an import' });
        throw new Error('line 7: bad date');
      }),
    ).rejects.toThrow(/line 7/);
    expect((await db().query('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n).toBe(before);
    expect((await db().query(`SELECT count(*)::int AS n FROM test_notes WHERE title = 'half an import'`)).rows[0]!.n).toBe(0);
  });
});

describe('audit trail tamper evidence', () => {
  forEachEngine('verify', (db) => {
    it('the audit trail refuses updates and deletes, and verify names a row altered behind its back', async () => {
      await db().exec(NOTES);
      const hr = context(db(), as(['human-rights']));
      for (let i = 0; i < 5; i++) await insertRecord(hr, 'test-note', { title: `allegation ${i}` });
      const ok = await verifyAudit(db());
      expect(ok.ok).toBe(true);
      await expect(db().query(`UPDATE audit_log SET actor = 'someone' WHERE seq = 2`)).rejects.toThrow(/append-only/);
      await expect(db().query('DELETE FROM audit_log WHERE seq = 2')).rejects.toThrow(/append-only/);
      // A superuser disables the guard and softens an entry: the chain shows where.
      await db().exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
        UPDATE audit_log SET after = jsonb_set(after, '{title}', '"nothing happened"') WHERE seq = 3;
        ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`);
      const bad = await verifyAudit(db());
      expect(bad.ok).toBe(false);
      expect(bad.firstBad!.seq).toBe(3);
      expect(bad.firstBad!.reason).toMatch(/content/);
    });
  });
});
