/** Screens of the domains beyond the registry; each registers its routes and slots. */
import type { RouteDef } from '../routes.tsx';

export const domainRoutes: RouteDef[] = [];
