import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import enAuth from '@/messages/en/auth.json';
import enCommon from '@/messages/en/common.json';
import frAuth from '@/messages/fr/auth.json';
import enWorkOrders from '@/messages/en/workOrders.json';
import { personHint, type TestOidcAccount } from '@/test/fakes/oidc-issuer';
import { E2E_DIR, type E2eOidc } from './env';
import { SIGN_IN_PATH, expect, openAccountMenu, test } from './fixtures';
import { hasPage } from './routes';

// Company SSO in a real browser: the app under test is configured (OIDC_ISSUER, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET, OIDC_NAME, OIDC_AUTO_PROVISION=true) with the test issuer that
// e2e/global-setup.ts runs in its own process. Every test starts from a fresh, signed-out
// browser context — never from the pre-signed-in role fixtures — and signs in as a person of its
// own, made up for it: signing out or disabling that person cannot touch another test, so the
// tests run side by side and again after themselves (retries, `--repeat-each`).

/** A person the issuer knows only for this test (a fresh subject and e-mail each time). */
function newPerson(label: string, extra: Partial<TestOidcAccount> = {}): Required<Pick<TestOidcAccount, 'sub' | 'email' | 'name'>> & TestOidcAccount {
  const id = crypto.randomUUID().slice(0, 8);
  return {
    sub: `e2e-sso-${label}-${id}`,
    email: `${label}.${id}@acme.example`,
    name: `${label[0].toUpperCase()}${label.slice(1)} ${id}`,
    emailVerified: true,
    ...extra,
  };
}

/** The SSO button, by its label in the page's language (from the message catalogue). */
const ssoButton = (page: Page, oidc: E2eOidc, messages = enAuth) =>
  page.getByRole('button', { name: messages.signIn.withProvider.replace('{provider}', oidc.name), exact: true });

/**
 * Chooses who the issuer logs in as in this browser context. The test issuer has no login form:
 * it logs in the person the standard `login_hint` parameter describes, which we add to the
 * browser's authorization request on its way to the issuer (a real IdP would ask for a password
 * here). The app's own request is otherwise untouched.
 */
async function issuerLogsInAs(context: BrowserContext, oidc: E2eOidc, account: TestOidcAccount): Promise<void> {
  await context.route(
    (url) => url.origin === oidc.issuer && url.pathname === '/auth',
    (route) => {
      const url = new URL(route.request().url());
      url.searchParams.set('login_hint', personHint(account));
      return route.continue({ url: url.toString() });
    },
  );
}

/** Clicks the SSO button and checks the browser really went to the issuer's authorization endpoint. */
async function signInWithSso(page: Page, oidc: E2eOidc, messages = enAuth): Promise<void> {
  const authorization = page.waitForRequest((request) => request.isNavigationRequest() && request.url().startsWith(`${oidc.issuer}/auth?`));
  await ssoButton(page, oidc, messages).click();
  const request = await authorization;
  const params = new URL(request.url()).searchParams;
  // Authorization code flow with PKCE, back to the callback derived from APP_URL.
  expect(params.get('response_type')).toBe('code');
  expect(params.get('client_id')).toBe(oidc.clientId);
  expect(params.get('code_challenge_method')).toBe('S256');
  expect(params.get('redirect_uri')).toBe(`${new URL(page.url()).origin}/api/auth/callback/oidc`);
}

/** Back from the issuer, signed in: any page of ours but sign-in, with the shell's account menu. */
async function expectSignedIn(page: Page, baseURL: string): Promise<void> {
  await page.waitForURL((url) => url.origin === baseURL && !SIGN_IN_PATH.test(url.pathname + url.search), { timeout: 30_000 });
  await expect(page.getByRole('button', { name: /account menu/i })).toBeVisible({ timeout: 30_000 });
}

/** Back from the issuer, refused: the sign-in page with next-auth's `error` code in the URL. */
async function expectRefused(page: Page, code: string, message: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('error') === code, { timeout: 30_000 });
  // Next.js' route announcer is an (empty) alert too: look at the one with text.
  await expect(page.getByRole('alert').filter({ hasText: /\S/ }).first()).toHaveText(message);
  expect(await (await page.request.get('/api/auth/session')).json()).not.toHaveProperty('user');
}

