/**
 * Builds the web app when it is missing or stale, starts a real pocdesk server on a free port with a
 * fresh temporary data directory (embedded engine), and seeds the users the journeys sign in as.
 * The administrator keeps the one-time password printed at first start, so the sign-in journey meets
 * the forced password change.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../../src/platform/app.ts';
import { httpSession, type RunningServer, startServer, stopServer } from '../helpers/process.ts';
import { PASSWORD, USERS } from './users.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminPassword: string;
  }
}

let server: RunningServer | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.js'), '--if-missing'], { stdio: 'inherit', timeout: 300_000 });
  if (build.status !== 0) throw new Error('the web app did not build');
  dataDir = mkdtempSync(join(tmpdir(), 'pocdesk-e2e-'));
  server = await startServer(['--data', dataDir], { POCDESK_WEB_DIR: join(ROOT, 'web', 'dist'), POCDESK_LOGIN_RATE_LIMIT: '60' }, 90_000);
  if (!server.adminPassword) throw new Error(`no one-time administrator password printed:\n${server.stdout()}`);
  const admin = await httpSession(server.url, 'admin', server.adminPassword);
  for (const u of USERS) {
    const r = await admin('POST', '/api/v1/users', { username: u.username, displayName: u.displayName, roles: u.roles, password: PASSWORD, language: 'en' });
    if (r.status !== 201) throw new Error(`could not create ${u.username}: ${JSON.stringify(r.body)}`);
  }
  project.provide('baseUrl', server.url);
  project.provide('adminPassword', server.adminPassword);
}

export async function teardown() {
  if (server) await stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
