/** Debian's Chromium through playwright-core (never a downloaded browser), one fresh profile per file. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { ROOT } from '../../src/platform/app.ts';
import { PASSWORD } from './users.ts';

export const SHOTS = join(ROOT, 'test-output', 'e2e');

export interface Journey {
  context: BrowserContext;
  baseUrl: string;
  profile: string;
  /** A new tab with no session (cookies cleared: each journey signs in as its own user). */
  newPage: (opts?: { width?: number; height?: number }) => Promise<{ page: Page }>;
  close: () => Promise<void>;
}

export async function openBrowser(): Promise<Journey> {
  const baseUrl = inject('baseUrl');
  const profile = mkdtempSync(join(tmpdir(), 'pocdesk-chromium-'));
  // A persistent context is how playwright takes a fresh --user-data-dir of our own.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    locale: 'en-GB',
    baseURL: baseUrl,
    viewport: { width: 1280, height: 860 },
  });
  return {
    context,
    baseUrl,
    profile,
    newPage: async (opts = {}) => {
      for (const p of context.pages()) await p.close().catch(() => undefined);
      await context.clearCookies();
      const page = await context.newPage();
      await page.setViewportSize({ width: opts.width ?? 1280, height: opts.height ?? 860 });
      page.setDefaultTimeout(15_000);
      return { page };
    },
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-output/e2e/NAME.png. */
export async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Sessions by user, shared by every journey of the run (the e2e config keeps modules between files):
 * the server allows few sign-ins a minute from one address, and only the frame journey is about the
 * sign-in form itself.
 */
const sessions = new Map<string, Promise<string>>();

async function login(username: string, password: string): Promise<string> {
  const r = await fetch(`${inject('baseUrl')}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  return r.headers.get('set-cookie')!.split(';')[0]!;
}

function sessionCookie(username: string, password: string): Promise<string> {
  const key = `${username}\0${password}`;
  let s = sessions.get(key);
  if (!s) {
    s = login(username, password);
    sessions.set(key, s);
    s.catch(() => sessions.delete(key));
  }
  return s;
}

/** Signs in through the sign-in form. */
export async function signInForm(page: Page, username: string, password = PASSWORD) {
  await page.goto('/');
  await page.getByLabel(/^(User name|Nom d’utilisateur)$/).fill(username);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Se connecter)$/ }).click();
  await page.locator('header.topbar').waitFor();
  const c = (await page.context().cookies()).find((x) => x.name === 'pocdesk_session');
  if (c) sessions.set(`${username}\0${password}`, Promise.resolve(`${c.name}=${c.value}`));
}

/** Opens the app signed in as this user (the session of the run, set as the browser's cookie). */
export async function signInUi(page: Page, username: string, password = PASSWORD) {
  const cookie = await sessionCookie(username, password);
  const [name, ...value] = cookie.split('=');
  await page.context().addCookies([{ name: name!, value: value.join('='), url: inject('baseUrl'), httpOnly: true, sameSite: 'Strict' }]);
  await page.goto('/');
  await page.locator('header.topbar').waitFor();
}

/** An API session for seeding what a journey needs (as that user, through the real API). */
export async function apiAs(username: string, password = PASSWORD) {
  const cookie = await sessionCookie(username, password);
  const base = inject('baseUrl');
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, 'x-pocdesk-csrf': '1', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
