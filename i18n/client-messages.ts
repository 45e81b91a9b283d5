import type { Namespace } from '@/messages';

/**
 * What the browser gets of the message catalogue. Every page sends the shell's namespaces (the
 * navigation, the account and language menus, the error views), and each page adds only the
 * namespaces its own client components read: the catalogue of every feature in every page's
 * HTML would be most of a light page's weight.
 */
export const SHELL_NAMESPACES = ['common', 'nav'] as const satisfies readonly Namespace[];

/** The namespaces of `messages` a page's client components need, the shell's included. */
export function clientMessages(messages: Record<string, unknown>, namespaces: readonly Namespace[]): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const namespace of new Set([...SHELL_NAMESPACES, ...namespaces])) {
    if (Object.hasOwn(messages, namespace)) picked[namespace] = messages[namespace];
  }
  return picked;
}
