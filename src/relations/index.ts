/** Relations with the host state as a domain module: record types, settings, messages, routes, CLI, search, notifications. */
import { displayPartialDate } from '../platform/dates.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { relationsCli } from './cli.ts';
import { relationsRoutes } from './routes.ts';
import { commitmentNotices, searchRelations, unreportedRestrictions } from './service.ts';
import { T } from './schema.ts';

export const relationsModule: DomainModule = {
  name: 'relations',
  routes: relationsRoutes,
  cli: relationsCli,
  search: async (ctx, query, limit) => (await searchRelations(ctx, query, limit)).map((h) => ({ domain: 'relations', type: h.type, id: h.id, label: h.label, detail: h.detail || undefined, score: h.score })),
  notifications: async (ctx) => {
    const lang = ctx.actor.language;
    const unreported = (await unreportedRestrictions(ctx)).map((r) => ({
      domain: 'relations',
      kind: 'relations.restriction-unreported',
      type: T.restriction,
      id: r.id,
      title: t(lang, 'relations:notice.unreported', { days: r.days, type: r.label[lang], date: displayPartialDate(r.occurred_on, lang), actor: r.actor_name ?? t(lang, 'relations:cli.unattributed') }),
      at: r.occurred_on,
      severity: 'warning' as const,
    }));
    const commitments = (await commitmentNotices(ctx)).map((n) => ({
      domain: 'relations',
      kind: n.kind,
      type: T.commitment,
      id: n.id,
      title: t(lang, n.kind === 'relations.commitment-overdue' ? 'relations:notice.overdue' : 'relations:notice.due', {
        days: n.days,
        summary: n.summary ?? n.id,
        actor: n.actor_name ?? t(lang, 'relations:cli.unattributed'),
        due: displayPartialDate(n.due_on, lang),
      }),
      at: n.due_on,
      severity: n.severity,
    }));
    return [...commitments, ...unreported];
  },
};
