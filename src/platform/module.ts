/** How a domain plugs into the application: its routes and its CLI commands. */
import type { Command } from 'commander';
import type { CliKit } from './cli-kit.ts';
import type { RouteSpec } from './http/route.ts';

export interface DomainModule {
  name: string;
  routes?: () => RouteSpec[];
  cli?: (program: Command, kit: CliKit) => void;
}
