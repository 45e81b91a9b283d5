import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

/** A calm full-width message: icon, title, text and actions (not found, errors, empty states). */
export function StatusMessage({
  icon,
  title,
  description,
  actions,
  headingLevel = 'h1',
}: {
  icon?: ReactNode;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  headingLevel?: 'h1' | 'h2';
}) {
  return (
    <Box sx={{ textAlign: 'center', py: { xs: 4, sm: 6 }, px: 2, maxWidth: 520, mx: 'auto' }}>
      {icon ? <Box sx={{ color: 'text.secondary', mb: 2, '& svg': { fontSize: 40 } }}>{icon}</Box> : null}
      <Typography variant="h2" component={headingLevel} sx={{ mb: 1 }}>
        {title}
      </Typography>
      {description ? (
        <Typography variant="body1" color="textSecondary" component="div" sx={{ mb: 3 }}>
          {description}
        </Typography>
      ) : null}
      {actions ? <Box sx={{ display: 'flex', gap: 1, justifyContent: 'center', flexWrap: 'wrap' }}>{actions}</Box> : null}
    </Box>
  );
}
