/** The protection domain's share of the global search and of the notifications. */
import { hasPermission } from '../platform/access/policy.ts';
import type { Notification, SearchHit } from '../platform/module.ts';
import type { Ctx } from '../platform/store.ts';
import { alertNotifications, searchAlerts, searchCases, searchProjects, searchThreats } from './service.ts';

export async function protectionSearch(ctx: Ctx, q: string, limit = 20): Promise<SearchHit[]> {
  const parts = await Promise.all([searchAlerts(ctx, q, limit), searchThreats(ctx, q, limit), searchCases(ctx, q, limit), searchProjects(ctx, q, limit)]);
  return parts.flat().sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, limit);
}

/** Alerts awaiting triage or response beyond the configured time, for those who work on them. */
export async function protectionNotifications(ctx: Ctx): Promise<Notification[]> {
  if (!hasPermission(ctx.actor, 'protection:write')) return [];
  return alertNotifications(ctx);
}
