import { chromium } from 'playwright-core';
const base = process.argv[2] || 'http://127.0.0.1:3100';
const prefix = process.argv[3] || 'doc';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (const [w,h] of [[1440,900],[390,844]]) {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: w, height: h } });
  const page = await ctx.newPage();
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: /^e-?mail/i }).fill('supervisor@demo.test');
  await page.getByRole('textbox', { name: /^password\b/i }).fill('field-review-demo');
  await page.getByRole('button', { name: /^sign in$/i }).click();
  await page.waitForURL(/work-orders/);
  await page.goto('/work-orders?review=all');
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shots/${prefix}-list-${w}.png`, fullPage: false });
  const link = page.getByRole('grid').getByRole('link').first();
  const href = await link.getAttribute('href');
  await page.goto(href);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shots/${prefix}-wo-${w}.png`, fullPage: false });
  await page.goto('/overview');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: `/tmp/shots/${prefix}-overview-${w}.png`, fullPage: false });
  await ctx.close();
}
await browser.close();
