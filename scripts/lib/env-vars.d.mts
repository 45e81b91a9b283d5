export const PLATFORM_VARS: Set<string>;
export function findEnvVars(root: string): Map<string, Set<string>>;
