/** Shared set-up of the HRDDP API tests: users of each role, registry helpers, assertion helpers. */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/platform/db/types.ts';
import { signIn, type TestClient, testServer } from '../helpers/http.ts';

export const H = '/api/v1/hrddp';
export const R = '/api/v1/registry';

export interface Team {
  app: FastifyInstance;
  hr: TestClient;
  leader: TestClient;
  planner: TestClient;
  viewer: TestClient;
}

export async function team(db: Db, compartments: { planner?: string[]; hr?: string[]; leader?: string[] } = {}): Promise<Team> {
  const app = await testServer(db);
  return {
    app,
    hr: await signIn(app, db, 'amani', ['human-rights'], compartments.hr ?? []),
    leader: await signIn(app, db, 'srsg', ['leadership'], compartments.leader ?? []),
    planner: await signIn(app, db, 'planner', ['military'], compartments.planner ?? []),
    viewer: await signIn(app, db, 'reader', ['viewer']),
  };
}

/** The body of a successful answer, or an error naming the call. */
export function ok<T = any>(r: { status: number; body: any }, what = ''): T {
  if (r.status >= 300) throw new Error(`${what} → ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body as T;
}

export async function unit(c: TestClient, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  return ok(await c.post(`${R}/units`, { name, ...extra }), `unit ${name}`).id;
}
export async function person(c: TestClient, name: string): Promise<string> {
  return ok(await c.post(`${R}/persons`, { name }), `person ${name}`).id;
}
export async function parent(c: TestClient, child: string, parentId: string, start = '2010') {
  ok(await c.post(`${R}/relations`, { unit_id: child, related_unit_id: parentId, kind: 'parent', start_date: start }), 'relation');
}
export async function post(c: TestClient, personId: string, unitId: string, role: string, start: string, end?: string) {
  return ok(await c.post(`${R}/postings`, { person_id: personId, unit_id: unitId, role, start_date: start, ...(end ? { end_date: end, end_state: 'exact' } : {}) }), `posting ${role}`);
}

export const INPUTS = {
  'influence-of-support': { option: 'some-leverage' },
  'effect-of-withholding': { option: 'influence-lost' },
  'mitigation-potential': { option: 'partial' },
};

/** Moves a request; returns the answer (status and body). */
export function move(c: TestClient, id: string, to: string, extra: Record<string, unknown> = {}) {
  return c.post(`${H}/requests/${id}/transitions`, { to, ...extra });
}

/** Takes a request from draft to awaiting a decision with a completed assessment. */
export async function readyForDecision(t: Team, id: string, on: string) {
  ok(await move(t.planner, id, 'submitted', { date: on }), 'submit');
  ok(await t.hr.post(`${H}/requests/${id}/scope-check`), 'scope');
  ok(await move(t.hr, id, 'assessment', { date: on }), 'start assessment');
  const a = ok(await t.hr.post(`${H}/requests/${id}/assessments`, { assessed_on: on, inputs: INPUTS }), 'assess');
  ok(await t.hr.patch(`${H}/assessments/${a.id}`, { complete: true, completed_on: on }), 'complete');
  ok(await move(t.hr, id, 'awaiting-decision', { date: on }), 'submit for decision');
  return a;
}
