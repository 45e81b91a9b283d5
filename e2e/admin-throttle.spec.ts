import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Sign-in throttling on the production server: the client address is the TCP peer (headers a
 * client sends do not change it), and an admin sees a throttled user on the admin page and
 * clears it. Each run uses a user of its own, so no other journey's sign-in is held back.
 */

const PASSWORD = 'throttle journey password';

/** One password sign-in through next-auth's own endpoint, as its client makes it. */
async function postSignIn(api: APIRequestContext, email: string, password: string, forwardedFor: string) {
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return api.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true', callbackUrl: '/' },
    headers: { 'x-forwarded-for': forwardedFor, 'x-real-ip': forwardedFor },
    maxRedirects: 0,
  });
}

async function createUser(page: Page, baseURL: string, email: string) {
  const created = await page.request.post('/api/admin/users', { data: { email, role: 'viewer', password: PASSWORD }, headers: { origin: baseURL } });
  expect(created.status()).toBe(201);
}

test('an admin sees a user that sign-in throttling holds back, and clears it', async ({ adminPage: page, env, axe }) => {
  const email = `throttled-${Date.now()}@demo.test`;
  await createUser(page, env.baseURL, email);
  const api = await playwrightRequest.newContext({ baseURL: env.baseURL });
  try {
    // Five wrong passwords, each claiming another client address: they all come from this one
    // connection's address, so the sixth try (even the right password) is refused.
    for (let i = 0; i < 5; i += 1) {
      expect((await postSignIn(api, email, `wrong password ${i}`, `203.0.113.${i + 1}`)).status()).toBe(401);
    }
    const refused = await postSignIn(api, email, PASSWORD, '203.0.113.99');
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);

    // Held back is this connection's own address (Next.js would have passed the forged ones on).
    const overview = await (await page.request.get('/api/admin/sign-in-throttle')).json();
    expect(overview.accounts).toContainEqual(expect.objectContaining({ email, failures: 5, heldBackAddresses: ['127.0.0.1'] }));

    await page.goto('/admin');
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row.getByTestId('sign-in-throttle')).toHaveText(/^Sign-in held back until /);
    await axe(page, '/admin with a throttled user');

    await row.getByRole('button', { name: `Clear the sign-in throttle of ${email}` }).click();
    const dialog = page.getByRole('dialog', { name: `Clear the sign-in throttle of ${email}?` });
    await expect(dialog).toBeVisible();
    await axe(page, 'the clear sign-in throttle dialog');
    await dialog.getByRole('button', { name: 'Clear throttle' }).click();
    await expect(page.getByRole('status').filter({ hasText: `The sign-in throttle of ${email} was cleared.` })).toBeVisible();
    await expect(row.getByTestId('sign-in-throttle')).toHaveCount(0);
    await expect(row.getByRole('button', { name: `Clear the sign-in throttle of ${email}` })).toHaveCount(0);

    // The user gets in again at once.
    expect((await postSignIn(api, email, PASSWORD, '203.0.113.99')).status()).toBe(200);
  } finally {
    await api.dispose();
  }
});
