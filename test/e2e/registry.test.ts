/**
 * Registry journeys: search, the unit page's chain of command redrawn at a chosen day, the person's
 * career; the same pages in French (remembered per user); a viewer cannot see a restricted record.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type Journey, openBrowser, shot, signInUi } from './browser.ts';
import { type RegistrySeed, seedRegistry } from './seed.ts';

let j: Journey;
let seed: RegistrySeed;
beforeAll(async () => {
  [j, seed] = await Promise.all([openBrowser(), seedRegistry('R1')]);
});
afterAll(async () => {
  await j?.close();
});

describe('registry', () => {
  it('finds a unit by an alias and redraws its chain of command for the chosen day', async () => {
    const { page } = await j.newPage();
    await signInUi(page, 'planner');
    await page.getByLabel('Search everything').fill('bo-r1');
    await page.getByLabel('Search everything').press('Enter');
    await page.getByTestId('search-hits').getByRole('link', { name: seed.battalion.name }).click();
    await page.getByRole('heading', { name: seed.battalion.name }).waitFor();

    const chain = page.getByTestId('chain');
    await page.getByTestId('unit-at').fill('2018-01-10');
    await expect.poll(() => chain.textContent()).toContain(seed.first.name);
    expect(await chain.textContent()).toContain(seed.region.name);
    expect(await chain.textContent()).not.toContain(seed.second.name);
    expect(new URL(page.url()).searchParams.get('at')).toBe('2018-01-10');

    await page.getByTestId('unit-at').fill('2020-02-01');
    await expect.poll(() => chain.textContent()).toContain(seed.second.name);
    expect(await chain.textContent()).not.toContain(seed.first.name);

    // Sources beside each fact: the commander's posting cites the panel report, page 14.
    const posting = chain.locator('li.commander').first();
    await posting.locator('summary').click();
    expect(await posting.locator('.sources').textContent()).toContain('Panel report R1');
    expect(await posting.locator('.sources').textContent()).toContain('p. 14');

    // The region's subordinate tree holds the battalion on that day.
    await chain.getByRole('link', { name: seed.region.name }).click();
    await page.getByRole('heading', { name: seed.region.name }).waitFor();
    await expect.poll(() => page.getByTestId('tree').textContent()).toContain(seed.battalion.name);
    expect(new URL(page.url()).searchParams.get('at')).toBe('2020-02-01');
    await shot(page, '10-unit-chain-tree');

    // Revision history on the record page.
    await page.getByText('Revision history').click();
    await expect.poll(() => page.getByTestId('revisions').locator('li').count()).toBeGreaterThan(0);
  });

  it('shows a person’s career timeline, usable on a tablet', async () => {
    const { page } = await j.newPage({ width: 800, height: 1100 });
    await signInUi(page, 'planner');
    await page.goto(`/registry/persons/${seed.second.id}`);
    await page.getByRole('heading', { name: seed.second.name }).waitFor();
    const career = page.getByTestId('career');
    expect(await career.textContent()).toContain(seed.battalion.name);
    expect(await career.textContent()).toContain('Lieutenant-colonel');
    expect(await page.locator('.timeline-bar').count()).toBe(1);
    // The navigation folds behind a menu button at this width, and opens from the keyboard.
    expect(await page.locator('#sidenav').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Menu' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#sidenav').isVisible()).toBe(true);
    await shot(page, '11-person-career-tablet');
    await page.keyboard.press('Escape');
    expect(await page.locator('#sidenav').isVisible()).toBe(false);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(800);
  });

  it('switches to French, remembers it for the user, and localises dates', async () => {
    const { page } = await j.newPage();
    await signInUi(page, 'hro');
    await page.goto(`/registry/units/${seed.battalion.id}?at=2018-01-10`);
    await page.getByRole('heading', { name: seed.battalion.name }).waitFor();
    await page.getByTestId('lang-fr').click();
    await page.getByRole('heading', { name: 'Chaîne de commandement' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Registre' }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    // The posting of 15 March 2017 reads in French.
    await expect.poll(() => page.getByTestId('chain').textContent()).toContain('15 mars 2017');
    await shot(page, '12-unit-french');

    // Remembered for the user: a new session (cookies cleared) comes back in French after sign-in.
    expect((await (await apiAs('hro'))('GET', '/api/v1/auth/me')).body.user.language).toBe('fr');
    const again = (await j.newPage()).page;
    await signInUi(again, 'hro');
    await again.goto(`/registry/persons/${seed.first.id}`);
    await again.getByRole('heading', { name: 'Carrière' }).waitFor();
    expect(await again.getByTestId('career').textContent()).toContain('15 mars 2017');
    await again.getByTestId('lang-en').click();
    await again.getByRole('heading', { name: 'Career' }).waitFor();
  });

  it('does not show a restricted unit to a viewer, on any path of the app', async () => {
    // The human rights officer sees it.
    const hro = await apiAs('hro');
    expect((await hro('GET', `/api/v1/registry/units/${seed.restricted.id}`)).status).toBe(200);

    const { page } = await j.newPage();
    await signInUi(page, 'viewer');
    await page.getByLabel('Search everything').fill('Hibou');
    await page.getByLabel('Search everything').press('Enter');
    await page.getByText('No match for “Hibou”.').waitFor();
    await page.goto('/registry');
    await page.getByTestId('unit-list').waitFor();
    expect(await page.getByTestId('unit-list').textContent()).not.toContain('Hibou');
    await page.goto(`/registry/units/${seed.restricted.id}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Not found');
    expect(await page.content()).not.toContain('Hibou');
    await shot(page, '13-viewer-restricted');
    // Nor does the viewer get the administration.
    expect(await page.getByRole('link', { name: 'Users and roles' }).count()).toBe(0);
  });
});
