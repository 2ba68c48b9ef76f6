/**
 * Human rights due diligence as a domain module: record types and settings (schema.ts), messages,
 * routes, CLI, search over support requests, notifications of reviews and overdue measures, and the
 * live monitoring hooks. The pure rules (config, scope, risk, workflow, monitoring, letters,
 * compliance) are re-exported from rules.ts.
 */
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { hrddpCli } from './cli.ts';
import { hrddpNotifications, searchRequests } from './module.ts';
import { hrddpRoutes } from './routes.ts';
import { installSources } from './sources.ts';
import { installHooks } from './watch.ts';

installHooks();
installSources();

export const hrddpModule: DomainModule = {
  name: 'hrddp',
  routes: hrddpRoutes,
  cli: hrddpCli,
  search: searchRequests,
  notifications: hrddpNotifications,
};
