import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ReactNode } from 'react';

/**
 * The top of a page: its one `h1`, a line saying what the page is for, and the page's main
 * actions (beside the title on a wide screen, under it on a phone). No state and no hooks, so
 * server pages and client views use the same one.
 */
export function PageHeader({
  title,
  count,
  subtitle,
  actions,
  children,
  sx,
}: {
  title: ReactNode;
  /** A figure read with the title (inside the heading), e.g. how many work orders match. */
  count?: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** More about the page's subject, under the title (the work order's review state). */
  children?: ReactNode;
  sx?: SxProps<Theme>;
}) {
  return (
    <Stack
      direction={{ xs: 'column', md: 'row' }}
      sx={[{ justifyContent: 'space-between', alignItems: { md: 'flex-start' }, gap: 2, mb: 3 }, ...(Array.isArray(sx) ? sx : [sx])]}
    >
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h4" component="h1" sx={{ overflowWrap: 'anywhere' }}>
          {title}
          {count !== undefined ? (
            <Typography component="span" variant="h6" color="textSecondary" sx={{ ml: 1.5 }}>
              {count}
            </Typography>
          ) : null}
        </Typography>
        {subtitle ? (
          <Typography color="textSecondary" sx={{ mt: 1, maxWidth: 860 }}>
            {subtitle}
          </Typography>
        ) : null}
        {children}
      </Box>
      {actions ? (
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', rowGap: 1 }}>
          {actions}
        </Stack>
      ) : null}
    </Stack>
  );
}
