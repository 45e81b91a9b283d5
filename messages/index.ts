import type { Locale } from '@/lib/shared/locales';

/**
 * The message catalogue: one JSON file per locale and namespace, `messages/<locale>/<ns>.json`.
 *
 * To add a namespace: create the four files (same keys in each — a test checks it) and add one
 * line per locale below. Loaders are lazy so a request only parses its own locale.
 */
type Loader = () => Promise<{ default: Record<string, unknown> }>;

export const CATALOGUE = {
  en: {
    common: () => import('./en/common.json'),
    nav: () => import('./en/nav.json'),
    errors: () => import('./en/errors.json'),
    workOrders: () => import('./en/workOrders.json'),
    workOrder: () => import('./en/workOrder.json'),
    tasks: () => import('./en/tasks.json'),
    correction: () => import('./en/correction.json'),
    taskGroups: () => import('./en/taskGroups.json'),
    auth: () => import('./en/auth.json'),
    admin: () => import('./en/admin.json'),
    audit: () => import('./en/audit.json'),
    overview: () => import('./en/overview.json'),
    evidencePack: () => import('./en/evidencePack.json'),
    webhooks: () => import('./en/webhooks.json'),
    spotChecks: () => import('./en/spotChecks.json'),
    aiAccuracy: () => import('./en/aiAccuracy.json'),
    teams: () => import('./en/teams.json'),
  },
  fr: {
    common: () => import('./fr/common.json'),
    nav: () => import('./fr/nav.json'),
    errors: () => import('./fr/errors.json'),
    workOrders: () => import('./fr/workOrders.json'),
    workOrder: () => import('./fr/workOrder.json'),
    tasks: () => import('./fr/tasks.json'),
    correction: () => import('./fr/correction.json'),
    taskGroups: () => import('./fr/taskGroups.json'),
    auth: () => import('./fr/auth.json'),
    admin: () => import('./fr/admin.json'),
    audit: () => import('./fr/audit.json'),
    overview: () => import('./fr/overview.json'),
    evidencePack: () => import('./fr/evidencePack.json'),
    webhooks: () => import('./fr/webhooks.json'),
    spotChecks: () => import('./fr/spotChecks.json'),
    aiAccuracy: () => import('./fr/aiAccuracy.json'),
    teams: () => import('./fr/teams.json'),
  },
  de: {
    common: () => import('./de/common.json'),
    nav: () => import('./de/nav.json'),
    errors: () => import('./de/errors.json'),
    workOrders: () => import('./de/workOrders.json'),
    workOrder: () => import('./de/workOrder.json'),
    tasks: () => import('./de/tasks.json'),
    correction: () => import('./de/correction.json'),
    taskGroups: () => import('./de/taskGroups.json'),
    auth: () => import('./de/auth.json'),
    admin: () => import('./de/admin.json'),
    audit: () => import('./de/audit.json'),
    overview: () => import('./de/overview.json'),
    evidencePack: () => import('./de/evidencePack.json'),
    webhooks: () => import('./de/webhooks.json'),
    spotChecks: () => import('./de/spotChecks.json'),
    aiAccuracy: () => import('./de/aiAccuracy.json'),
    teams: () => import('./de/teams.json'),
  },
  es: {
    common: () => import('./es/common.json'),
    nav: () => import('./es/nav.json'),
    errors: () => import('./es/errors.json'),
    workOrders: () => import('./es/workOrders.json'),
    workOrder: () => import('./es/workOrder.json'),
    tasks: () => import('./es/tasks.json'),
    correction: () => import('./es/correction.json'),
    taskGroups: () => import('./es/taskGroups.json'),
    auth: () => import('./es/auth.json'),
    admin: () => import('./es/admin.json'),
    audit: () => import('./es/audit.json'),
    overview: () => import('./es/overview.json'),
    evidencePack: () => import('./es/evidencePack.json'),
    webhooks: () => import('./es/webhooks.json'),
    spotChecks: () => import('./es/spotChecks.json'),
    aiAccuracy: () => import('./es/aiAccuracy.json'),
    teams: () => import('./es/teams.json'),
  },
} satisfies Record<Locale, Record<string, Loader>>;

export type Namespace = keyof (typeof CATALOGUE)['en'];

export type Messages = Record<string, Record<string, unknown>>;

/** Every namespace of `locale`, keyed by namespace — what next-intl's `messages` expects. */
export async function loadMessages(locale: Locale): Promise<Messages> {
  const loaders: Record<string, Loader> = CATALOGUE[locale];
  const entries = await Promise.all(Object.entries(loaders).map(async ([namespace, load]) => [namespace, (await load()).default] as const));
  return Object.fromEntries(entries);
}

/** One namespace of `locale` (e.g. the error texts for an API error body). */
export async function loadNamespace(locale: Locale, namespace: Namespace): Promise<Record<string, unknown>> {
  const loaders: Record<string, Loader> = CATALOGUE[locale];
  return (await loaders[namespace]()).default;
}
