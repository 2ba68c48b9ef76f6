/** Search and notifications of due diligence, through the access policy. */
import { hasPermission } from '../platform/access/policy.ts';
import { displayPartialDate } from '../platform/dates.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { Notification, SearchHit } from '../platform/module.ts';
import { type Ctx, listRecords } from '../platform/store.ts';
import { foldText } from '../registry/names.ts';
import { overdueMeasuresAsOf } from './actions.ts';
import { dayOf, hrddpConfig, monitoringSettings, type RequestRow, type ReviewRow, todayUtc } from './common.ts';
import { labelOf } from './config.ts';
import { T } from './schema.ts';

export async function searchRequests(ctx: Ctx, query: string, limit: number): Promise<SearchHit[]> {
  if (!hasPermission(ctx.actor, 'hrddp:read')) return [];
  const q = foldText(query);
  if (!q) return [];
  const words = q.split(/\s+/).filter(Boolean);
  const params: unknown[] = [];
  const conds = words.map((w) => `r.search_text LIKE $${params.push(`%${w}%`)}`);
  const rows = await listRecords<RequestRow>(ctx, T.request, { where: conds.join(' AND '), params, orderBy: 'r.requested_on DESC', limit });
  const config = await hrddpConfig(ctx);
  const lang = ctx.actor.language;
  return rows.map((r) => {
    const exact = foldText(r.reference) === q || foldText(r.title) === q;
    const dates = [r.start_date, r.end_date].filter(Boolean).map((d) => displayPartialDate(dayOf(d)!, lang)).join(' – ');
    return {
      domain: 'hrddp',
      type: T.request,
      id: r.id,
      label: `${r.reference} · ${r.title}`,
      detail: t(lang, 'hrddp:search.detail', { state: labelOf(config.workflow.states, r.state)[lang], kind: labelOf(config.supportKinds, r.support_kind)[lang], dates }),
      score: exact ? 1 : Math.min(0.95, 0.6 + 0.1 * words.length),
    };
  });
}

export async function hrddpNotifications(ctx: Ctx): Promise<Notification[]> {
  if (!hasPermission(ctx.actor, 'hrddp:read')) return [];
  const lang = ctx.actor.language;
  const settings = await monitoringSettings(ctx);
  const config = await hrddpConfig(ctx);
  const out: Notification[] = [];
  const reviews = await listRecords<ReviewRow>(ctx, T.review, { where: `r.status <> 'resolved'`, orderBy: 'r.raised_at DESC', limit: 200 });
  const refs = new Map<string, string>();
  const ref = async (id: string) => {
    if (!refs.has(id)) refs.set(id, (await listRecords<RequestRow>(ctx, T.request, { where: 'r.id = $1', params: [id] }))[0]?.reference ?? '—');
    return refs.get(id)!;
  };
  const urgentSince = Date.now() - settings.urgentDays * 86_400_000;
  for (const r of reviews) {
    out.push({
      domain: 'hrddp',
      kind: 'hrddp.review',
      type: T.review,
      id: r.id,
      title: t(lang, 'hrddp:notify.review', { reference: await ref(r.request_id), title: r.description[lang] }),
      at: new Date(r.raised_at).toISOString(),
      severity: r.status === 'open' && new Date(r.raised_at).getTime() >= urgentSince ? 'urgent' : 'warning',
    });
  }
  for (const m of await overdueMeasuresAsOf(ctx, todayUtc())) {
    out.push({
      domain: 'hrddp',
      kind: 'hrddp.mitigation-overdue',
      type: T.measure,
      id: m.id,
      title: t(lang, 'hrddp:notify.overdue', { reference: await ref(m.request_id), due: displayPartialDate(dayOf(m.due_date)!, lang), type: labelOf(config.mitigationMeasures, m.type)[lang] }),
      at: dayOf(m.due_date)!,
      severity: 'warning',
    });
  }
  return out;
}
