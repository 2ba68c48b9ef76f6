/**
 * The domains of pocdesk, in dependency order. Importing a domain registers its record types,
 * settings and messages; its module gives its routes and CLI commands.
 */
import type { DomainModule } from './platform/module.ts';
import './platform/auth/service.ts';

export const domains: DomainModule[] = [];
import { registryModule } from './registry/index.ts'; domains.push(registryModule);
import { incidentsModule } from './incidents/index.ts'; domains.push(incidentsModule);
import { screeningModule } from './screening/index.ts'; domains.push(screeningModule);
import { hrddpModule } from './hrddp/index.ts'; domains.push(hrddpModule);
import { relationsModule } from './relations/index.ts'; domains.push(relationsModule);
import { protectionModule } from './protection/index.ts'; domains.push(protectionModule);
