import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';

/** The product mark: a checked photo frame, drawn inline so it needs no asset request. */
export function BrandLogo({ size = 24 }: { size?: number }) {
  return (
    <Box component="svg" viewBox="0 0 32 32" width={size} height={size} aria-hidden="true" focusable="false" sx={{ flexShrink: 0, display: 'block' }}>
      <rect x="1" y="1" width="30" height="30" rx="8" fill="currentColor" />
      <path d="M8 21.5l4.5-5.5 3.2 3.6 2.6-3.1L24 21.5z" fill="var(--fr-palette-background-paper)" opacity="0.9" />
      <circle cx="21.5" cy="10.5" r="2.5" fill="var(--fr-palette-background-paper)" opacity="0.9" />
    </Box>
  );
}

export function BrandName({ name }: { name: string }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'primary.main' }}>
      <BrandLogo />
      <Typography
        component="span"
        sx={{ fontWeight: 700, fontSize: '0.975rem', letterSpacing: '-0.01em', color: 'text.primary', whiteSpace: 'nowrap' }}
      >
        {name}
      </Typography>
    </Box>
  );
}
