import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/layout/ClientMessages';

/** The creation form reads the work order's messages. */
export default function NewWorkOrderLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['workOrder']}>{children}</ClientMessages>;
}
