'use client';

import LockIcon from '@mui/icons-material/LockOutlined';
import Button from '@mui/material/Button';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { StatusMessage } from '@/components/layout/StatusMessage';
import type { Role } from '@/lib/shared/roles';

/** What a signed-in user sees on a page their role does not allow (the server refused it). */
export function AccessDenied({ role }: { role?: Role }) {
  const t = useTranslations('auth');
  const common = useTranslations('common');
  return (
    <StatusMessage
      icon={<LockIcon />}
      title={t('forbidden.title')}
      description={role ? t('forbidden.description', { role: common(`roles.${role}`) }) : t('forbidden.descriptionNoRole')}
      actions={
        <Button variant="contained" component={Link} href="/work-orders">
          {t('forbidden.home')}
        </Button>
      }
    />
  );
}
