/** The registry of host-state actors as a domain module: record types, settings, messages, routes, CLI. */
import type { DomainModule } from '../platform/module.ts';
import './schema.ts';
import './messages.ts';
import { registryCli } from './cli.ts';
import { registryRoutes } from './routes.ts';

export const registryModule: DomainModule = {
  name: 'registry',
  routes: registryRoutes,
  cli: registryCli,
};
