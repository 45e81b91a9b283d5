// `server-only` throws when imported outside a React Server environment; tests run in plain
// Node, where importing server modules is exactly what we want.
export {};
