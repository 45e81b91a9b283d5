'use client';

import Button, { type ButtonProps } from '@mui/material/Button';
import Link from 'next/link';

/** An MUI button that navigates with next/link — usable from server components. */
export function ButtonLink({ href, ...props }: Omit<ButtonProps<typeof Link>, 'component'> & { href: string }) {
  return <Button component={Link} href={href} {...props} />;
}
