/** The incidents domain as a domain module: record types, settings, messages, search, notifications. */
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { incidentNotifications, searchIncidents } from './search.ts';

export const incidentsModule: DomainModule = {
  name: 'incidents',
  search: searchIncidents,
  notifications: incidentNotifications,
};
