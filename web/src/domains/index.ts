/** Screens of the domains beyond the registry; each registers its routes and slots. */
import type { RouteDef } from '../routes.tsx';
import { hrddpRoutes } from './hrddp.tsx';
import { incidentRoutes } from './incidents.tsx';
import './overview.tsx';
import { protectionRoutes } from './protection.tsx';
import { recordRoutes } from './records.tsx';
import { registryFormRoutes } from './registry.tsx';
import { relationsRoutes } from './relations.tsx';
import { screeningRoutes } from './screening.tsx';

export const domainRoutes: RouteDef[] = [...registryFormRoutes, ...incidentRoutes, ...hrddpRoutes, ...screeningRoutes, ...protectionRoutes, ...relationsRoutes, ...recordRoutes];
