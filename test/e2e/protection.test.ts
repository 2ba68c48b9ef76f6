/** Protection journey: an alert recorded through the entry form is triaged with a priority on its page. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type Journey, openBrowser, shot, signInUi } from './browser.ts';

const doc = await (await fetch(`${inject('baseUrl')}/api/openapi.json`)).json();
const PROTECTION = Object.keys(doc.paths ?? {}).some((p) => p.startsWith('/api/v1/protection'));

let j: Journey;
beforeAll(async () => {
  j = await openBrowser();
});
afterAll(async () => {
  await j?.close();
});

describe('protection', () => {
  it.skipIf(!PROTECTION)('records an alert through the form and moves it to triaged with a priority', async () => {
    const { page } = await j.newPage();
    await signInUi(page, 'lead');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Protection' }).click();
    await page.getByRole('link', { name: 'Record an alert' }).click();
    const form = page.getByRole('form', { name: 'Record an alert' });
    await form.getByLabel('Received at').fill('2026-11-30T21:40');
    await form.getByLabel('Time zone (offset)').fill('+02:00');
    await form.getByLabel('Channel').selectOption('hotline');
    await form.getByLabel('Threat type').selectOption('abduction');
    await form.getByLabel('What was reported').fill('Armed men seen gathering near the Mubi school at night');
    await form.getByLabel('Place', { exact: true }).fill('Mubi');
    await form.getByLabel('Threatened population').fill('Pupils and teachers of the Mubi school');
    await form.getByLabel('Description of the actor').fill('Unidentified armed men');
    // The lead may know who called: the caller's fields are offered.
    await form.getByLabel('Caller’s name').fill('A. Teacher');
    await form.getByRole('button', { name: 'Save the alert' }).click();

    const article = page.locator('article[data-record-type="protection-alert"]');
    await article.waitFor();
    const id = await article.getAttribute('data-record-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId('alert-state').getAttribute('data-state')).toBe('received');
    expect(await page.getByTestId('alert-callers').textContent()).toContain('A. Teacher');

    // Triage without a priority is refused, and the refusal names the priority field.
    const move = page.getByRole('form', { name: 'Move along the workflow' });
    await move.getByLabel('Next state').selectOption('triaged');
    await move.getByRole('button', { name: 'Move the alert' }).click();
    await expect.poll(() => move.locator('.field.invalid').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('alert-state').getAttribute('data-state')).toBe('received');

    await move.getByLabel('Priority').selectOption('high');
    await move.getByRole('button', { name: 'Move the alert' }).click();
    await expect.poll(() => page.getByTestId('alert-state').getAttribute('data-state')).toBe('triaged');
    await expect.poll(() => page.getByTestId('alert-timeline').locator('li').count()).toBeGreaterThan(0);

    // The API holds the same: triaged, with the priority, and the caller kept.
    const lead = await apiAs('lead');
    const r = await lead('GET', `/api/v1/protection/alerts/${id}`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('triaged');
    expect(r.body.priority).toBe('high');
    expect(r.body.channel).toBe('hotline');
    expect(r.body.received_at).toContain('+02:00');
    await shot(page, '50-protection-alert-triaged');
  });
});
