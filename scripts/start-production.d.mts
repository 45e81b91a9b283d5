export function productionEnvProblems(env: Record<string, string | undefined>): string[];
export function nextStartArgs(env: Record<string, string | undefined>): string[];
