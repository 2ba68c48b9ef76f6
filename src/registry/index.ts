/** The registry of host-state actors as a domain module: record types, settings, messages, routes, CLI. */
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { registryCli } from './cli.ts';
import { searchActors } from './questions.ts';
import { registryRoutes } from './routes.ts';

export const registryModule: DomainModule = {
  name: 'registry',
  routes: registryRoutes,
  cli: registryCli,
  search: async (ctx, query, limit) =>
    (await searchActors(ctx, query, { limit })).map((h) => ({
      domain: 'registry',
      type: h.type,
      id: h.id,
      label: h.name,
      detail: [h.matched !== h.name ? h.matched : null, h.country].filter(Boolean).join(' · ') || undefined,
      score: h.score,
    })),
};
