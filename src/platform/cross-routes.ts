/** Routes that gather every domain's share: global search and notifications. */
import { z } from 'zod';
import { route, type RouteSpec } from './http/route.ts';
import type { DomainModule, Notification, SearchHit } from './module.ts';
import { ForbiddenError } from './errors.ts';

/** Runs every domain's search the actor may use and merges the hits by score. */
export async function searchAll(domains: DomainModule[], ctx: Parameters<NonNullable<DomainModule['search']>>[0], query: string, limit: number): Promise<SearchHit[]> {
  const parts = await Promise.all(
    domains
      .filter((d) => d.search)
      .map(async (d) => {
        try {
          return await d.search!(ctx, query, limit);
        } catch (e) {
          if (e instanceof ForbiddenError) return []; // a domain the actor may not read contributes nothing
          throw e;
        }
      }),
  );
  return parts.flat().sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, limit);
}

export async function notificationsFor(domains: DomainModule[], ctx: Parameters<NonNullable<DomainModule['notifications']>>[0]): Promise<Notification[]> {
  const parts = await Promise.all(
    domains
      .filter((d) => d.notifications)
      .map(async (d) => {
        try {
          return await d.notifications!(ctx);
        } catch (e) {
          if (e instanceof ForbiddenError) return [];
          throw e;
        }
      }),
  );
  const rank = { urgent: 0, warning: 1, info: 2 } as const;
  return parts.flat().sort((a, b) => rank[a.severity] - rank[b.severity] || b.at.localeCompare(a.at));
}

export function crossDomainRoutes(domains: DomainModule[]): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/api/v1/search',
      summary: 'Search units, persons, incidents, requests and every other domain at once (only what you may see)',
      tags: ['search'],
      query: z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).default(20) }),
      handler: async ({ ctx, query }) => ({ query: query.q, hits: await searchAll(domains, ctx, query.q, query.limit) }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/notifications',
      summary: 'What waits for you: reviews to triage, overdue measures, deadlines',
      tags: ['search'],
      handler: async ({ ctx }) => ({ notifications: await notificationsFor(domains, ctx) }),
    }),
  ];
}
