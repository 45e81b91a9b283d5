/**
 * Next.js calls `register()` once when a server instance starts. Start-up work is Node-only
 * (PGlite, argon2) and lives in `lib/server/startup.ts`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerOrExit } = await import('@/lib/server/startup');
  await startServerOrExit();
}
