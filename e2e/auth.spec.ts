import { ROLES } from '@/lib/shared/roles';
import { DEMO_USERS, SIGN_IN_PATH, emailField, expect, openAccountMenu, signIn, test } from './fixtures';
import { hasPage } from './routes';

// Sign-in and sign-out through the real form for every role, the wrong-password message, and
// what a viewer must not be able to reach or do.

test.describe('sign in and out', () => {
  // Signing out ends every session of that user, so these tests use users of their own,
  // created through the admin API, and never sign out the shared demo users of the other specs.
  for (const role of ROLES) {
    test(`${role} signs in, sees who they are, and signs out`, async ({ page, adminPage, env, axe }) => {
      const email = `e2e-${role}-${crypto.randomUUID().slice(0, 8)}@example.test`;
      const password = `pw-${crypto.randomUUID()}`;
      const created = await adminPage.request.post('/api/admin/users', {
        headers: { Origin: env.baseURL, 'Content-Type': 'application/json' },
        data: { email, name: `E2E ${role}`, role, password },
      });
      expect(created.status(), await created.text()).toBe(201);

      await signIn(page, email, password);
      await page.waitForURL((url) => !SIGN_IN_PATH.test(url.pathname + url.search));
      await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible();
      await axe(page, `the first page after a ${role} signs in`);
      await openAccountMenu(page);
      const menu = page.getByRole('menu');
      await expect(menu).toContainText(email);
      await expect(menu).toContainText(new RegExp(role, 'i'));

      await menu.getByRole('menuitem', { name: /sign out/i }).click();
      await page.waitForURL(SIGN_IN_PATH);
      // The session is gone: a protected page sends us back to sign in, the API says 401.
      await page.goto('/work-orders');
      await expect(page).toHaveURL(SIGN_IN_PATH);
      expect((await page.request.get('/api/task-groups')).status()).toBe(401);
    });
  }

  test('the demo users sign in with the demo password', async ({ adminPage, supervisorPage, viewerPage }) => {
    // The setup project signed each one in through the form; the shell shows each one's role.
    for (const [page, role] of [
      [adminPage, 'admin'],
      [supervisorPage, 'supervisor'],
      [viewerPage, 'viewer'],
    ] as const) {
      await page.goto('/work-orders');
      await openAccountMenu(page);
      await expect(page.getByRole('menu')).toContainText(DEMO_USERS[role]);
      await page.keyboard.press('Escape');
    }
  });

  test('a wrong password gets a clear message and no session', async ({ page }) => {
    await signIn(page, DEMO_USERS.supervisor, 'not-the-password');
    // Next.js' route announcer is an (empty) alert too: look at the one with text.
    const message = page.getByRole('alert').filter({ hasText: /\S/ }).first();
    await expect(message).toBeVisible();
    await expect(message).toContainText(/invalid|incorrect|wrong|not recognised|not recognized/i);
    await expect(page).toHaveURL(SIGN_IN_PATH);
    // Nothing typed is lost: the email stays in the form.
    await expect(emailField(page)).toHaveValue(DEMO_USERS.supervisor);
    const session = await page.request.get('/api/auth/session');
    expect(await session.json()).not.toHaveProperty('user');
  });

  test('the sign-in page is accessible', async ({ page, axe }) => {
    await page.goto('/');
    await page.waitForURL(SIGN_IN_PATH);
    await axe(page, 'the sign-in page');
  });
});

test.describe('a viewer reads but cannot administer or change anything', () => {
  test('the admin page answers 403 to a viewer, and its link is hidden', async ({ viewerPage }) => {
    test.skip(!hasPage('/admin'), 'no /admin page in the build (app-paths-manifest.json)');
    const response = await viewerPage.goto('/admin');
    expect(response?.status()).toBe(403);
    await expect(viewerPage.getByText(DEMO_USERS.admin)).toHaveCount(0); // no user list
    await viewerPage.goto('/work-orders');
    await expect(viewerPage.getByRole('link', { name: /^admin/i })).toHaveCount(0);
  });

  test('the admin page opens for an admin (so the 403 above means something)', async ({ adminPage }) => {
    test.skip(!hasPage('/admin'), 'no /admin page in the build (app-paths-manifest.json)');
    const response = await adminPage.goto('/admin');
    expect(response?.status()).toBe(200);
    await expect(adminPage.getByText(DEMO_USERS.viewer).first()).toBeVisible();
  });

  test("the server refuses a viewer's correction with 403 and nothing reaches the upstream", async ({ viewerPage, env, sim }) => {
    const workOrder = await sim.firstWorkOrder();
    const task = workOrder.tasks[0];
    const response = await viewerPage.request.patch(`/api/work-orders/${workOrder.id}/tasks/${task.id}/correction`, {
      headers: { Origin: env.baseURL, 'Content-Type': 'application/json' },
      data: { corrected_value: task.outcome_type === 'Boolean' ? true : task.outcome_type === 'Number' ? 1 : 'x' },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error).toBe('forbidden');
    expect(response.headers()['cache-control']).toMatch(/no-store/);
  });

  test('a viewer is not offered mutating controls on a work order', async ({ viewerPage, supervisorPage, sim }) => {
    test.skip(!hasPage('/work-orders/[id]'), 'no /work-orders/[id] page in the build (app-paths-manifest.json)');
    const workOrder = await sim.firstWorkOrder();
    // `correct\b`: "Correction history of …" is a read-only button every role may use.
    const mutating = /^(correct\b|edit|delete|analy[sz]e|upload|add photo|mark (as )?reviewed|reopen|save)/i;
    await supervisorPage.goto(`/work-orders/${workOrder.id}`);
    await expect(supervisorPage.getByText(workOrder.name).first()).toBeVisible();
    // The supervisor sees at least one such control, so the viewer's zero below is meaningful.
    expect(await supervisorPage.getByRole('button', { name: mutating }).count()).toBeGreaterThan(0);

    await viewerPage.goto(`/work-orders/${workOrder.id}`);
    await expect(viewerPage.getByText(workOrder.name).first()).toBeVisible();
    const offered = await viewerPage
      .getByRole('button', { name: mutating })
      .evaluateAll((buttons) => buttons.map((b) => (b.getAttribute('aria-label') || b.textContent || '').trim()));
    expect(offered, 'mutating controls offered to a viewer').toEqual([]);
  });
});
