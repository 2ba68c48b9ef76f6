/** Name screening as a domain module: record types, settings, messages, routes, CLI, search and notifications. */
import { hasPermission } from '../platform/access/policy.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { screeningCli } from './cli.ts';
import { screeningRoutes } from './routes.ts';
import { listEntries, listReviews, pendingDecisions } from './service.ts';

export const screeningModule: DomainModule = {
  name: 'screening',
  routes: screeningRoutes,
  cli: screeningCli,
  search: async (ctx, query, limit) => {
    if (!hasPermission(ctx.actor, 'screening:read')) return [];
    const q = query.trim();
    const lower = q.toLowerCase();
    return (await listEntries(ctx, { q, limit })).map((e) => ({
      domain: 'screening',
      type: 'screening-entry',
      id: e.id,
      label: e.name,
      detail: [e.list_code, e.reference, t(ctx.actor.language, `screening:status.${e.status}`)].filter(Boolean).join(' · '),
      score: e.name.toLowerCase() === lower ? 1 : e.name.toLowerCase().includes(lower) ? 0.8 : 0.6,
    }));
  },
  notifications: async (ctx) => {
    if (!hasPermission(ctx.actor, 'screening:adjudicate')) return [];
    const lang = ctx.actor.language;
    const pending = (await pendingDecisions(ctx)).map((a) => ({
      domain: 'screening',
      kind: 'screening.needs-review',
      type: 'screening-adjudication',
      id: a.id as string,
      title: t(lang, 'screening:notification.needs-review', { name: a.roster_name, entry: a.entry_name ?? a.entry_id, list: a.list_code }),
      at: new Date(a.decided_at).toISOString(),
      severity: 'info' as const,
    }));
    const reviews = (await listReviews(ctx, { status: 'open', limit: 200 })).map((r) => ({
      domain: 'screening',
      kind: `screening.review.${r.cause}`,
      type: 'screening-review',
      id: r.id,
      title: t(lang, 'screening:notification.review', { name: r.roster_name, entry: r.entry_name, list: r.list_code, score: Number(r.score).toFixed(2), cause: t(lang, `screening:cause.${r.cause}`) }),
      at: new Date(r.created_at).toISOString(),
      severity: (r.cause === 'withheld' || Number(r.score) >= 0.95 ? 'urgent' : 'warning') as 'urgent' | 'warning',
    }));
    return [...reviews, ...pending];
  },
};
