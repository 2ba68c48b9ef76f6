/** The incidents domain as a domain module: record types, settings, messages, routes, CLI, search, notifications. */
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { incidentsCli } from './cli.ts';
import { incidentsRoutes } from './routes.ts';
import { incidentNotifications, searchIncidents } from './search.ts';

export const incidentsModule: DomainModule = {
  name: 'incidents',
  routes: incidentsRoutes,
  cli: incidentsCli,
  search: searchIncidents,
  notifications: incidentNotifications,
};
