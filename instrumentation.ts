/**
 * Next.js calls `register()` once when a server instance starts. Start-up work is Node-only
 * (PGlite, argon2) and lives in `lib/server/startup.ts`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('@/lib/server/startup');
  try {
    await startServer();
  } catch (error) {
    console.error('[startup] Field Review cannot start:', error instanceof Error ? error.message : error);
    // In production a server that cannot open its database or has no session secret must not
    // linger answering 500s: exit so the supervisor (systemd, Docker, Kubernetes) sees it.
    if (process.env.NODE_ENV === 'production') process.exit(1);
    throw error;
  }
}
