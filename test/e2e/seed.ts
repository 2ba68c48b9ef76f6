/** Registry data for the journeys, written through the real API as a human rights officer. */
import { apiAs } from './browser.ts';

type Api = Awaited<ReturnType<typeof apiAs>>;

async function ok(api: Api, method: string, path: string, body?: unknown) {
  const r = await api(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export interface RegistrySeed {
  region: { id: string; name: string };
  battalion: { id: string; name: string };
  first: { id: string; name: string };
  second: { id: string; name: string };
  restricted: { id: string; name: string };
}

/** A region over a battalion; the battalion's commander changes on 2019-06-01; a restricted unit. */
export async function seedRegistry(tag: string): Promise<RegistrySeed> {
  const api = await apiAs('hro');
  const source = await ok(api, 'POST', '/api/v1/registry/sources', { kind: 'report', title: `Panel report ${tag}`, published_date: '2020-03', url: 'https://example.org/report.pdf' });
  const cite = [{ source_id: source.id, page: '14', excerpt: 'named as commander', confidence: 'high' }];
  const region = await ok(api, 'POST', '/api/v1/registry/units', { name: `Région militaire ${tag}`, country: 'xf', classifications: ['military', 'army'], start_date: '2010', sources: cite });
  const battalion = await ok(api, 'POST', '/api/v1/registry/units', { name: `Bataillon Ouragan ${tag}`, other_names: [`BO-${tag}`], country: 'xf', classifications: ['military', 'army'], start_date: '2014-09', sources: cite });
  await ok(api, 'POST', '/api/v1/registry/relations', { unit_id: battalion.id, related_unit_id: region.id, kind: 'parent', start_date: '2014-09', end_state: 'open', sources: cite });
  const first = await ok(api, 'POST', '/api/v1/registry/persons', { name: `Albert Kanza ${tag}`, gender: 'male', sources: cite });
  const second = await ok(api, 'POST', '/api/v1/registry/persons', { name: `Bernard Lokuli ${tag}`, gender: 'male', sources: cite });
  await ok(api, 'POST', '/api/v1/registry/postings', { person_id: first.id, unit_id: battalion.id, role: 'Commander', rank: 'Colonel', start_date: '2017-03-15', end_date: '2019-05-31', end_state: 'ended', sources: cite });
  await ok(api, 'POST', '/api/v1/registry/postings', { person_id: second.id, unit_id: battalion.id, role: 'Commander', rank: 'Lieutenant-colonel', start_date: '2019-06-01', end_state: 'open', sources: cite });
  const restricted = await ok(api, 'POST', '/api/v1/registry/units', { name: `Cellule Spéciale Hibou ${tag}`, country: 'xf', sensitivity: 'restricted', start_date: '2018' });
  return {
    region: { id: region.id, name: region.name },
    battalion: { id: battalion.id, name: battalion.name },
    first: { id: first.id, name: first.name },
    second: { id: second.id, name: second.name },
    restricted: { id: restricted.id, name: restricted.name },
  };
}
