/** The `bin` folder of the newest PostgreSQL Debian installs under /usr/lib/postgresql, or null. */
export function findPostgresBin(): string | null;
export function startPostgres(options: { binDir: string; logFile?: string }): Promise<{ databaseUrl: string; pid: number; stop(): Promise<void> }>;
