import type { Page, Request } from '@playwright/test';
import type { E2eEnv } from './env';
import { backToListNavigation, firstPhotoOf, navigationRequest, photosOf, showsList, showsWorkOrder, taskVersionIn } from '../bench/navigation';
import { ACCEPT_ENCODING } from '../bench/virtual-users';
import { expect, test } from './fixtures';

// What the browser sends when a supervisor opens a work order from the list, corrects a task,
// goes back to the list and opens another one. The load benchmark replays exactly these
// requests without a browser (bench/navigation.ts): if the page starts asking for more, or for
// something else, this test fails and the benchmark's journey must change with it.

interface SimTask {
  id: string;
  name: string;
  sentence: string;
  outcome_type: string;
  state: { analyzed_value: unknown; corrected_value: unknown } | null;
}
interface SimWorkOrder {
  id: string;
  name: string;
  tasks: SimTask[];
}

async function simGet<T>(env: E2eEnv, path: string): Promise<T> {
  const response = await fetch(`${env.apiUrl}${path}`, { headers: { Authorization: `Token ${env.canary}` }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`simulator GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/**
 * A work order (past those other specs use) with an analysed, uncorrected Boolean task, and the
 * name of another one to open after it.
 */
async function workOrderToCorrect(env: E2eEnv): Promise<{ workOrder: SimWorkOrder; task: SimTask; otherName: string }> {
  const list = await simGet<{ results: { id: string; name: string }[] }>(env, 'work-orders/?page_size=300&page=1&ordering=create_date');
  const later = list.results.slice(200);
  for (const [index, { id }] of later.entries()) {
    const workOrder = await simGet<SimWorkOrder>(env, `work-orders/${id}/?include_inputs=false`);
    const task = workOrder.tasks.find((t) => t.outcome_type === 'Boolean' && t.state?.analyzed_value != null && t.state.corrected_value === null);
    const other = later[index + 1] ?? later[0];
    if (task && other.id !== id) return { workOrder, task, otherName: other.name };
  }
  throw new Error('no work order in the simulator fits this test');
}

/** Every request the page sends from now on but the build's static files (scripts, styles, the icon). */
function recordRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/_next/static/') && path !== '/icon.svg') seen.push(request);
  });
  return seen;
}

const pathOf = (request: Request) => new URL(request.url()).pathname;

/** Keeps the body of each RSC navigation (not prefetch) of `path` in `payloads`, read on its way before React consumes it. */
async function keepNavigationPayloads(page: Page, path: string, payloads: string[]): Promise<void> {
  await page.route(`**${path}?*`, async (route) => {
    const request = route.request();
    if (request.headers()['rsc'] !== '1' || request.headers()['next-router-prefetch'] === '1') return route.continue();
    const response = await route.fetch();
    const body = await response.text();
    payloads.push(body);
    await route.fulfill({ response, body });
  });
}

const imagesOf = (requests: Request[]) => requests.filter((r) => r.resourceType() === 'image').map(pathOf);

test('opening a work order from the list and correcting a task sends what the load benchmark replays', async ({ supervisorPage: page, env }) => {
  const { workOrder, task, otherName } = await workOrderToCorrect(env);
  await page.goto(`/work-orders?review=all&q=${encodeURIComponent(workOrder.name)}`);
  const link = page.getByRole('link', { name: /^open work order/i }).first();
  await expect(link).toHaveAttribute('href', new RegExp(workOrder.id));

  // Open: prefetches on intent, then a client-side navigation — React Server Components
  // payloads of the work order's route, never its HTML, never its JSON API.
  const opening = recordRequests(page);
  // The navigation's payload, as the page received it (read on its way, before React consumes it).
  const payloads: string[] = [];
  await keepNavigationPayloads(page, `/work-orders/${workOrder.id}`, payloads);
  await link.hover();
  // A user's pointer rests on the link a moment before the click: the prefetches have answered.
  const answeredPrefetches = async () => {
    const prefetches = opening.filter((r) => pathOf(r) === `/work-orders/${workOrder.id}` && r.headers()['next-router-prefetch'] === '1');
    const answered = await Promise.all(prefetches.map(async (r) => (await r.response()) !== null));
    return answered.filter(Boolean).length;
  };
  await expect.poll(answeredPrefetches).toBeGreaterThanOrEqual(2);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/work-orders/${workOrder.id}`));
  const photo = page.getByTestId('work-order-input').locator('img').first();
  await expect(photo).toBeVisible();
  await expect.poll(() => opening.some((r) => /\/inputs\/[0-9a-f-]{36}\/image$/.test(pathOf(r)))).toBe(true);
  const ofThePage = opening.filter((r) => pathOf(r) === `/work-orders/${workOrder.id}`);
  expect(ofThePage.every((r) => r.headers()['rsc'] === '1')).toBe(true);
  const prefetches = ofThePage.filter((r) => r.headers()['next-router-prefetch'] === '1');
  expect(prefetches.some((r) => r.headers()['next-router-segment-prefetch'] === '/_tree')).toBe(true);
  expect(prefetches.some((r) => r.headers()['next-router-state-tree'] !== undefined)).toBe(true);
  const navigations = ofThePage.filter((r) => r.headers()['next-router-prefetch'] === undefined);
  expect(navigations).toHaveLength(1);
  // The navigation asks for the work order's segment only: the shell's layouts are kept.
  const tree = JSON.parse(decodeURIComponent(navigations[0].headers()['next-router-state-tree'] ?? 'null')) as unknown;
  expect(JSON.stringify(tree)).toContain(`["id","${workOrder.id}","d",null]`);
  expect(navigations[0].headers()['next-url']).toBe((await navigationRequest(workOrder.id, 'open')).headers['Next-Url']);
  expect(opening.filter((r) => r.resourceType() === 'document')).toEqual([]);
  // What the benchmark reads in the navigation's payload: the work order, its first photo (the
  // one the browser asked for) and the version of each task.
  expect(payloads).toHaveLength(1);
  const payload = payloads[0];
  expect(showsWorkOrder(payload, workOrder.id)).toBe(true);
  const photoPath = firstPhotoOf(payload);
  expect(opening.map(pathOf)).toContain(photoPath);
  // Every image the page asks for is one the benchmark reads in the payload.
  await expect.poll(() => opening.some((r) => pathOf(r) === '/api/reason-codes')).toBe(true);
  for (const image of imagesOf(opening)) expect(photosOf(payload)).toContain(image);
  const version = taskVersionIn(payload, task.id);
  expect(version).not.toBeNull();
  expect(opening.map(pathOf)).not.toContain(`/api/work-orders/${workOrder.id}`);

  // Correct: one PATCH, with the version the page was given.
  const correcting = recordRequests(page);
  const row = page.getByTestId(`task-row-${task.name}`).first();
  await row.getByRole('button', { name: `Correct ${task.sentence}` }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`Correct: `) });
  await dialog.getByRole('button', { name: (task.state!.analyzed_value ? 'No' : 'Yes') + ' (' }).click();
  await dialog.getByRole('combobox', { name: /reason/i }).click();
  await page.getByRole('option').first().click();
  await dialog.getByRole('button', { name: 'Review the correction' }).click();
  await dialog.getByRole('button', { name: 'Send correction' }).click();
  await expect(dialog.getByText(/Saved in Deepomatic/)).toBeVisible({ timeout: 30_000 });
  const patches = correcting.filter((r) => r.method() === 'PATCH');
  expect(patches.map(pathOf)).toEqual([`/api/work-orders/${workOrder.id}/tasks/${task.id}/correction`]);
  expect(patches[0].headers()['if-match']).toBe(`"${version}"`);
  // The answer carries the work order: then one read of its timeline (which gained the
  // correction), and neither the work order nor its page read again.
  await expect.poll(() => correcting.filter((r) => pathOf(r) === `/api/work-orders/${workOrder.id}/timeline`).length).toBe(1);
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Field Review' }).first()).toBeVisible();
  expect(correcting.filter((r) => pathOf(r) === `/api/work-orders/${workOrder.id}` || pathOf(r) === `/work-orders/${workOrder.id}`)).toEqual([]);
  // Whatever of the list was asked meanwhile is a prefetch of its metadata (the back link).
  for (const request of [...opening, ...correcting].filter((r) => pathOf(r) === '/work-orders')) {
    expect(request.headers()['next-router-prefetch']).toBe('1');
    expect(decodeURIComponent(request.headers()['next-router-state-tree'] ?? '')).toContain('metadata-only');
  }
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // Back to the list: one navigation of the list page, whose server render searches (no call to
  // the search API), with the router state and origin the benchmark sends.
  const goingBack = recordRequests(page);
  const listPayloads: string[] = [];
  await keepNavigationPayloads(page, '/work-orders', listPayloads);
  await page.getByRole('link', { name: /^back to the search$/i }).click();
  const links = page.getByRole('link', { name: /^open work order/i });
  await expect(links.first()).toBeVisible();
  await expect.poll(() => listPayloads.length).toBe(1);
  const back = await backToListNavigation(workOrder.id);
  const listNavigations = goingBack.filter((r) => pathOf(r) === '/work-orders' && r.headers()['next-router-prefetch'] === undefined);
  expect(listNavigations).toHaveLength(1);
  expect(listNavigations[0].headers()['rsc']).toBe('1');
  expect(listNavigations[0].headers()['next-router-state-tree']).toBe(back.headers['Next-Router-State-Tree']);
  expect(listNavigations[0].headers()['next-url']).toBe(back.headers['Next-Url']);
  expect(showsList(listPayloads[0])).toBe(true);
  expect(goingBack.filter((r) => pathOf(r).startsWith('/api/work-orders'))).toEqual([]);

  // A search from the list: one call of the search API, which the benchmark's searches replay.
  const searching = recordRequests(page);
  await page.getByRole('searchbox', { name: /search work orders/i }).fill(otherName);
  const secondLink = page.getByRole('link', { name: `Open work order ${otherName}`, exact: true }).first();
  await expect(secondLink).toBeVisible();
  const searches = searching.filter((r) => pathOf(r) === '/api/work-orders');
  expect(searches.length).toBeGreaterThanOrEqual(1);
  expect(new URL(searches.at(-1)!.url()).searchParams.get('q')).toBe(otherName);
  expect(searching.filter((r) => pathOf(r) !== '/api/work-orders' && pathOf(r) !== '/work-orders')).toEqual([]);
  // The browser asks for compressed answers and gets them, as the benchmark's users do (its
  // request headers do not show the encodings it offers; the server's answer does): the
  // server's compressing is part of what a request costs.
  const compressedAs = (await (await searches.at(-1)!.response())!.allHeaders())['content-encoding'];
  expect(ACCEPT_ENCODING.split(', ')).toContain(compressedAs);

  // A second opening in the same tab: one prefetch (the route's tree is known by now), the
  // navigation, its photos but those the browser holds, and no second read of the reason codes
  // (the page keeps them five minutes).
  const second = /\/work-orders\/([0-9a-f-]{36})/.exec((await secondLink.getAttribute('href')) ?? '')?.[1];
  expect(second).toBeTruthy();
  const reopening = recordRequests(page);
  const secondPayloads: string[] = [];
  await keepNavigationPayloads(page, `/work-orders/${second}`, secondPayloads);
  await secondLink.hover();
  const secondPrefetches = () => reopening.filter((r) => pathOf(r) === `/work-orders/${second}` && r.headers()['next-router-prefetch'] === '1');
  await expect.poll(async () => (await Promise.all(secondPrefetches().map((r) => r.response()))).filter(Boolean).length).toBeGreaterThanOrEqual(1);
  await secondLink.click();
  await expect(page).toHaveURL(new RegExp(`/work-orders/${second}`));
  await expect.poll(() => secondPayloads.length).toBe(1);
  await expect(page.getByRole('link', { name: /^back to the search$/i })).toBeVisible();
  expect(secondPrefetches()).toHaveLength(1);
  expect(secondPrefetches()[0].headers()['next-router-segment-prefetch']).toBeUndefined();
  expect(secondPrefetches()[0].headers()['next-router-state-tree']).toBeDefined();
  expect(reopening.filter((r) => pathOf(r) === `/work-orders/${second}` && r.headers()['next-router-prefetch'] === undefined)).toHaveLength(1);
  const shown = photosOf(secondPayloads[0]);
  const firstPhoto = firstPhotoOf(secondPayloads[0]);
  if (firstPhoto && !imagesOf(opening).includes(firstPhoto)) await expect.poll(() => imagesOf(reopening)).toContain(firstPhoto);
  for (const image of imagesOf(reopening)) expect(shown).toContain(image);
  expect(reopening.filter((r) => pathOf(r) === '/api/reason-codes')).toEqual([]);
  expect(reopening.filter((r) => r.resourceType() === 'document')).toEqual([]);
});
