/** The signed-in user, their permissions, and which domains this installation serves. */
import { createContext, useContext } from 'react';
import type { Lang } from './i18n.tsx';

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    email: string | null;
    roles: string[];
    compartments: string[];
    language: Lang;
    mustChangePassword: boolean;
  };
  clearance: string;
  permissions: string[];
  compartments: string[];
}

export interface Session {
  me: Me;
  /** Domains whose API this server serves (read from its OpenAPI document). */
  domains: Set<string>;
  /** API paths the server serves (to show only screens whose API exists). */
  paths: Set<string>;
  can: (permission: string) => boolean;
  setLanguage: (lang: Lang) => Promise<void>;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in frame');
  return s;
}

export function hasPermission(permissions: string[], permission: string): boolean {
  const [domain] = permission.split(':');
  return permissions.some((p) => p === '*' || p === permission || p === `${domain}:*`);
}
