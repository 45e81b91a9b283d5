import LockIcon from '@mui/icons-material/Lock';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/PageHeader';
import { StatusMessage } from '@/components/layout/StatusMessage';
import { CreateWorkOrderForm } from '@/components/work-order/CreateWorkOrderForm';
import type { WorkOrderSuggestions } from '@/components/work-order/WorkOrderFields';
import type { OperationContext } from '@/lib/server/dal/context';
import { getSignedInUser } from '@/lib/server/dal/signed-in-user';
import { getWorkOrderFacets } from '@/lib/server/dal/work-order-search';
import { pageContext } from '@/lib/server/http/request-context';
import { logger } from '@/lib/server/logger';
import { roleAtLeast } from '@/lib/shared/roles';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('workOrder.form');
  return { title: t('createTitle') };
}

/** Values already used in the index, offered as suggestions; the form works without them. */
async function suggestions(ctx: OperationContext): Promise<WorkOrderSuggestions> {
  try {
    const facets = await getWorkOrderFacets(ctx);
    return {
      metadataKeys: facets.metadataKeys,
      tags: facets.tags,
      types: facets.types,
      groups: facets.groups,
      engineers: facets.engineers.map((e) => e.email),
    };
  } catch (error) {
    logger.warn({ err: error, requestId: ctx.requestId }, 'work-order facets unavailable for the create form');
    return { metadataKeys: [], tags: [], types: [], groups: [], engineers: [] };
  }
}

export default async function NewWorkOrderPage() {
  const t = await getTranslations('workOrder.form');
  const ctx = await pageContext();
  const user = await getSignedInUser(ctx);
  // The API refuses viewers anyway (POST /api/work-orders checks the role); this says so first.
  if (!roleAtLeast(user.role, 'supervisor')) {
    return (
      <>
        <StatusMessage icon={<LockIcon />} title={t('forbiddenTitle')} description={t('forbidden')} />
        <PageReady />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('createTitle')} subtitle={t('createIntro')} />
      <CreateWorkOrderForm suggestions={await suggestions(ctx)} />
      <PageReady />
    </>
  );
}
