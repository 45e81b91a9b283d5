import { styled } from '@mui/material/styles';

export const MAIN_CONTENT_ID = 'main-content';

/** First focusable element of every page: jumps over the navigation (WCAG 2.4.1). */
const Anchor = styled('a')(({ theme }) => ({
  position: 'fixed',
  top: theme.spacing(1),
  left: theme.spacing(1),
  zIndex: theme.zIndex.tooltip + 1,
  padding: theme.spacing(1, 2),
  borderRadius: theme.shape.borderRadius,
  background: theme.vars?.palette.primary.main,
  color: theme.vars?.palette.primary.contrastText,
  fontWeight: 600,
  textDecoration: 'none',
  transform: 'translateY(-200%)',
  '&:focus-visible, &:focus': { transform: 'none', outline: `2px solid ${theme.vars?.palette.primary.dark}`, outlineOffset: 2 },
}));

export function SkipLink({ label }: { label: string }) {
  return <Anchor href={`#${MAIN_CONTENT_ID}`}>{label}</Anchor>;
}
