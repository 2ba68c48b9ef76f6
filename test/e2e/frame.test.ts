/** Journeys of the frame: first sign-in with the forced password change; administration. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type Journey, openBrowser, shot, signInForm, signInUi } from './browser.ts';

let j: Journey;
beforeAll(async () => {
  j = await openBrowser();
});
afterAll(async () => {
  await j?.close();
});

describe('frame', () => {
  it('signs in the administrator, who must choose a new password first', async () => {
    const { page } = await j.newPage();
    await page.goto('/');
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Wrong user name or password');

    await page.getByLabel('Password').fill(inject('adminPassword'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    const fresh = 'a brand new admin passphrase';
    await page.getByLabel('Current password').fill(inject('adminPassword'));
    await page.getByLabel('New password', { exact: true }).fill(fresh);
    await page.getByLabel('New password again').fill('something else entirely');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('The two new passwords differ.').first().waitFor();
    await page.getByLabel('New password again').fill(fresh);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Registry' }).isVisible()).resolves.toBe(true);
    await shot(page, '01-sign-in-overview');

    // The one-time password no longer works; the new one does.
    await expect(apiAs('admin', inject('adminPassword'))).rejects.toThrow(/401/);
    const api = await apiAs('admin', fresh);
    expect((await api('GET', '/api/v1/auth/me')).body.user.mustChangePassword).toBe(false);
  });

  it('shows settings validation errors by field and keeps a valid change as a new version', async () => {
    const { page } = await j.newPage();
    await signInForm(page, 'lead');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Sign-in policy' }).click();
    const editor = page.getByLabel('Value (JSON)');
    await editor.waitFor();
    const current = JSON.parse(await editor.inputValue());
    expect(current.minPasswordLength).toBeGreaterThan(0);
    await editor.fill('{ "maxFailedLogins": 5, ');
    await page.getByText(/This is not valid JSON/).waitFor();
    await expect(page.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
    await editor.fill(JSON.stringify({ ...current, maxFailedLogins: 'five', minPasswordLength: 3 }, null, 2));
    await page.getByRole('button', { name: 'Save' }).click();
    const problems = page.getByTestId('setting-problems');
    await problems.waitFor();
    const text = await problems.textContent();
    expect(text).toContain('maxFailedLogins');
    expect(text).toContain('minPasswordLength');
    await shot(page, '02-settings-field-errors');

    await editor.fill(JSON.stringify({ ...current, lockoutMinutes: current.lockoutMinutes + 5 }, null, 2));
    await page.getByLabel('Comment on this version').fill('longer lockout after the review');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved as a new version.').waitFor();
    const api = await apiAs('lead');
    const s = (await api('GET', '/api/v1/settings/auth.policy')).body;
    expect(s.value.lockoutMinutes).toBe(current.lockoutMinutes + 5);
    expect(s.versions.at(-1).comment).toBe('longer lockout after the review');
  });

  it('creates a user with a role and shows the one-time password once', async () => {
    const { page } = await j.newPage();
    await signInUi(page, 'lead');
    await page.getByRole('link', { name: 'Users and roles' }).click();
    await page.getByText('New user').click();
    const form = page.getByTestId('new-user');
    await form.getByLabel('User name').fill('no');
    await form.getByRole('button', { name: 'Create' }).click();
    await form.locator('.field-error').first().waitFor(); // no role chosen, name too short: named by field
    await form.getByLabel('User name').fill('nadia.protection');
    await form.getByLabel('Display name').fill('Nadia P.');
    await form.getByLabel('Protection adviser').check();
    await form.getByRole('button', { name: 'Create' }).click();
    const otp = (await page.getByTestId('one-time-password').textContent())!.trim();
    expect(otp.length).toBeGreaterThan(8);
    await page.locator('tr[data-username="nadia.protection"]').waitFor();
    await shot(page, '03-users');
    const api = await apiAs('nadia.protection', otp);
    const me = (await api('GET', '/api/v1/auth/me')).body;
    expect(me.user.roles).toEqual(['protection']);
    expect(me.user.mustChangePassword).toBe(true);
  });
});
