import { expect, test } from './fixtures';

interface SimTaskGroup {
  name: string;
  display_name: string;
  order: number;
  tasks: { name: string; sentence: string; outcome_validation: { sentence: string; schema: unknown }[] | null }[];
}

test.describe('task groups page', () => {
  test('lists the task groups in order with their tasks and readable rules', async ({ viewerPage: page, env, axe }) => {
    const response = await fetch(`${env.apiUrl}task-groups/`, { headers: { Authorization: `Token ${env.canary}` } });
    const groups = ((await response.json()) as SimTaskGroup[]).sort((a, b) => a.order - b.order);
    expect(groups.length).toBeGreaterThan(0);

    await page.goto('/task-groups');
    await expect(page.getByRole('heading', { level: 1, name: 'Task groups' })).toBeVisible();
    const sections = page.getByTestId('task-group');
    await expect(sections).toHaveCount(groups.length);
    for (const [index, group] of groups.entries()) {
      await expect(sections.nth(index).getByRole('heading', { level: 2 })).toHaveText(group.display_name);
      await expect(sections.nth(index)).toHaveAttribute('id', group.name);
    }

    // A Boolean rule reads as a condition with its message and verdict.
    const booleanGroup = groups.find((g) => g.tasks.some((t) => JSON.stringify(t.outcome_validation ?? []).includes('"const":true')))!;
    const section = page.locator(`[id="${booleanGroup.name}"]`);
    await expect(section.getByText(/value is Yes → .*validated/).first()).toBeVisible();

    // Customer text is rendered as text, never as markup.
    await expect(page.locator('[data-testid="task-definition"] img')).toHaveCount(0);
    await axe(page, 'task groups page');
  });

  test('the work-order grid links to its task group anchor', async ({ viewerPage: page, env }) => {
    const list = (await (
      await fetch(`${env.apiUrl}work-orders/?page_size=1&ordering=create_date`, { headers: { Authorization: `Token ${env.canary}` } })
    ).json()) as {
      results: { id: string }[];
    };
    await page.goto(`/work-orders/${list.results[0].id}`);
    const link = page.getByRole('link', { name: /^Rules of / }).first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/task-groups#/);
    await link.click();
    await expect(page).toHaveURL(/\/task-groups#/);
    const anchor = decodeURIComponent(href!.split('#')[1]);
    await expect(page.locator(`[id="${anchor}"]`)).toBeInViewport();
  });
});
