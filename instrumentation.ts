/**
 * Next.js calls `register()` once when a server instance starts. Start-up work is Node-only
 * (PGlite, argon2) and lives in `lib/server/startup.ts`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // First, before any request is handled: the client address of sign-in throttling is the
  // TCP peer, which only the Node server can see (lib/server/http/peer-address.ts).
  const { installPeerStamp } = await import('@/lib/server/http/peer-address');
  installPeerStamp();
  const { startServerOrExit } = await import('@/lib/server/startup');
  await startServerOrExit();
}
