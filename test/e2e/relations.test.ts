/** Host-state relations journey: a restriction recorded by a political affairs officer is listed and opened with its history. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type Journey, openBrowser, shot, signInUi } from './browser.ts';

const doc = await (await fetch(`${inject('baseUrl')}/api/openapi.json`)).json();
const RELATIONS = Object.keys(doc.paths ?? {}).some((p) => p.startsWith('/api/v1/relations'));

let j: Journey;
beforeAll(async () => {
  j = await openBrowser();
});
afterAll(async () => {
  await j?.close();
});

describe('relations', () => {
  it.skipIf(!RELATIONS)('lists a restriction of the mission’s movement and opens it with its revision history', async () => {
    const lead = await apiAs('lead');
    const r = await lead('POST', '/api/v1/relations/restrictions', {
      occurred_on: '2021-03-04',
      type: 'movement-denied-checkpoint',
      place: 'Kilo 5 checkpoint',
      actor_description: 'Soldiers at the Kilo 5 checkpoint',
      description: 'Patrol turned back on its way to Kalemba',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { page } = await j.newPage();
    await signInUi(page, 'lead');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Host-state relations' }).click();
    const list = page.getByTestId('records');
    await expect.poll(() => list.textContent()).toContain('Patrol turned back on its way to Kalemba');
    await list.getByRole('link', { name: 'Patrol turned back on its way to Kalemba' }).click();
    await page.locator(`[data-record-id="${r.body.id}"]`).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('Kilo 5 checkpoint');
    await page.getByText('Revision history').click();
    await expect.poll(() => page.getByTestId('revisions').locator('li').count()).toBeGreaterThan(0);
    await shot(page, '40-relations-restriction');
  });
});
