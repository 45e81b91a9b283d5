import type { ReactNode } from 'react';
import { ClientMessages } from '@/components/layout/ClientMessages';

/** The overview's client components read only its own messages (and those of the sections it mounts). */
export default function OverviewLayout({ children }: { children: ReactNode }) {
  return <ClientMessages namespaces={['overview', 'aiAccuracy', 'spotChecks']}>{children}</ClientMessages>;
}
