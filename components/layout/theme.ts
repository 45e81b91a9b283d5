import { createTheme, type ThemeOptions } from '@mui/material/styles';

/**
 * Field Review's look: a calm, dense back office. One indigo primary, neutral greys,
 * outlined surfaces instead of shadows, compact controls. Light and dark schemes are CSS
 * variables switched by a class on <html> (`light` / `dark`), so the server renders the
 * user's mode and switching never re-renders the tree.
 */

const fontFamily = ['Inter', 'system-ui', '-apple-system', '"Segoe UI"', 'Roboto', '"Helvetica Neue"', 'Arial', 'sans-serif'].join(',');

const monoFontFamily = ['"JetBrains Mono"', 'ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'].join(',');

const options: ThemeOptions = {
  cssVariables: { colorSchemeSelector: 'class', cssVarPrefix: 'fr' },
  colorSchemes: {
    light: {
      palette: {
        primary: { main: '#4338CA', light: '#6366F1', dark: '#3730A3', contrastText: '#FFFFFF' },
        secondary: { main: '#0F766E', contrastText: '#FFFFFF' },
        success: { main: '#15803D' },
        warning: { main: '#B45309' },
        error: { main: '#B91C1C' },
        info: { main: '#0369A1' },
        background: { default: '#F6F7F9', paper: '#FFFFFF' },
        text: { primary: '#111827', secondary: '#4B5563' },
        divider: 'rgba(17, 24, 39, 0.10)',
        action: { hover: 'rgba(17, 24, 39, 0.04)', selected: 'rgba(67, 56, 202, 0.08)' },
      },
    },
    dark: {
      palette: {
        primary: { main: '#A5B4FC', light: '#C7D2FE', dark: '#818CF8', contrastText: '#111827' },
        secondary: { main: '#5EEAD4', contrastText: '#042F2E' },
        success: { main: '#4ADE80' },
        warning: { main: '#FBBF24' },
        error: { main: '#F87171' },
        info: { main: '#7DD3FC' },
        background: { default: '#0E1014', paper: '#15181E' },
        text: { primary: '#E5E7EB', secondary: '#9CA3AF' },
        divider: 'rgba(229, 231, 235, 0.12)',
        action: { hover: 'rgba(229, 231, 235, 0.06)', selected: 'rgba(165, 180, 252, 0.14)' },
      },
    },
  },
  shape: { borderRadius: 8 },
  spacing: 8,
  typography: {
    fontFamily,
    fontSize: 14,
    h1: { fontSize: '1.625rem', fontWeight: 650, letterSpacing: '-0.01em', lineHeight: 1.25 },
    h2: { fontSize: '1.375rem', fontWeight: 650, letterSpacing: '-0.01em', lineHeight: 1.3 },
    h3: { fontSize: '1.125rem', fontWeight: 600, lineHeight: 1.35 },
    h4: { fontSize: '1rem', fontWeight: 600, lineHeight: 1.4 },
    h5: { fontSize: '0.9375rem', fontWeight: 600, lineHeight: 1.4 },
    h6: { fontSize: '0.875rem', fontWeight: 600, lineHeight: 1.4 },
    subtitle1: { fontSize: '0.9375rem', fontWeight: 500 },
    subtitle2: { fontSize: '0.8125rem', fontWeight: 600 },
    body1: { fontSize: '0.875rem', lineHeight: 1.5 },
    body2: { fontSize: '0.8125rem', lineHeight: 1.45 },
    caption: { fontSize: '0.75rem', lineHeight: 1.4 },
    overline: { fontSize: '0.6875rem', fontWeight: 600, letterSpacing: '0.08em' },
    button: { textTransform: 'none', fontWeight: 600, letterSpacing: 0 },
  },
  components: {
    MuiCssBaseline: {
      styleOverrides: {
        html: { WebkitFontSmoothing: 'antialiased', MozOsxFontSmoothing: 'grayscale' },
        'code, kbd, samp, pre': { fontFamily: monoFontFamily },
        // Numbers line up in tables and KPIs.
        body: { fontFeatureSettings: '"tnum" 1, "cv11" 1' },
      },
    },
    MuiButton: {
      defaultProps: { disableElevation: true, size: 'small' },
      styleOverrides: { root: { borderRadius: 6, paddingInline: 12 } },
    },
    MuiIconButton: { defaultProps: { size: 'small' } },
    MuiButtonBase: { defaultProps: { disableRipple: false } },
    MuiPaper: {
      defaultProps: { elevation: 0 },
      styleOverrides: { outlined: { borderColor: 'var(--fr-palette-divider)' } },
    },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiFormControl: { defaultProps: { size: 'small' } },
    MuiSelect: { defaultProps: { size: 'small' } },
    MuiAutocomplete: { defaultProps: { size: 'small' } },
    MuiChip: { defaultProps: { size: 'small' }, styleOverrides: { root: { fontWeight: 500 } } },
    MuiTooltip: { defaultProps: { arrow: true, enterDelay: 400 } },
    MuiTable: { defaultProps: { size: 'small' } },
    MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
    MuiListItemButton: { styleOverrides: { root: { borderRadius: 6 } } },
    MuiMenu: { defaultProps: { slotProps: { paper: { variant: 'outlined' } } } },
    MuiDialog: { defaultProps: { slotProps: { paper: { variant: 'outlined' } } } },
    MuiLink: { defaultProps: { underline: 'hover' } },
  },
};

/** The theme: one for the process and every page load (it holds nothing per request). */
export const appTheme = createTheme(options);
