'use client';

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useFormatter, useTranslations } from 'next-intl';
import type { SpotCheckSettingsDto } from '@/lib/shared/spot-checks';
import { useSpotCheckRate } from './use-spot-check-rate';

/** The admin page's "Spot checks": the share of fully passed work orders drawn for a blind check. */
export function SpotCheckRateSection({ initial }: { initial: SpotCheckSettingsDto }) {
  const t = useTranslations('spotChecks.admin');
  const format = useFormatter();
  const { settings, text, setText, invalid, saving, outcome, save } = useSpotCheckRate(initial);

  return (
    <Box component="section" aria-labelledby="spot-checks-title" sx={{ mt: 5, maxWidth: 820 }}>
      <Typography variant="h5" component="h2" id="spot-checks-title" gutterBottom>
        {t('title')}
      </Typography>
      <Typography color="textSecondary" sx={{ mb: 2 }}>
        {t('intro')}
      </Typography>
      <Stack
        component="form"
        direction="row"
        spacing={2}
        sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <TextField
          label={t('rate')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={invalid}
          helperText={t('rateHelp')}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          sx={{ width: 320 }}
        />
        <Button type="submit" variant="contained" disabled={invalid || saving} sx={{ mt: 1 }}>
          {saving ? t('saving') : t('save')}
        </Button>
      </Stack>
      <Typography variant="body2" sx={{ mt: 1 }} data-testid="spot-check-drawn">
        {t('drawn', { drawn: settings.drawn, fullyPassed: settings.fullyPassed })}
        {settings.updatedBy && settings.updatedAt
          ? ` ${t('updated', { who: settings.updatedBy, time: format.dateTime(new Date(settings.updatedAt), { dateStyle: 'medium', timeStyle: 'short' }) })}`
          : ''}
      </Typography>
      <Box role="status" sx={{ mt: 1 }}>
        {outcome?.kind === 'saved' ? <Alert severity="success">{t('saved', { rate: format.number(outcome.rate) })}</Alert> : null}
        {outcome?.kind === 'failed' ? <Alert severity="error">{t('failed', { message: outcome.message })}</Alert> : null}
      </Box>
    </Box>
  );
}
