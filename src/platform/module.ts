/** How a domain plugs into the application: its routes, its CLI commands, its part of search and notifications. */
import type { Command } from 'commander';
import type { CliKit } from './cli-kit.ts';
import type { RouteSpec } from './http/route.ts';
import type { Ctx } from './store.ts';

/** One hit of the global search: only records the actor may read, already filtered by the domain. */
export interface SearchHit {
  domain: string;
  /** Record type, e.g. 'unit', 'person', 'incident', 'support-request'. */
  type: string;
  id: string;
  /** What to show: a name, a title; in the actor's language where the domain has both. */
  label: string;
  /** A short second line (dates, place, state). */
  detail?: string;
  /** 0..1, higher is better; hits of all domains are merged by it. */
  score: number;
}

/** Something that waits for the actor: a review to triage, an overdue measure, a deadline. */
export interface Notification {
  domain: string;
  /** Stable kind code, e.g. 'hrddp.review', 'hrddp.mitigation-overdue'. */
  kind: string;
  /** The record it is about. */
  type: string;
  id: string;
  /** Already in the actor's language. */
  title: string;
  /** ISO timestamp or date it became due or was raised. */
  at: string;
  severity: 'info' | 'warning' | 'urgent';
}

export interface DomainModule {
  name: string;
  routes?: () => RouteSpec[];
  cli?: (program: Command, kit: CliKit) => void;
  /** The domain's share of the global search (apply the access policy: readFilterSql / listRecords). */
  search?: (ctx: Ctx, query: string, limit: number) => Promise<SearchHit[]>;
  /** What waits for this actor in the domain (reviews, overdue items), access policy applied. */
  notifications?: (ctx: Ctx) => Promise<Notification[]>;
}
