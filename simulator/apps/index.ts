import { fiberApp } from './fiber';
import { networkApp } from './network';
import type { AppDefinition } from './types';

export type { AppDefinition, TaskDefinition, TaskGroupDefinition, WorkOrderTypeDefinition, MetadataDefinition } from './types';

export const APP_KEYS = ['network', 'fiber'] as const;
export type AppKey = (typeof APP_KEYS)[number];

export function loadApp(key: string | undefined): AppDefinition {
  switch (key ?? 'network') {
    case 'network':
      return networkApp();
    case 'fiber':
      return fiberApp();
    default:
      throw new Error(`Unknown SIMULATOR_APP "${key}" (expected one of: ${APP_KEYS.join(', ')})`);
  }
}
