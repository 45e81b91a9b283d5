'use client';

import AdminPanelSettingsOutlinedIcon from '@mui/icons-material/AdminPanelSettingsOutlined';
import AssignmentOutlinedIcon from '@mui/icons-material/AssignmentOutlined';
import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import InsightsOutlinedIcon from '@mui/icons-material/InsightsOutlined';
import MenuIcon from '@mui/icons-material/Menu';
import ReceiptLongOutlinedIcon from '@mui/icons-material/ReceiptLongOutlined';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Toolbar from '@mui/material/Toolbar';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { AccountMenu, type ShellUser } from './AccountMenu';
import { BrandName } from './BrandMark';
import { ColorModeMenu } from './ColorModeMenu';
import type { ColorMode } from './color-mode';
import { LanguageMenu } from './LanguageMenu';
import { activeHref, visibleSections, type NavItemId } from './nav-items';
import { ServiceStatus } from './ServiceStatus';
import { MAIN_CONTENT_ID, SkipLink } from './SkipLink';

const DRAWER_WIDTH = 232;

// The modal drawer of narrow screens loads on the menu button's first use (or when pointed at).
const loadMobileDrawer = () => import('./MobileNavDrawer');
const MobileNavDrawer = dynamic(() => loadMobileDrawer().then((module) => module.MobileNavDrawer), { ssr: false });

const ICONS: Record<NavItemId, typeof AssignmentOutlinedIcon> = {
  workOrders: AssignmentOutlinedIcon,
  overview: InsightsOutlinedIcon,
  spotChecks: FactCheckOutlinedIcon,
  taskGroups: CategoryOutlinedIcon,
  admin: AdminPanelSettingsOutlinedIcon,
  auditLog: ReceiptLongOutlinedIcon,
};

/**
 * The signed-in frame: top bar (brand, language, appearance, account), navigation drawer
 * (permanent from `md`, a modal drawer below), and the page in `<main>`.
 */
export function AppShell({ user, colorMode, children }: { user: ShellUser; colorMode: ColorMode; children: ReactNode }) {
  const t = useTranslations('nav');
  const common = useTranslations('common');
  const pathname = usePathname();
  const [mobileOpen, setMobileOpen] = useState(false);
  const [mobileOpened, setMobileOpened] = useState(false);

  const sections = visibleSections(user.role);
  const current = activeHref(
    pathname,
    sections.flatMap((section) => section.items.map((item) => item.href)),
  );

  const navigation = (
    <Box component="nav" aria-label={t('main')} sx={{ px: 1, py: 1.5, overflowY: 'auto' }}>
      {sections.map((section) => (
        <List
          key={section.id}
          dense
          disablePadding
          sx={{ mb: 1.5 }}
          subheader={
            <ListSubheader
              disableSticky
              sx={{ bgcolor: 'transparent', lineHeight: '28px', px: 1.5, typography: 'overline', color: 'text.secondary' }}
            >
              {t(`sections.${section.id}`)}
            </ListSubheader>
          }
        >
          {section.items.map((item) => {
            const Icon = ICONS[item.id];
            const active = item.href === current;
            return (
              <ListItem key={item.id} disablePadding>
                <ListItemButton
                  component={Link}
                  href={item.href}
                  selected={active}
                  aria-current={active ? 'page' : undefined}
                  onClick={() => setMobileOpen(false)}
                  sx={{
                    mb: 0.25,
                    width: '100%',
                    py: 0.75,
                    '&.Mui-selected': { color: 'primary.main', fontWeight: 600 },
                    '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
                  }}
                >
                  <ListItemIcon sx={{ minWidth: 34 }}>
                    <Icon fontSize="small" />
                  </ListItemIcon>
                  <ListItemText primary={t(item.id)} slotProps={{ primary: { sx: { fontWeight: active ? 600 : 500, fontSize: '0.875rem' } } }} />
                </ListItemButton>
              </ListItem>
            );
          })}
        </List>
      ))}
    </Box>
  );

  return (
    <Box sx={{ display: 'flex', minHeight: '100dvh', bgcolor: 'background.default' }}>
      <SkipLink label={common('skipToContent')} />
      <AppBar
        position="fixed"
        sx={{
          zIndex: (theme) => theme.zIndex.drawer + 1,
          bgcolor: 'background.paper',
          borderBottom: 1,
          borderColor: 'divider',
        }}
      >
        <Toolbar variant="dense" sx={{ gap: 0.5, minHeight: 56, px: { xs: 1, sm: 2 } }}>
          <IconButton
            aria-label={mobileOpen ? t('close') : t('open')}
            aria-expanded={mobileOpen}
            onClick={() => {
              setMobileOpened(true);
              setMobileOpen((open) => !open);
            }}
            onPointerEnter={loadMobileDrawer}
            onFocus={loadMobileDrawer}
            sx={{ display: { md: 'none' }, mr: 0.5 }}
            color="inherit"
          >
            <MenuIcon />
          </IconButton>
          <Box
            component={Link}
            href="/work-orders"
            aria-label={t('home')}
            sx={{ textDecoration: 'none', color: 'inherit', display: 'flex', borderRadius: 1, mr: 2 }}
          >
            <BrandName name={common('appName')} />
          </Box>
          <Box sx={{ flexGrow: 1 }} />
          <LanguageMenu />
          <ColorModeMenu initialMode={colorMode} />
          <Box sx={{ width: 8 }} />
          <AccountMenu user={user} />
        </Toolbar>
      </AppBar>

      {mobileOpened ? (
        <MobileNavDrawer open={mobileOpen} onClose={() => setMobileOpen(false)} width={DRAWER_WIDTH}>
          <Toolbar variant="dense" sx={{ minHeight: 56 }}>
            <BrandName name={common('appName')} />
          </Toolbar>
          {navigation}
          {mobileOpen ? <ServiceStatus /> : null}
        </MobileNavDrawer>
      ) : null}
      {/* The permanent navigation of wide screens: plain boxes with the look of MUI's docked
          drawer (whose module would bring the modal drawer's code with it). */}
      <Box sx={{ display: { xs: 'none', md: 'block' }, width: DRAWER_WIDTH, flexShrink: 0 }}>
        <Box
          sx={{
            position: 'fixed',
            top: 0,
            left: 0,
            height: '100%',
            width: DRAWER_WIDTH,
            boxSizing: 'border-box',
            display: 'flex',
            flexDirection: 'column',
            overflowY: 'auto',
            zIndex: 'drawer',
            bgcolor: 'background.default',
            color: 'text.primary',
            borderRight: 1,
            borderColor: 'divider',
          }}
        >
          <Toolbar variant="dense" sx={{ minHeight: 56 }} />
          {navigation}
          <ServiceStatus />
        </Box>
      </Box>

      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1} sx={{ flexGrow: 1, minWidth: 0, outline: 'none', px: { xs: 2, sm: 3 }, pb: 4 }}>
        <Toolbar variant="dense" sx={{ minHeight: 56 }} />
        <Box sx={{ pt: { xs: 2, sm: 3 } }}>{children}</Box>
      </Box>
    </Box>
  );
}
