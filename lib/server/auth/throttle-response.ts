import { SIGN_IN_ERRORS } from './credentials';

/**
 * next-auth answers a refused credentials sign-in with 401 and the reason in the redirect URL
 * (a `Location` header, or `{url}` JSON for its client). A throttled one becomes 429 with
 * `Retry-After`, same body, so next-auth's client still reads the reason and the sign-in
 * page can say how long to wait.
 */
export async function withThrottleStatus(response: Response): Promise<Response> {
  if (response.status !== 401) return response;
  const location =
    response.headers.get('location') ??
    (
      (await response
        .clone()
        .json()
        .catch(() => null)) as { url?: string } | null
    )?.url;
  let error: string | null = null;
  try {
    error = location ? new URL(location, 'http://local').searchParams.get('error') : null;
  } catch {
    return response;
  }
  const match = error?.match(new RegExp(`^${SIGN_IN_ERRORS.throttled}:(\\d{1,6})$`));
  if (!match) return response;
  const headers = new Headers(response.headers);
  headers.set('Retry-After', match[1]);
  return new Response(response.body, { status: 429, headers });
}
