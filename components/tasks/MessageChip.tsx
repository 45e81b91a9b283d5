import Box from '@mui/material/Box';

const COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * A rule colour only if it is a plain `#rrggbb` (it is customer text that ends up in CSS);
 * anything else falls back to neutral.
 */
export function safeRuleColor(color: string | null | undefined): string | null {
  return color && COLOR.test(color) ? color : null;
}

/** The colour swatch of a rule. Decorative: the text beside it says the same. */
export function ColorSwatch({ color, size = 12 }: { color: string | null | undefined; size?: number }) {
  const safe = safeRuleColor(color);
  return (
    <Box
      component="span"
      aria-hidden
      sx={{
        display: 'inline-block',
        flex: 'none',
        width: size,
        height: size,
        borderRadius: '50%',
        bgcolor: safe ?? 'action.disabled',
        border: 1,
        borderColor: 'divider',
        verticalAlign: 'middle',
      }}
    />
  );
}

/** A task message with its rule colour. The message is customer text: rendered as text only. */
export function MessageChip({ message, color }: { message: string | null | undefined; color: string | null | undefined }) {
  if (!message) return <ColorSwatch color={color} />;
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, minWidth: 0 }}>
      <ColorSwatch color={color} />
      <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
        {message}
      </Box>
    </Box>
  );
}
