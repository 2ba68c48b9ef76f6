/** The accounts the journeys sign in as (created by global-setup.ts with one password). */
export const PASSWORD = 'journeys-correct-horse-battery';

export const USERS = [
  { username: 'lead', displayName: 'Amina Lead', roles: ['admin'] },
  { username: 'hro', displayName: 'Hélène Officer', roles: ['human-rights'] },
  { username: 'planner', displayName: 'Paul Planner', roles: ['military'] },
  { username: 'viewer', displayName: 'Victor Viewer', roles: ['viewer'] },
] as const;
