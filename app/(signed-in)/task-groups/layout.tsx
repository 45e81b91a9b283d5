import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/layout/ClientMessages';

/** Task groups and the task texts their rules show. */
export default function TaskGroupsLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['taskGroups', 'tasks']}>{children}</ClientMessages>;
}
