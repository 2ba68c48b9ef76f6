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

  it.skipIf(!RELATIONS)('records a restriction through the form and finds it in the list', async () => {
    const { page } = await j.newPage();
    await signInUi(page, 'lead');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Host-state relations' }).click();
    await page.getByRole('link', { name: 'Record a restriction' }).click();
    const form = page.getByRole('form', { name: 'Record a restriction' });
    await form.getByLabel('Type of restriction').selectOption('movement-denied-checkpoint');
    await form.getByLabel('Date', { exact: true }).fill('2021-05-06');
    await form.getByLabel('Duration (days)').fill('1');
    await form.getByLabel('What happened').fill('Night patrol to Mubi stopped at the river bridge');
    await form.getByLabel('Place', { exact: true }).fill('Mubi river bridge');
    await form.getByLabel('Description of who imposed it').fill('Soldiers at the bridge');
    await form.getByRole('group', { name: 'What it prevented' }).getByRole('checkbox').first().check();
    await form.getByLabel('Violation of the SOFA').selectOption('true');
    await form.getByLabel('Reported to headquarters on').fill('2021-05-07');
    await form.getByRole('button', { name: 'Save the restriction' }).click();

    const article = page.locator('article[data-record-type="relations-restriction"]');
    await article.waitFor();
    const id = await article.getAttribute('data-record-id');
    expect(await page.locator('.facts').textContent()).toContain('Mubi river bridge');

    await page.locator('.crumbs').getByRole('link', { name: 'Restrictions' }).click();
    const list = page.getByTestId('records');
    await expect.poll(() => list.textContent()).toContain('Night patrol to Mubi stopped at the river bridge');
    expect(await list.getByRole('link', { name: 'Night patrol to Mubi stopped at the river bridge' }).getAttribute('href')).toBe(`/relations/restrictions/${id}`);

    const lead = await apiAs('lead');
    const r = await lead('GET', `/api/v1/relations/restrictions/${id}`);
    expect(r.status).toBe(200);
    expect(r.body.sofa_violation).toBe(true);
    expect(r.body.prevented?.length).toBe(1);
    await shot(page, '41-relations-restriction-form');
  });
});
