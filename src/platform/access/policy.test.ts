import { describe, expect, it } from 'vitest';
import { actorFor, canRead, canWrite, DEFAULT_ROLE_POLICY, hasPermission, readFilterSql, redactFields, rolePolicySchema, systemActor } from './policy.ts';

const user = (roles: string[], comps: string[] = []) => actorFor({ id: 'u', username: 'u', roles, member_compartments: comps }, DEFAULT_ROLE_POLICY);

describe('access policy', () => {
  it('the default policy is valid and covers every mission role', () => {
    expect(rolePolicySchema.parse(DEFAULT_ROLE_POLICY)).toBeTruthy();
    for (const r of ['admin', 'human-rights', 'protection', 'military', 'police', 'political', 'leadership', 'rule-of-law', 'viewer']) {
      expect(DEFAULT_ROLE_POLICY.roles[r]).toBeDefined();
    }
  });
  it('a viewer cannot read restricted or strictly confidential records', () => {
    const v = user(['viewer']);
    expect(canRead(v, { sensitivity: 'internal' })).toBe(true);
    expect(canRead(v, { sensitivity: 'restricted' })).toBe(false);
    expect(canRead(v, { sensitivity: 'strictly-confidential' })).toBe(false);
  });
  it('clearance is the highest of the roles, permissions their union', () => {
    const a = user(['viewer', 'protection']);
    expect(a.clearance).toBe('restricted');
    expect(hasPermission(a, 'protection:write')).toBe(true);
    expect(hasPermission(a, 'hrddp:decide')).toBe(false);
  });
  it('compartments require membership of every compartment on the record, even for admins', () => {
    const admin = user(['admin']);
    const planner = user(['military'], ['op-kimia']);
    const plan = { sensitivity: 'internal', compartments: ['op-kimia'] };
    expect(canRead(admin, plan)).toBe(false);
    expect(canRead(planner, plan)).toBe(true);
    expect(canRead(planner, { sensitivity: 'internal', compartments: ['op-kimia', 'op-other'] })).toBe(false);
  });
  it('unknown sensitivity levels are treated as above every clearance', () => {
    expect(canRead(user(['admin']), { sensitivity: 'cosmic' })).toBe(false);
  });
  it('writing needs the permission and read access to the record', () => {
    const hr = user(['human-rights']);
    expect(canWrite(hr, { sensitivity: 'restricted' }, 'incidents:write')).toBe(true);
    expect(canWrite(user(['viewer']), { sensitivity: 'internal' }, 'incidents:write')).toBe(false);
  });
  it('the SQL filter lists the same levels as canRead', () => {
    const f = readFilterSql(user(['viewer']), 'i', 2);
    expect(f.sql).toContain('$3');
    expect(f.params[0]).toEqual(['public', 'internal']);
    expect(readFilterSql(systemActor(), 'i', 0).sql).toBe('TRUE');
  });
  it('redacts fields above the clearance', () => {
    const row = { id: 1, caller: 'name', place: 'x' };
    expect(redactFields(user(['viewer']), row, { caller: 'restricted' })).toEqual({ id: 1, place: 'x' });
    expect(redactFields(user(['protection']), row, { caller: 'restricted' })).toEqual(row);
  });
});
