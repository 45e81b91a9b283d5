import { expect, type Page } from '@playwright/test';

/** How many work orders the list API finds for a list query (the `total` of its answer). */
export async function listTotal(page: Page, query: URLSearchParams | string = ''): Promise<number> {
  const queryString = String(query);
  const response = await page.request.get(queryString ? `/api/work-orders?${queryString}` : '/api/work-orders');
  expect(response.status(), `GET /api/work-orders?${queryString}`).toBe(200);
  return ((await response.json()) as { total: number }).total;
}
