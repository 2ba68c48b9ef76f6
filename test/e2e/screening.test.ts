/** Screening journey: upload a roster, see results with explanations, adjudicate a match. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type Journey, openBrowser, shot, signInUi } from './browser.ts';

const doc = await (await fetch(`${inject('baseUrl')}/api/openapi.json`)).json();
const SCREENING = Object.keys(doc.paths ?? {}).some((p) => p.startsWith('/api/v1/screening'));

let j: Journey;
beforeAll(async () => {
  j = await openBrowser();
});
afterAll(async () => {
  await j?.close();
});

describe('screening', () => {
  it.skipIf(!SCREENING)('screens an uploaded roster against the mission list and records a decision on a match', async () => {
    const hro = await apiAs('hro');
    const entry = await hro('POST', '/api/v1/screening/mission/entries', { name: 'Jean-Baptiste Kalonji Mutombo', reason: 'Commanded the unit at Kalemba', birth_date: '1971' });
    expect(entry.status, JSON.stringify(entry.body)).toBeLessThan(300);
    const dir = mkdtempSync(join(tmpdir(), 'pocdesk-roster-'));
    const roster = join(dir, 'roster.csv');
    writeFileSync(roster, 'name,birth_date,rank\nCol. Jean Baptiste Kalonji-Mutombo,1971,Colonel\nAimée Nsimba,1990,Sergent\n');

    const { page } = await j.newPage();
    await signInUi(page, 'hro');
    await page.getByRole('link', { name: 'Screening' }).first().click();
    const form = page.getByTestId('roster-upload');
    await form.getByLabel('Roster (CSV)').setInputFiles(roster);
    await form.getByLabel('Title').fill('Battalion roster for joint patrols');
    await form.getByRole('button', { name: 'Screen' }).click();
    await page.getByRole('heading', { name: 'Battalion roster for joint patrols' }).waitFor();
    const row = page.getByTestId('screening-rows').locator('li[data-row="1"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Jean-Baptiste Kalonji Mutombo');
    expect(await page.getByTestId('screening-rows').locator('li[data-row="2"]').count()).toBe(0); // only rows with matches
    await row.getByRole('button', { name: 'True match' }).first().click();
    await expect.poll(() => row.getByRole('button', { name: 'True match' }).first().getAttribute('aria-pressed')).toBe('true');
    await shot(page, '30-screening-results');
  });
});
