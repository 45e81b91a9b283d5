import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/layout/ClientMessages';

/** The spot-check queue and review read only their own messages. */
export default function SpotChecksLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['spotChecks']}>{children}</ClientMessages>;
}
