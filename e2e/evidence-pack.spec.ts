import { readFile, stat } from 'node:fs/promises';
import { readPdf } from '@/test/harness/pdf-text';
import { expect, test } from './fixtures';

/**
 * The evidence pack from the work-order page: a supervisor downloads the PDF from the header's
 * button and it reads back as this work order's pack; a failure is shown on the page as an
 * error, not as a broken download; a viewer has no button. Each test uses its own work order.
 */

const BUTTON = { name: 'Evidence pack (PDF)' };

test.describe('evidence pack', () => {
  test('a supervisor downloads the PDF of the work order from its page', async ({ supervisorPage: page, sim, axe }) => {
    const workOrder = await sim.workOrderAt(40);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await axe(page, 'work-order page with the evidence pack button');

    const answered = page.waitForResponse((response) => response.url().endsWith(`/api/work-orders/${workOrder.id}/evidence-pack`), {
      timeout: 60_000,
    });
    const downloaded = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', BUTTON).click();
    const [response, download] = await Promise.all([answered, downloaded]);

    expect(response.request().method()).toBe('POST');
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    expect(download.suggestedFilename()).toMatch(/^evidence-pack-[A-Za-z0-9_-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = await download.path();
    // A real pack: a PDF (fonts and photos make it tens of kB).
    const bytes = new Uint8Array(await readFile(file));
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe('%PDF-');
    expect((await stat(file)).size).toBeGreaterThan(20_000);
    const pdf = await readPdf(bytes);
    expect(pdf.text).toContain(workOrder.name);
    expect(pdf.text).toContain(response.headers()['x-content-sha256']);
    for (const task of workOrder.tasks.slice(0, 3)) expect(pdf.text).toContain(task.name);
    await expect(page.getByRole('button', BUTTON)).toBeEnabled();
  });

  test('when the pack cannot be made, the page says why', async ({ supervisorPage: page, sim, axe }) => {
    const workOrder = await sim.workOrderAt(41);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await sim.fault({ method: 'GET', path: `/v0.2/work-orders/${workOrder.id}/`, status: 503, times: 20 });
    try {
      let downloads = 0;
      page.on('download', () => downloads++);
      await page.getByRole('button', BUTTON).click();
      const alert = page.getByRole('alert').filter({ hasText: 'The evidence pack could not be made' });
      await expect(alert).toBeVisible({ timeout: 45_000 });
      await axe(page, 'work-order page with the evidence pack error');
      expect(downloads).toBe(0);
    } finally {
      await sim.clearFaults();
    }
  });

  test('a viewer has no evidence pack button', async ({ viewerPage: page, sim }) => {
    const workOrder = await sim.workOrderAt(42);
    await page.goto(`/work-orders/${workOrder.id}`);
    await expect(page.getByRole('heading', { level: 1, name: workOrder.name })).toBeVisible();
    await expect(page.getByRole('button', BUTTON)).toHaveCount(0);
  });
});