test.describe('company SSO (OpenID Connect) in the browser', () => {
  test('the sign-in page offers the SSO button with its configured name, and stays accessible', async ({ page, env, axe }) => {
    await page.goto('/sign-in');
    await expect(ssoButton(page, env.oidc)).toBeVisible();
    await expect(ssoButton(page, env.oidc)).toBeEnabled();
    // The password form is still there next to it.
    await expect(page.getByRole('button', { name: /^sign in$/i })).toBeVisible();
    await axe(page, 'the sign-in page with the SSO button');
  });

  test('a new person signs in through the issuer, gets the viewer role, and signs out', async ({ page, context, env, adminPage }) => {
    const { oidc } = env;
    const person = newPerson('sam');
    expect(oidc.autoProvision, 'this test needs OIDC_AUTO_PROVISION on').toBe(true);
    await issuerLogsInAs(context, oidc, person);

    // A protected page sends us to sign in; SSO brings us back there, signed in.
    await page.goto('/work-orders');
    await page.waitForURL(SIGN_IN_PATH);
    await signInWithSso(page, oidc);
    await page.waitForURL((url) => url.origin === env.baseURL && url.pathname === '/work-orders', { timeout: 30_000 });
    const accountMenu = page.getByRole('button', { name: /account menu/i });
    await expect(accountMenu).toBeVisible({ timeout: 30_000 });
    // The teardown checks that this session cookie never reached a server log.
    writeFileSync(path.join(E2E_DIR, `auth-${person.sub}.json`), JSON.stringify(await context.storageState()));

    // Who they are, from the shell's account menu: name and e-mail from the issuer, our role.
    await openAccountMenu(page);
    const menu = page.getByRole('menu');
    await expect(menu).toContainText(person.email);
    await expect(menu).toContainText(person.name);
    await expect(menu).toContainText(enCommon.roles.viewer);
    await page.keyboard.press('Escape');

    // The account was created by auto-provisioning, with the least role, linked to the issuer.
    const listed = await adminPage.request.get('/api/admin/users');
    expect(listed.status()).toBe(200);
    const { users } = (await listed.json()) as { users: { email: string; role: string; signIn: { password: boolean; sso: boolean } }[] };
    expect(users.find((user) => user.email === person.email)).toMatchObject({ role: 'viewer', signIn: { password: false, sso: true } });

    // The work-order list loads for them (the setup project waited for the first index sync).
    await page.goto('/work-orders?review=all');
    const grid = page.getByRole('table', { name: /work orders/i });
    await expect(
      grid
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: /^open work order/i }) })
        .first(),
    ).toBeVisible({ timeout: 30_000 });

    // A viewer: no supervisor-only actions, and the admin page is a real 403.
    await expect(grid.getByRole('checkbox')).toHaveCount(0);
    await expect(page.getByRole('link', { name: enWorkOrders.create })).toHaveCount(0);
    if (hasPage('/admin')) {
      const admin = await page.goto('/admin');
      expect(admin?.status()).toBe(403);
      await expect(page.getByRole('heading', { name: enAuth.forbidden.title })).toBeVisible();
    }

    // Signing out ends the session: protected pages and the API refuse it.
    await page.goto('/work-orders');
    await openAccountMenu(page);
    await page
      .getByRole('menu')
      .getByRole('menuitem', { name: /sign out/i })
      .click();
    await page.waitForURL(SIGN_IN_PATH);
    await expect(ssoButton(page, oidc)).toBeVisible();
    expect(await (await page.request.get('/api/auth/session')).json()).not.toHaveProperty('user');
    expect((await page.request.get('/api/task-groups')).status()).toBe(401);
    await page.goto('/work-orders');
    await expect(page).toHaveURL(SIGN_IN_PATH);

    // Signing in again finds the same account by the issuer's subject: still one viewer.
    await signInWithSso(page, oidc);
    await page.waitForURL((url) => url.origin === env.baseURL && url.pathname === '/work-orders', { timeout: 30_000 });
    await expect(accountMenu).toBeVisible({ timeout: 30_000 });
    const again = (await (await adminPage.request.get('/api/admin/users')).json()) as { users: { email: string; role: string }[] };
    expect(again.users.filter((user) => user.email === person.email)).toEqual([expect.objectContaining({ role: 'viewer' })]);
  });

  test('an issuer account with an unverified e-mail is refused with a localised message, and no account is made', async ({
    browser,
    env,
    adminPage,
    axe,
  }) => {
    const { oidc } = env;
    const person = newPerson('uma', { emailVerified: false });
    // In French, to see that the refusal is the localised text and not a raw code.
    const context = await browser.newContext({ baseURL: env.baseURL, locale: 'fr-FR' });
    try {
      await issuerLogsInAs(context, oidc, person);
      const page = await context.newPage();
      await page.goto('/sign-in');
      await signInWithSso(page, oidc, frAuth);
      await expectRefused(page, 'OidcEmailMissing', frAuth.errors.ssoEmail);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(frAuth.signIn.title);
      // Still a working sign-in page, not an error page: both ways in are offered.
      await expect(ssoButton(page, oidc, frAuth)).toBeEnabled();
      await expect(page.getByRole('textbox', { name: /^e-mail/i })).toBeVisible();
      await axe(page, 'the sign-in page with an SSO refusal');

      const { users } = (await (await adminPage.request.get('/api/admin/users')).json()) as { users: { email: string }[] };
      expect(users.map((user) => user.email)).not.toContain(person.email);
    } finally {
      await context.close();
    }
  });

  test('an invited person is linked on first SSO sign-in with the role an admin gave, and refused once disabled', async ({
    page,
    context,
    env,
    adminPage,
  }) => {
    const { oidc } = env;
    const person = newPerson('ines');
    const headers = { Origin: env.baseURL, 'Content-Type': 'application/json' };
    // The admin invites them (no password): SSO must link to this account, not make a viewer.
    const created = await adminPage.request.post('/api/admin/users', {
      headers,
      data: { email: person.email, name: person.name, role: 'supervisor' },
    });
    expect(created.status(), await created.text()).toBe(201);
    const id = ((await created.json()) as { user: { id: string } }).user.id;

    await issuerLogsInAs(context, oidc, person);
    await page.goto('/sign-in');
    await signInWithSso(page, oidc);
    await expectSignedIn(page, env.baseURL);
    await openAccountMenu(page);
    await expect(page.getByRole('menu')).toContainText(person.email);
    await expect(page.getByRole('menu')).toContainText(enCommon.roles.supervisor);
    await page.keyboard.press('Escape');
    // The role is ours, not the issuer's: the supervisor's action is offered.
    await page.goto('/work-orders');
    await expect(page.getByRole('link', { name: enWorkOrders.create })).toBeVisible();
    const { users } = (await (await adminPage.request.get('/api/admin/users')).json()) as { users: { id: string; email: string }[] };
    expect(users.filter((user) => user.email === person.email)).toEqual([
      expect.objectContaining({ id, role: 'supervisor', signIn: { password: false, sso: true } }),
    ]);

    // Disabled by an admin: the open session ends at once, and SSO no longer lets them in.
    expect((await adminPage.request.patch(`/api/admin/users/${id}`, { headers, data: { disabled: true } })).status()).toBe(200);
    await page.goto('/work-orders');
    await expect(page).toHaveURL(SIGN_IN_PATH);
    await signInWithSso(page, oidc);
    await expectRefused(page, 'AccountDisabled', enAuth.errors.disabled);
  });

  test('cancelling at the issuer comes back to the sign-in page with a message, signed out', async ({ page, context, env }) => {
    const { oidc } = env;
    await issuerLogsInAs(context, oidc, newPerson('carl', { cancels: true }));
    await page.goto('/sign-in');
    await signInWithSso(page, oidc);
    // next-auth reports the issuer's `access_denied` as its generic `Callback` error.
    await expectRefused(page, 'Callback', enAuth.errors.ssoFailed);
    // Both ways in are still offered.
    await expect(ssoButton(page, oidc)).toBeEnabled();
    await expect(page.getByRole('button', { name: /^sign in$/i })).toBeEnabled();
  });

  test('after SSO a foreign callbackUrl still lands on the app, a local one is kept', async ({ page, context, env }) => {
    const { oidc } = env;
    await issuerLogsInAs(context, oidc, newPerson('fred'));
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('https://evil.example/steal')}`);
    await signInWithSso(page, oidc);
    await expectSignedIn(page, env.baseURL);
    expect(new URL(page.url()).origin).toBe(env.baseURL);

    // Signed out (no cookies), a path of ours survives the trip through the issuer.
    await context.clearCookies();
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent('/task-groups')}`);
    await signInWithSso(page, oidc);
    await page.waitForURL((url) => url.origin === env.baseURL && url.pathname === '/task-groups', { timeout: 30_000 });
  });
});
