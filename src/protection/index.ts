/** The protection of civilians as a domain module: record types, settings, messages, routes, CLI, search, notifications. */
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { protectionCli } from './cli.ts';
import { protectionRoutes } from './routes.ts';
import { protectionNotifications, protectionSearch } from './search.ts';

export const protectionModule: DomainModule = {
  name: 'protection',
  routes: protectionRoutes,
  cli: protectionCli,
  search: protectionSearch,
  notifications: protectionNotifications,
};
