/**
 * The incidents domain's share of the global search and of the notifications, through the access
 * policy: an incident is found by its summary, description and place; by a named victim's name only
 * for actors who may read that (restricted) victim record; a source's identity is never searched.
 */
import { displayPartialDate } from '../platform/dates.ts';
import { hasPermission } from '../platform/access/policy.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { Notification, SearchHit } from '../platform/module.ts';
import type { Ctx } from '../platform/store.ts';
import { foldText, readable, requireIncidentsRead } from './service.ts';
import './messages.ts';

export async function searchIncidents(ctx: Ctx, query: string, limit: number): Promise<SearchHit[]> {
  requireIncidentsRead(ctx);
  const k = foldText(query);
  if (!k) return [];
  const words = k.split(' ').filter(Boolean);
  const lim = Math.min(Math.max(limit, 1), 200);
  const params: unknown[] = [words.map((w) => `%${w}%`)];
  const byText = (
    await ctx.q.query<any>(
      `SELECT r.id, r.summary, r.date, r.location, r.admin1, r.search_text FROM incidents r
        WHERE r.retracted_at IS NULL AND r.search_text LIKE ALL($1::text[]) AND ${readable(ctx, 'r', params)}
        ORDER BY r.date_start DESC, r.id LIMIT ${lim}`,
      params,
    )
  ).rows;
  const vparams: unknown[] = [words.map((w) => `%${w}%`)];
  const byVictim = (
    await ctx.q.query<any>(
      `SELECT r.id, r.summary, r.date, r.location, r.admin1, v.name AS victim FROM incident_victims v JOIN incidents r ON r.id = v.incident_id
        WHERE v.retracted_at IS NULL AND r.retracted_at IS NULL
          AND lower(translate(v.name, 'ÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÇàáâäèéêëìíîïòóôöùúûüç', 'AAAAEEEEIIIIOOOOUUUUCaaaaeeeeiiiioooouuuuc')) LIKE ALL($1::text[])
          AND ${readable(ctx, 'v', vparams)} AND ${readable(ctx, 'r', vparams)}
        ORDER BY r.date_start DESC, r.id LIMIT ${lim}`,
      vparams,
    )
  ).rows;
  const hits = new Map<string, SearchHit>();
  const detail = (r: any) => [displayPartialDate(r.date, ctx.actor.language), r.location ?? r.admin1].filter(Boolean).join(' · ');
  for (const r of byText) {
    const whole = (' ' + r.search_text + ' ').includes(` ${k} `);
    hits.set(r.id, { domain: 'incidents', type: 'incident', id: r.id, label: r.summary, detail: detail(r), score: whole ? 0.8 : 0.6 });
  }
  for (const r of byVictim) if (!hits.has(r.id)) hits.set(r.id, { domain: 'incidents', type: 'incident', id: r.id, label: r.summary, detail: [detail(r), r.victim].join(' · '), score: 0.7 });
  return [...hits.values()].sort((a, b) => b.score - a.score).slice(0, lim);
}

/** For those who verify incidents: possible grave violations still only reported. */
export async function incidentNotifications(ctx: Ctx): Promise<Notification[]> {
  if (!hasPermission(ctx.actor, 'incidents:write')) return [];
  const params: unknown[] = [];
  const rows = (
    await ctx.q.query<any>(
      `SELECT r.id, r.summary, r.created_at FROM incidents r
        WHERE r.retracted_at IS NULL AND r.grave AND r.verification_status = 'reported' AND ${readable(ctx, 'r', params)}
        ORDER BY r.created_at DESC, r.id LIMIT 50`,
      params,
    )
  ).rows;
  return rows.map((r) => ({
    domain: 'incidents',
    kind: 'incidents.grave-unverified',
    type: 'incident',
    id: r.id,
    title: t(ctx.actor.language, 'incidents:notify.grave-unverified', { summary: r.summary }),
    at: new Date(r.created_at).toISOString(),
    severity: 'warning' as const,
  }));
}
