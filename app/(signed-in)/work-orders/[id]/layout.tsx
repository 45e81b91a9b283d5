import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/layout/ClientMessages';

/** A work order's page: its own messages, its tasks', corrections' and task rules' (its dialogs read them all). */
export default function WorkOrderLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['workOrder', 'tasks', 'correction', 'taskGroups', 'evidencePack']}>{children}</ClientMessages>;
}
