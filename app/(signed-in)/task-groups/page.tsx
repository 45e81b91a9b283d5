import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/layout/PageHeader';
import { TaskGroupList } from '@/components/task-groups/TaskGroupList';
import { listTaskGroups } from '@/lib/server/dal/task-groups';
import { pageContext } from '@/lib/server/http/request-context';
import { PageReady } from '@/components/layout/PageReady';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('taskGroups');
  return { title: t('title') };
}

/** The application's task groups and their rules, read through the DAL (viewer and up). */
export default async function TaskGroupsPage() {
  const [t, ctx] = await Promise.all([getTranslations('taskGroups'), pageContext()]);
  const groups = await listTaskGroups(ctx);
  return (
    <>
      <PageHeader title={t('title')} subtitle={t('intro')} />
      <TaskGroupList groups={groups} />
      <PageReady />
    </>
  );
}
